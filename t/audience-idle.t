#!/usr/bin/perl
# An attendee's idle re-poll costs the database nothing (issue 17, the
# auditorium's re-poll stampede). After each round of the stage, every
# attendee asks again at once with what they have just seen; who they are
# comes from their pass (lib/poll_engine.h, struct pass) and whether the
# stage moved from the versions that round read (struct memo), so nothing
# is asked of MariaDB until the stage moves. A removal still ends their
# polling at once on the host that removes them: their pass is forgotten
# (NOTIFY_REVOKE) and their next poll is refused. Counted in MariaDB's
# general log. Runs a second app stack on the same database, holding polls
# 2 s, so that idle re-polls come every 2 s.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX ();
use Time::HiRes qw(time);
use Test::More;
use Baton::GeneralLog qw(log_on log_off logged_count);
use Baton::Test qw(stack sql wait_for);
use Baton::Crowd qw(event_with attendee audience_poll staff_post moderate_as);

my $s = stack();
my $second = "$s->{DIR}/app-audience-idle";
my $out = qx{"$s->{ROOT}/tools/stack" start "$second" --db-of "$s->{DIR}" --set poll_hold_seconds=2 2>&1};
is $?, 0, 'a second app stack, holding polls 2 s, starts' or diag $out;
my $parent = $$;
END { system("\"$s->{ROOT}/tools/stack\" stop \"$second\" >/dev/null 2>&1") if $second && $$ == $parent }
my ($port2) = do { open my $fh, '<', "$second/env" or die; join('', <$fh>) =~ /BATON_PORT=(\d+)/ };

my $e = event_with(speakers => 1);
my ($producer, $speaker) = ($e->{producer}, $e->{speakers}[0]);
my $id = $e->{id};
staff_post($producer, '/event', id => $id, action => 'live');
my @crowd = map { attendee($id, name => "Idle $_") } 1 .. 2;
my $stage = sql("SELECT stage_channel_id FROM live_event WHERE public_id = '$id'")->[0][0];

# The same people on the second host (their cookies are rows in the database).
sub on_second {
    my ($who) = @_;
    my $b = Baton::Test::Browser->new(base => "http://127.0.0.1:$port2");
    $b->{jar} = { %{ $who->{browser}{jar} } };
    return { %$who, browser => $b };
}
my @crowd2 = map { on_second($_) } @crowd;

sub poll2 {
    my ($who, $seen) = @_;
    my ($res, $d) = audience_poll($who, $id, after => $seen->{last_seq} // 0, signals => $seen->{signals} // 0);
    die "poll: $res->{status} $res->{content}" unless $res->{status} == 200 && $d;
    return $d;
}

# Statements that look at who an attendee is or at the stage's news, by
# their shape and, where they name it, this event's stage. A statement
# prepared while the general log was off is logged with "?" for the stage
# (MariaDB fills in values only for statements prepared while it logs): on
# the second host, whose polls are this test's alone, either counts.
my $the_stage = qr/(?:\Q$stage\E|\?)(?!\w)/;
my %shapes = (
    'the attendee by cookie' => qr/^SELECT a\.id, e\.id, e\.stage_channel_id/,
    "the stage's versions" => qr/^SELECT last_seq, signal_version, state, leader_participant_id, current_url\s+FROM channel WHERE id = $the_stage/,
    "the event's state" => qr/^SELECT state FROM live_event WHERE stage_channel_id = $the_stage/,
    "the stage's events" => qr/^SELECT e\.seq, e\.kind, e\.participant_id, COALESCE\(p\.display_name, a\.name\)/,
);
sub logged { logged_count(\%shapes) }

# An attendee's poll on the second host, up to date with $seen, held while
# a child has the producer hand the lead to the speaker (news for the
# room) once the poll is parked there: a round of that host's watcher
# reads the stage. Returns the poll's answer.
sub held_while_led {
    my ($who, $seen) = @_;
    my $before = Baton::Test::poll_held($second);
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        Baton::Test::wait_parked($before, dir => $second) or POSIX::_exit(1);
        my $p = Baton::Test::party_clone($producer);
        my ($res) = moderate_as($p, $id, action => 'lead', speaker => $speaker->{id});
        POSIX::_exit($res->{status} == 200 ? 0 : 2);
    }
    my $d = poll2($who, $seen);
    waitpid $pid, 0;
    is $? >> 8, 0, 'the producer hands the lead over while the poll is held';
    return $d;
}

my $first = poll2($crowd2[0], {});
ok !$first->{again}, 'a first poll on the second host answers with the stage';
my $woken = held_while_led($crowd2[0], $first);
ok $woken->{last_seq} > $first->{last_seq} && !$woken->{again}, 'the held poll is answered with the news';

log_on();
my ($cycles, $t0, $d) = (0, time, undef);
# Three holds and more: each re-poll is held, runs out and is told to ask
# again, as the idle audience's are.
while (time - $t0 < 7) {
    $d = poll2($crowd2[0], $woken);
    last unless $d->{again};
    $cycles++;
}
log_off();
my $idle = logged();
ok $d->{again} && $cycles >= 2, "the attendee asked again $cycles times, each held and told to ask again";
is_deeply $idle, { map { $_ => 0 } keys %shapes }, 'and the database was asked nothing for any of them'
    or diag explain $idle;

# The producer removes the other attendee on the second host: from then on
# their polls there are refused, however recent their pass.
my $victim = $crowd2[1];
my $seen = poll2($victim, {});
my $p2 = on_second($producer);
my $res = $p2->{browser}->post('/moderate', form => [csrf => $producer->{browser}->session_csrf, e => $id,
    action => 'remove', attendee => $crowd[1]{id}],
    headers => { Accept => 'application/json', Origin => "http://127.0.0.1:$port2" });
is $res->{status}, 200, 'the producer removes an attendee: 200';
my ($r, $told) = audience_poll($victim, $id, after => $seen->{last_seq}, signals => $seen->{signals});
ok $r->{status} == 403 || (grep { $_->{kind} eq 'removed' } @{ $told->{events} // [] }),
    'their next poll on that host is refused, or tells them they were removed';
ok wait_for('the refusal', 15, sub { audience_poll($victim, $id)->{status} == 403 }),
    'and so is every one after it';
done_testing;
