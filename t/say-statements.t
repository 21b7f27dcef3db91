#!/usr/bin/perl
# Statements per delivered line (issue 21): what the database is asked for
# a line, from /say to both parties' polls, counted in MariaDB's general
# log on this private stack. Counts are deterministic, not timings: every
# statement the conversation caused is one that names it (its channel's
# public or numeric id, or either party's cookie hash); the per-host
# scans of the watcher, the router and the other daemons name none.
# Target: at most 4 per line, one of them /say's (one CALL that checks the
# sender and stores the line, schema/280-line-post.sql), nothing per
# follower (one read of the channel and its events per round).
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Digest::SHA qw(sha256_hex);
use POSIX ();
use Test::More;
use Baton::GeneralLog qw(log_on log_off);
use Baton::Test qw(stack sql wait_for);

my $s = stack();
my $LINES = 20;
my $c = Baton::Test::open_channel(agent_name => 'Stella Statements');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
my $chid = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];
my @hashes = grep { defined } map { $_ && sha256_hex($_) }
    $agent->{browser}->cookie('baton_session'), $visitor->{browser}->cookie('baton_visitor');
is scalar @hashes, 2, 'both parties\' cookies are known';

# Each party follows the channel in a child of its own, in a browser of
# its own, until it has every line; it says which lines it saw.
my $start = Baton::Test::channel_snapshot($agent, $ch)->{last_seq};
Baton::Test::channel_snapshot($visitor, $ch);
log_on();
my @readers;
for my $who ($agent, $visitor) {
    pipe my $rd, my $wr or die "pipe: $!";
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        close $rd;
        $wr->autoflush(1);
        my $me = Baton::Test::party_clone($who);
        my ($after, $seen) = ($start, 0);
        my $deadline = time + 120;
        while ($seen < $LINES && time < $deadline) {
            my ($res, $d) = Baton::Test::chat_poll($me, $ch, after => $after);
            last unless $res->{status} == 200 && $d;
            for my $e (@{ $d->{events} || [] }) {
                next unless $e->{kind} eq 'line';
                $seen++;
                print {$wr} "$e->{body}\n";
            }
            $after = $d->{last_seq} if $d->{events};
        }
        POSIX::_exit(0);
    }
    close $wr;
    push @readers, { pid => $pid, fh => $rd, seen => [] };
}

# One line at a time, the next once both have the last: each line is its
# own round of delivery.
for my $i (1 .. $LINES) {
    my ($res, $d) = Baton::Test::chat_say($i % 2 ? $visitor : $agent, $ch, "counted line $i", cmid => "count-$i");
    is $res->{status}, 200, "line $i is stored" or last;
    for my $r (@readers) {
        my $line = readline $r->{fh};
        chomp $line if defined $line;
        push @{ $r->{seen} }, $line;
    }
}
waitpid $_->{pid}, 0 for @readers;
log_off();
is_deeply $_->{seen}, [map { "counted line $_" } 1 .. $LINES], 'every line delivered once, in order'
    for @readers;

my $rows = sql("SELECT thread_id, REPLACE(REPLACE(argument, '\\n', ' '), '\\t', ' ') FROM mysql.general_log"
    . " WHERE command_type IN ('Query', 'Execute')");
my $ours = join '|', map { quotemeta } $ch, @hashes;
# /say's connections are the ones that ran its CALL (line_post, or for a
# sender that say process has checked already, line_post_known): everything
# they ran counts (the log may show a CALL with its placeholders, not its
# values).
my %say_thread = map { $_->[0] => 1 } grep { $_->[1] =~ /^CALL line_post(?:_known)?\(/ } @$rows;
# A statement prepared while the general log was off is logged with its
# placeholders, not its values (MariaDB fills them in only for statements
# prepared while it logs): on a stack that has run other tests first, the
# poll program's reads of the channel say "id = ?", and its lookups of who
# polls name no cookie. Those of the shapes that serve a poll count as this
# conversation's either way: nothing else polls while the log is on.
my $id = qr/(?:\Q$chid\E|\?)(?!\w)/;
my @delivery_shapes = (
    qr/^SELECT last_seq, signal_version, state, leader_participant_id, current_url\s+FROM channel WHERE id = $id/,
    qr/FROM channel_event e .* WHERE e\.channel_id = $id/,
);
my @lookup_shapes = (qr/^SELECT id, stamp_due FROM visitor_cookie WHERE token_hash/,
    qr/^SELECT v\.id, v\.agent_id, v\.csrf_token/, qr/^CALL channel_member\(/);
my %by_kind;
my ($say, $delivery, $total) = (0, 0, 0);
for my $row (@$rows) {
    my ($thread, $text) = @$row;
    my $is_say = $say_thread{$thread};
    # A connection opened meanwhile sets its time zone: once, not per line.
    next if $text =~ /^SET time_zone\b/;
    my $serves_poll = grep { $text =~ $_ } @delivery_shapes, @lookup_shapes;
    next unless $is_say || $serves_poll || $text =~ /$ours/ || $text =~ /\b(?:id|channel_id) = $chid\b/;
    $total++;
    my ($kind) = $text =~ /^(CALL \w+|.{0,40})/;
    $by_kind{$kind}++;
    $say++ if $is_say;
    $delivery++ if grep { $text =~ $_ } @delivery_shapes;
}
diag sprintf '%d lines: %d statements (%.2f per line): %s', $LINES, $total, $total / $LINES,
    join ', ', map { "$by_kind{$_} × $_" } sort { $by_kind{$b} <=> $by_kind{$a} } keys %by_kind;
is $say, $LINES, '/say asks the database once per line: one CALL that checks and stores';
# Besides: each follower's first look reads the channel itself (no round
# of the watcher has read it yet), and a change just before the log began
# may take one round: a few looks per conversation, none per line.
ok $delivery >= $LINES && $delivery <= 2 * $LINES + 4,
    "the two followers' delivery: the watcher's 2 reads per line, not per follower ($delivery)";
ok $total <= 4 * $LINES, sprintf 'at most 4 statements per delivered line (%.2f)', $total / $LINES;

done_testing;
