#!/usr/bin/perl
# Leaving: the visitor leaving leaves the agent in an open channel; the
# agent leaving (or the last one out) closes it, polls say so at once,
# posting is refused, notices are in the log, the agent is idle again and
# the freed seat goes to the next visitor waiting.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX ();
use Time::HiRes qw(time sleep);
use Test::More;
use Baton::Test qw(stack sql wait_for);

my $s = stack();

sub ids {
    my ($c) = @_;
    my $id = sql("SELECT id FROM channel WHERE public_id = '$c->{channel}'")->[0][0];
    my %p = map { $_->[1] => $_->[0] } @{ sql("SELECT id, kind FROM participant WHERE channel_id = $id") };
    return ($id, $p{agent}, $p{visitor});
}

sub leave {
    my ($who, $ch, %o) = @_;
    my $res = $who->{browser}->post('/leave', form => [channel => $ch, token => $o{token} // $who->{token}],
        headers => { ($o{json} ? (Accept => 'application/json') : ()), Origin => $o{origin} // $s->{URL} });
    return $res;
}

subtest 'the visitor leaves: the agent stays, the channel stays open' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Lee Leave');
    my $ch = $c->{channel};
    my ($id, $ap, $vp) = ids($c);
    Baton::Test::chat_say($c->{visitor}, $ch, 'Got it, thanks!');
    my $res = leave($c->{visitor}, $ch);
    is $res->{status}, 303, 'POST /leave (form): 303';
    is $res->{headers}{location}, "/transcript?id=$ch", 'the visitor is sent to the transcript';

    my $a = (Baton::Test::chat_poll($c->{agent}, $ch, after => 4))[1];
    is_deeply [map { [@$_{qw(seq kind from name role)}] } @{ $a->{events} }],
        [[5, 'leave', $vp, 'Visitor', 'visitor']], 'the agent\'s poll: the visitor\'s leave event';
    ok $a->{open}, 'the channel is still open';
    is sql("SELECT state FROM channel WHERE id = $id")->[0][0], 'open', 'in the database too';
    like $c->{agent}{browser}->get("/channel?id=$ch")->{content}, qr/Visitor left/, 'the agent\'s page shows the leave notice';
    unlike $c->{agent}{browser}->get("/channel?id=$ch")->{content}, qr/class="person role-visitor"/, 'and no longer lists the visitor';

    my $vpage = $c->{visitor}{browser}->get("/channel?id=$ch");
    is $vpage->{status}, 200, 'the visitor can still read the page';
    like $vpage->{content}, qr/data-open="0"/, 'which is over for them';
    unlike $vpage->{content}, qr/id="say-form"/, 'with no input line';
    my ($r, $d) = Baton::Test::chat_say($c->{visitor}, $ch, 'wait, one more thing');
    is $r->{status}, 409, 'the visitor can no longer post: 409';
    is leave($c->{visitor}, $ch)->{status}, 409, 'nor leave twice';
    ($r) = Baton::Test::chat_say($c->{agent}, $ch, 'Bye!');
    is $r->{status}, 200, 'the agent still can';

    # The last one out closes it.
    $res = leave($c->{agent}, $ch, json => 1);
    is $res->{status}, 200, 'the agent leaves too (JSON)';
    is_deeply Baton::Test::json_decode($res->{content}), { left => JSON::PP::true(), next => '/console' },
        'and is sent back to the console';
    is sql("SELECT state, closed_at IS NOT NULL FROM channel WHERE id = $id")->[0][0], 'closed', 'now the channel is closed';
    my $all = (Baton::Test::chat_poll($c->{visitor}, $ch))[1];
    is_deeply [map { $_->{kind} } @{ $all->{events} }], [qw(join join address line leave line leave close)],
        'the log: joins, the page led to, lines, both leaves, close';
    ok !$all->{open}, 'open:false';
};

subtest 'the agent leaves: the channel closes' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Lou Leave');
    my $ch = $c->{channel};
    my ($id, $ap, $vp) = ids($c);
    my $agent_id = $c->{agent}{id};
    sql("UPDATE agent SET idle_since = '2001-01-01' WHERE id = $agent_id");

    # The visitor's poll is held when the agent leaves; it must answer at once.
    my $agent2 = Baton::Test::party_clone($c->{agent});
    my $before = Baton::Test::poll_held();
    my $start = time;
    pipe my $rd, my $wr or die "pipe: $!";
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        close $rd;
        Baton::Test::wait_parked($before) or POSIX::_exit(1);
        sleep 1.2 - (time - $start) if time - $start < 1.2;
        my $t = time;
        my $res = leave($agent2, $ch);
        print {$wr} "$t $res->{status} " . ($res->{headers}{location} // '') . "\n";
        close $wr;
        POSIX::_exit(0);
    }
    close $wr;
    my ($res, $v) = Baton::Test::chat_poll($c->{visitor}, $ch, after => 3);
    my $answered = time;
    my ($left_at, $status, $location) = split ' ', scalar <$rd>;
    waitpid $pid, 0;
    is $status, 303, 'the agent leaves (form): 303';
    is $location, '/console', 'back to the console';
    ok $left_at - $start > 1, 'the visitor\'s poll was held';
    ok $answered - $left_at < 1, sprintf 'and answered %.0f ms after the agent left', ($answered - $left_at) * 1000;
    is_deeply [map { [@$_{qw(seq kind from)}] } @{ $v->{events} }], [[4, 'leave', $ap], [5, 'close', undef]],
        'with the agent\'s leave and the close';
    is $v->{events}[0]{name}, 'Lou Leave', 'naming the agent';
    ok !$v->{open}, 'open:false';
    is sql("SELECT state FROM channel WHERE id = $id")->[0][0], 'closed', 'the channel is closed';
    is sql("SELECT COUNT(*) FROM participant WHERE channel_id = $id AND left_at IS NULL")->[0][0], 0, 'everyone is out of it';
    ok sql("SELECT idle_since > NOW(3) - INTERVAL 1 MINUTE FROM agent WHERE id = $agent_id")->[0][0],
        'the agent\'s idle_since is now (routing counts idle time from here)';

    my $page = $c->{visitor}{browser}->get("/channel?id=$ch")->{content};
    like $page, qr/Lou Leave left.*The session has ended/s, 'the visitor\'s page shows the leave and the end';
    like $page, qr/<p id="ended" class="notice">This session has ended\.\s*<a href="\/transcript\?id=$ch"/, 'with the transcript link';

    my ($r, $d) = Baton::Test::chat_say($c->{visitor}, $ch, 'hello?');
    is $r->{status}, 409, 'the visitor posting now: 409';
    ($r) = Baton::Test::chat_say($c->{agent}, $ch, 'oops');
    is $r->{status}, 409, 'the agent too';
    ($r) = Baton::Test::chat_typing($c->{visitor}, $ch, 'typing');
    is $r->{status}, 409, 'typing too';
    is leave($c->{visitor}, $ch)->{status}, 409, 'leaving a closed channel: 409';
    is sql("SELECT last_seq FROM channel WHERE id = $id")->[0][0], 5, 'nothing was added';
    is sql("SELECT COUNT(*) FROM channel_event WHERE channel_id = $id AND kind = 'close'")->[0][0], 1, 'one close event';
};

subtest 'outsiders cannot make anyone leave' => sub {
    my $c = Baton::Test::open_channel();
    my $ch = $c->{channel};
    my ($id) = ids($c);
    is leave($c->{visitor}, $ch, token => 'c' x 64)->{status}, 403, 'a wrong token: 403';
    is leave($c->{visitor}, $ch, origin => 'https://evil.example')->{status}, 403, 'another Origin: 403';
    my $other = Baton::Test::open_channel();
    is leave($other->{visitor}, $ch, token => $c->{visitor}{token})->{status}, 403, 'someone else with the visitor\'s token: 403';
    is leave($other->{agent}, $ch, token => $c->{agent}{token})->{status}, 403, 'an agent of another client with the agent\'s token: 403';
    is $c->{visitor}{browser}->get("/leave?channel=$ch&token=$c->{visitor}{token}")->{status}, 405, 'GET does not leave';
    is sql("SELECT COUNT(*) FROM participant WHERE channel_id = $id AND left_at IS NULL")->[0][0], 2, 'both are still in';
    is sql("SELECT state FROM channel WHERE id = $id")->[0][0], 'open', 'and it is open';
};

subtest 'the freed seat goes to the next visitor' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Sue Seat');
    my $agent_id = $c->{agent}{id};
    # The agent has one seat (max_sessions 1), taken: a second visitor waits.
    my $v2 = Baton::Test::Browser->new;
    my $res = $v2->get("/help?site=$c->{site_key}", headers => { Referer => "$s->{URL}/demo/y.html" });
    my ($request) = ($res->{headers}{location} // '') =~ m{r=([0-9a-f]{32})} or die "help: $res->{status}";
    # Routing runs right after the request and in the sweep every second:
    # over two sweeps it stays waiting.
    ok !wait_for('an offer', 2.5, sub {
        sql("SELECT state FROM help_request WHERE public_id = '$request'")->[0][0] ne 'waiting' }),
        'while the agent is busy, the next visitor waits';
    leave($c->{agent}, $c->{channel});
    ok wait_for('offer', 3, sub {
        my $row = sql("SELECT state, offered_agent_id FROM help_request WHERE public_id = '$request'")->[0];
        $row->[0] eq 'offered' && $row->[1] == $agent_id;
    }), 'once the agent leaves, the waiting request is offered to them';
};

done_testing;
