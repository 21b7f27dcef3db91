#!/usr/bin/perl
# An idle re-poll costs the database nothing (issue 21). A visitor in a
# quiet conversation asks again each time their held poll's time is up;
# neither who they are nor the channel is read again, even once the
# 10-second pass that remembers who a poll is has run out: a visitor's
# pass goes on holding idle re-polls while no one's place in the channel
# has changed since they were found in it (lib/poll_engine.h, struct pass).
# A line changes no one's place, and the re-polls after it are held as
# before; a join, a leave, a removal do, and the next poll is looked at
# afresh. Counted in MariaDB's general log.
# A staff member's idle re-polls cost nothing either (schema 282): their
# session is checked for the whole host once a second, and stamped for it
# every ten, so a disabled agent's polls are refused within seconds and a
# sign-out ends a held poll at once.
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

# A party of a conversation, polling the second host.
sub on_second {
    my ($party) = @_;
    my $b = Baton::Test::Browser->new(base => "http://127.0.0.1:$port2");
    $b->{jar} = { %{ $party->{browser}{jar} } };
    return { %$party, browser => $b };
}

my $c = Baton::Test::open_channel(agent_name => 'Ida Idle');
my $ch = $c->{channel};
my %on2 = map { $_ => on_second($c->{$_}) } qw(agent visitor);

sub poll_of {
    my ($party, $channel, $after) = @_;
    my ($res, $d) = Baton::Test::chat_poll($party, $channel, after => $after);
    die "poll: $res->{status} $res->{content}" unless $res->{status} == 200 && $d;
    return $d;
}
sub poll2 { my ($who, $after) = @_; return poll_of($on2{$who}, $ch, $after) }

# Re-polls of a party on the second host, in $channel, up to date at
# $after, for $seconds; returns how many were held and told to ask again,
# and the last answer.
sub idle_polls {
    my ($who, $channel, $after, $seconds, $until) = @_;
    my ($cycles, $t0, $d) = (0, time);
    while (time - $t0 < $seconds) {
        $d = poll_of($who, $channel, $after);
        last unless $d->{again};
        $cycles++;
        last if $until && $until->();
    }
    return ($cycles, $d);
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

# A poll of the party $who on the second host, in $channel, up to date at
# $after, held while a child says $text as the party $speaker on the first
# host once the poll is parked there; then the child runs $then, if given
# (its result, true or false, is its exit status). Returns the poll's
# answer.
sub held_while_said {
    my ($who, $channel, $after, $speaker, $text, $then) = @_;
    my $before = Baton::Test::poll_held($second);
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        Baton::Test::wait_parked($before, dir => $second) or POSIX::_exit(1);
        my ($res) = Baton::Test::chat_say(Baton::Test::party_clone($speaker), $channel, $text);
        POSIX::_exit(2) unless $res->{status} == 200;
        POSIX::_exit($then && !$then->() ? 3 : 0);
    }
    my $d = poll_of($who, $channel, $after);
    waitpid $pid, 0;
    is $? >> 8, 0, "$speaker->{name} says '$text' while the poll is held"
        . ($then ? ', and the rest is done' : '');
    return $d;
}

# A line while the agent's poll is held on the second host: its watcher
# reads the channel in a round of answers.
my $start = poll2('agent', 0)->{last_seq};
my $woken = held_while_said($on2{agent}, $ch, $start, $c->{visitor}, 'Anyone there?');
my $last = $woken->{last_seq};
ok $last > $start, 'the agent\'s held poll is answered with it';

# The visitor is found in the channel (their pass), then goes quiet.
my $d = poll2('visitor', $last);
ok $d->{again}, 'the visitor, up to date, is held and told to ask again';

log_on();
# Past the 10-second pass, and then some: every re-poll is held and told
# to ask again, as a quiet conversation's are.
(my $cycles, $d) = idle_polls($on2{visitor}, $ch, $last, 14);
log_off();
my $idle = logged();
ok $d->{again} && $cycles >= 3, "the visitor asked again $cycles times, over 14 s, each told to ask again";
is_deeply $idle, { map { $_ => 0 } keys %shapes }, 'and the database was asked nothing for any of them'
    or diag explain $idle;

