#!/usr/bin/perl
# An idle re-poll costs the database nothing (issue 21). A visitor in a
# quiet conversation asks again each time their held poll's time is up;
# neither who they are nor the channel is read again, even once the
# 10-second pass that remembers who a poll is has run out: a visitor's
# pass goes on holding idle re-polls while the channel's seq has not moved
# since they were found in it (cgi-bin/poll.c, struct pass). Once it moves
# (a line, a leave, a removal: anything that could change their place),
# the next poll is looked at afresh. Counted in MariaDB's general log.
# Runs a second app stack on the same database, holding polls 2 s.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX ();
use Time::HiRes qw(time);
use Test::More;
use Baton::GeneralLog qw(log_on log_off logged_count);
use Baton::Test qw(stack sql);

my $s = stack();
my $second = "$s->{DIR}/app-idle";
my $out = qx{"$s->{ROOT}/tools/stack" start "$second" --db-of "$s->{DIR}" --set poll_hold_seconds=2 2>&1};
is $?, 0, 'a second app stack, holding polls 2 s, starts' or diag $out;
my $parent = $$;
END { system("\"$s->{ROOT}/tools/stack\" stop \"$second\" >/dev/null 2>&1") if $second && $$ == $parent }
my ($port2) = do { open my $fh, '<', "$second/env" or die; join('', <$fh>) =~ /BATON_PORT=(\d+)/ };

my $c = Baton::Test::open_channel(agent_name => 'Ida Idle');
my $ch = $c->{channel};
my %on2;
for my $who (qw(agent visitor)) {
    my $b = Baton::Test::Browser->new(base => "http://127.0.0.1:$port2");
    $b->{jar} = { %{ $c->{$who}{browser}{jar} } };
    $on2{$who} = { %{ $c->{$who} }, browser => $b };
}

sub poll2 {
    my ($who, $after) = @_;
    my ($res, $d) = Baton::Test::chat_poll($on2{$who}, $ch, after => $after);
    die "poll: $res->{status} $res->{content}" unless $res->{status} == 200 && $d;
    return $d;
}

# Statements that look at who polls or at a channel's news, by their shape
# (the general log may show a statement with its placeholders).
my %shapes = (
    'the visitor by cookie' => qr/^SELECT id, stamp_due FROM visitor_cookie WHERE token_hash/,
    'the staff session' => qr/^SELECT v\.id, v\.agent_id, v\.csrf_token/,
    'membership' => qr/^CALL channel_member\(/,
    "the channel's versions" => qr/^SELECT last_seq, signal_version, state, leader_participant_id/,
    "the channel's events" => qr/^SELECT e\.seq, e\.kind, e\.participant_id/,
);
sub logged { logged_count(\%shapes) }

# A poll of $who on the second host, up to date at $after, held while a
# child says $text as $speaker once the poll is parked there. Returns the
# poll's answer.
sub held_while_said {
    my ($who, $after, $speaker, $text) = @_;
    my $before = Baton::Test::poll_sockets($second);
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        Baton::Test::wait_parked($before, dir => $second) or POSIX::_exit(1);
        my ($res) = Baton::Test::chat_say(Baton::Test::party_clone($c->{$speaker}), $ch, $text);
        POSIX::_exit($res->{status} == 200 ? 0 : 2);
    }
    my $d = poll2($who, $after);
    waitpid $pid, 0;
    is $? >> 8, 0, "$speaker says '$text' while the poll is held";
    return $d;
}

# A line while the agent's poll is held on the second host: its watcher
# reads the channel in a round of answers.
my $start = poll2('agent', 0)->{last_seq};
my $woken = held_while_said('agent', $start, 'visitor', 'Anyone there?');
my $last = $woken->{last_seq};
ok $last > $start, 'the agent\'s held poll is answered with it';

# The visitor is found in the channel (their pass), then goes quiet.
my $d = poll2('visitor', $last);
ok $d->{again}, 'the visitor, up to date, is held and told to ask again';

log_on();
my ($cycles, $t0) = (0, time);
# Past the 10-second pass, and then some: every re-poll is held and told
# to ask again, as a quiet conversation's are.
while (time - $t0 < 14) {
    $d = poll2('visitor', $last);
    last unless $d->{again};
    $cycles++;
}
log_off();
my $idle = logged();
ok $d->{again} && $cycles >= 3, "the visitor asked again $cycles times, over 14 s, each told to ask again";
is_deeply $idle, { map { $_ => 0 } keys %shapes }, 'and the database was asked nothing for any of them'
    or diag explain $idle;

# Something happens: the held poll gets it, and the next poll looks afresh.
my $heard = held_while_said('visitor', $last, 'agent', 'Here I am');
ok grep({ ($_->{body} // '') eq 'Here I am' } @{ $heard->{events} || [] }),
    'the visitor\'s held poll, on a pass past its time, is answered with the line';
log_on();
$d = poll2('visitor', $heard->{last_seq});
log_off();
ok $d->{again}, 'the visitor asks again, up to date';
my $after = logged();
ok $after->{'the visitor by cookie'} >= 1 && $after->{membership} >= 1,
    'after the channel moved, who the visitor is and their place in it were looked at again'
    or diag explain $after;

done_testing;