# A line: the held poll gets it, and the re-polls after it are still held
# on what the host remembers, as when 5,000 followers ask again after the
# leader's page change.
my $heard = held_while_said($on2{visitor}, $ch, $last, $c->{agent}, 'Here I am');
ok grep({ ($_->{body} // '') eq 'Here I am' } @{ $heard->{events} || [] }),
    'the visitor\'s held poll, on a pass past its time, is answered with the line';
log_on();
($cycles, $d) = idle_polls($on2{visitor}, $ch, $heard->{last_seq}, 3);
log_off();
ok $d->{again} && $cycles >= 1, "the visitor asks again, up to date ($cycles times), and is held";
my $after = logged();
is $after->{'the visitor by cookie'} + $after->{membership}, 0,
    'a line changes no one\'s place: who the visitor is was not looked at again'
    or diag explain $after;

# A supervisor joins, on the first host: someone's place in the channel
# changed, and the visitor's next poll on the second host, once that host
# has seen the change, looks at who they are again.
Baton::Test::monitoring_supervisor($c->{client}, $ch, name => 'Paula Place');
my $moved = $heard->{last_seq};
ok Baton::Test::wait_for('the second host answers with the supervisor\'s arrival', 15, sub {
    my $p = poll2('visitor', $moved);
    $moved = $p->{last_seq} if $p->{last_seq} && $p->{last_seq} > $moved;
    return $moved > $heard->{last_seq};
}), 'the visitor\'s poll on the second host moves past the supervisor\'s arrival';
log_on();
$d = poll2('visitor', $moved);
log_off();
ok $d->{again}, 'the visitor asks again, up to date';
$after = logged();
ok $after->{'the visitor by cookie'} >= 1 && $after->{membership} >= 1,
    'after a change of place, who the visitor is and their place in it were looked at again'
    or diag explain $after;

# A quiet conversation that no round of the second host has read: nothing
# in it was said while a poll of it was held there, and it has fallen out
# of the window that host's scan of the database looks at again (from two
# seconds before the newest change anywhere, in whole seconds). A poll's
# own read of the channel lets the re-polls after it be held without
# another, within the pass and past it (only a change handled after the
# read ends that).
my $q = Baton::Test::open_channel(agent_name => 'Quinn Quiet');
my $qch = $q->{channel};
my ($qsaid) = Baton::Test::chat_say($q->{visitor}, $qch, 'Just looking');
is $qsaid->{status}, 200, 'another conversation: its visitor says a line on the first host';
Baton::Test::wait_for('the quiet conversation five seconds old', 15, sub {
    sql("SELECT changed_at < NOW(6) - INTERVAL 5 SECOND FROM channel WHERE public_id = '$qch'")->[0][0];
});
# Then a line in the first conversation, the newest change: once the
# second host has answered a poll held there with it, its scan has moved
# past the quiet one.
my $meanwhile = held_while_said($on2{visitor}, $ch, $moved, $c->{agent}, 'Meanwhile');
ok grep({ ($_->{body} // '') eq 'Meanwhile' } @{ $meanwhile->{events} || [] }),
    'the first conversation\'s visitor hears it on the second host';
my %q2 = map { $_ => on_second($q->{$_}) } qw(agent visitor);
my $qlast = poll_of($q2{visitor}, $qch, 0)->{last_seq};
ok $qlast > 0, 'the quiet conversation\'s visitor reads it on the second host';
# (Until that host's scan has seen the newest change, it may look at the
# quiet conversation once more, and the first re-poll after that reads it.)
Baton::Test::wait_for('a re-poll of the quiet conversation that reads nothing', 20, sub {
    log_on();
    poll_of($q2{visitor}, $qch, $qlast);
    log_off();
    return logged()->{"the channel's versions"} == 0;
});
log_on();
(my $qcycles, $d) = idle_polls($q2{visitor}, $qch, $qlast, 14);
log_off();
$idle = logged();
ok $d->{again} && $qcycles >= 3, "its visitor asked again $qcycles times, over 14 s, each told to ask again";
is_deeply $idle, { map { $_ => 0 } keys %shapes }, 'and the database was asked nothing for any of them'
    or diag explain $idle;
# A line on the first host while the visitor's poll is held on the second,
# and the agent's first poll on the second host (from the start: nothing
# remembered holds it), coming before that host's scan has seen the line,
# reads it: that read answers the agent, and it must not stand for a round
# that answered the visitor's held poll.
my $qheard = held_while_said($q2{visitor}, $qch, $qlast, $q->{agent}, 'Still there?', sub {
    my $qagent = poll_of($q2{agent}, $qch, 0);
    return grep { ($_->{body} // '') eq 'Still there?' } @{ $qagent->{events} || [] };
});
ok grep({ ($_->{body} // '') eq 'Still there?' } @{ $qheard->{events} || [] }),
    'the visitor\'s held poll is answered with the line, though a poll\'s read of it came first'
    or diag explain $qheard;

# The agent, now: up to date, found afresh, then quiet.
# ('Meanwhile' came after the agent's last poll: their first poll here has
# it.)
my $now = poll2('agent', $heard->{last_seq})->{last_seq};
$d = poll2('agent', $now);
ok $d->{again}, 'the agent, up to date, is held and told to ask again';
my $agent_id = $c->{agent}{id};
my $session = sql("SELECT id FROM staff_session WHERE agent_id = $agent_id AND ended_at IS NULL"
    . ' ORDER BY id DESC LIMIT 1')->[0][0];
# Their stamp, made to look two minutes old: the host's batch stamps it,
# since no lookup of theirs will.
sql("UPDATE staff_session SET last_seen_at = NOW(3) - INTERVAL 2 MINUTE WHERE id = $session");
my $stamped = sub {
    sql("SELECT last_seen_at > NOW(3) - INTERVAL 1 MINUTE FROM staff_session WHERE id = $session")->[0][0];
};
$shapes{"the hosts' check of the staff sessions"} = qr/^SELECT j\.sid FROM JSON_TABLE/;
$shapes{"the hosts' stamp of the staff sessions"} = qr/^CALL staff_sessions_touch\(/;
log_on();
my $t0 = time;
my ($agent_cycles) = idle_polls($on2{agent}, $ch, $now, 14);
# The stamp comes every ten seconds: wait for it, re-polling as the page does.
idle_polls($on2{agent}, $ch, $now, 30, $stamped);
my $took = time - $t0;
log_off();
$idle = logged();
ok $agent_cycles >= 3, "the agent asked again $agent_cycles times, over 14 s, each told to ask again";
is $idle->{$_}, 0, "the agent's re-polls asked nothing of the database: $_"
    for 'the staff session', 'membership', "the channel's versions", "the channel's events";
my $checks = $idle->{"the hosts' check of the staff sessions"};
my $seconds = int($took) + 2;
ok $checks >= 1 && $checks <= 2 * $seconds,
    "their session was checked by the hosts, at most once a second each ($checks in ${seconds} s), "
    . 'not once per poll';
ok $stamped->(), 'and stamped as seen by the host, in its batch';
ok $idle->{"the hosts' stamp of the staff sessions"} >= 1, 'the stamp is the batch procedure'
    or diag explain $idle;

# Disabled behind the program's back (no notice on any host): the host's
# check finds out, and the agent's polls are refused long before the
# 300 s that an idle pass would otherwise hold them.
# The agent polls on the second host until refused, or $seconds pass;
# returns the last poll's status.
sub refused_on2 {
    my ($seconds) = @_;
    my $status;
    Baton::Test::wait_for('the agent\'s poll refused', $seconds, sub {
        my ($res) = Baton::Test::chat_poll($on2{agent}, $ch, after => $now);
        $status = $res->{status};
        return $status != 200;
    });
    return $status;
}
sql("UPDATE agent SET disabled = 1 WHERE id = $agent_id");
my $refused = refused_on2(10);
ok defined $refused && $refused >= 400 && $refused < 500,
    "a disabled agent's idle re-poll is refused within seconds ($refused)";
sql("UPDATE agent SET disabled = 0 WHERE id = $agent_id");
ok poll2('agent', $now)->{again}, 'enabled again, the agent polls as before';

# Signed out while a poll is held: on the host that holds it, the poll
# ends at once, before the visitor's next line could reach it, and no poll
# of that session is served again; another host learns it from its check
# within a second or two (it would otherwise hold the idle pass 300 s).
my $w = Baton::Test::woken_poll($c->{agent}, $ch, sub {
    my $b = $c->{agent}{browser}->clone;
    my $out = $b->post('/signout', form => [csrf => $b->session_csrf]);
    my ($said) = Baton::Test::chat_say(Baton::Test::party_clone($c->{visitor}), $ch, 'After you left');
    return "$out->{status}/$said->{status}";
});
is $w->{status}, '303/200', 'the agent signs out; the visitor says a line';
is $w->{poll_status}, 200, 'the agent\'s held poll is answered';
ok $w->{answer}{again} && !grep({ ($_->{body} // '') eq 'After you left' } @{ $w->{answer}{events} || [] }),
    'with "ask again", not with the line said after the sign-out' or diag explain $w->{answer};
my ($after_signout) = Baton::Test::chat_poll($c->{agent}, $ch, after => $now);
ok $after_signout->{status} >= 400 && $after_signout->{status} < 500,
    "the signed-out session's next poll is refused ($after_signout->{status})";
my $elsewhere = refused_on2(5);
ok defined $elsewhere && $elsewhere >= 400 && $elsewhere < 500,
    "and on the other host within seconds ($elsewhere)";

done_testing;
