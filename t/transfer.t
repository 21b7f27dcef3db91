#!/usr/bin/perl
# Transfer: an agent hands a channel to another available agent of the
# same client, who joins and leads while the first leaves; the second
# agent's console learns of it at once; nobody else can be handed a
# channel, and a visitor cannot hand one over.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX ();
use Time::HiRes qw(time sleep);
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();

sub transfer {
    my ($who, $ch, $agent_id, %o) = @_;
    return $who->{browser}->post('/transfer',
        form => [channel => $ch, token => $o{token} // $who->{token}, agent => $agent_id],
        headers => { ($o{json} ? (Accept => 'application/json') : ()), Origin => $o{origin} // $s->{URL} });
}

sub console_snapshot {
    my ($who, $version) = @_;
    my $res = $who->{browser}->get('/poll?console=1&version=' . ($version // 0), headers => { Accept => 'application/json' });
    return Baton::Test::json_decode($res->{content});
}

subtest 'A hands the channel to B' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Ann Alpha');
    my $ch = $c->{channel};
    my $a = $c->{agent};
    my $b = Baton::Test::signed_in_agent(client => $c->{client}, name => 'Bob Beta');
    my $id = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];
    my $ap = sql("SELECT id FROM participant WHERE channel_id = $id AND kind = 'agent'")->[0][0];
    Baton::Test::chat_say($c->{visitor}, $ch, 'I need billing.');

    like $a->{browser}->get("/channel?id=$ch")->{content}, qr/<option value="$b->{id}">Bob Beta<\/option>/,
        'A\'s page offers B as someone to hand over to';
    my $snapshot = console_snapshot($b);
    is_deeply $snapshot->{channels}, [], 'B\'s console lists no channel yet';

    # B's console poll is held, up to date, when the transfer happens.
    my $a2 = Baton::Test::party_clone($a);
    my $before = Baton::Test::poll_held();
    my $start = time;
    pipe my $rd, my $wr or die "pipe: $!";
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        close $rd;
        Baton::Test::wait_parked($before) or POSIX::_exit(1);
        sleep 1.2 - (time - $start) if time - $start < 1.2;
        my $t = time;
        my $res = transfer($a2, $ch, $b->{id}, json => 1);
        print {$wr} "$t $res->{status} $res->{content}\n";
        close $wr;
        POSIX::_exit(0);
    }
    close $wr;
    my $held = console_snapshot($b, $snapshot->{version});
    my $answered = time;
    my ($t, $status, $body) = split ' ', scalar <$rd>, 3;
    waitpid $pid, 0;
    is $status, 200, 'A transfers to B (JSON): 200';
    is_deeply Baton::Test::json_decode($body), { transferred => JSON::PP::true(), next => '/console' }, 'and goes back to the console';
    ok $t - $start > 1, 'B\'s console poll was held';
    ok $answered - $t < 1, sprintf 'and answered %.0f ms after the transfer', ($answered - $t) * 1000;
    is_deeply [map { $_->{id} } @{ $held->{channels} }], [$ch], 'listing the channel in B\'s console';
    is $held->{channels}[0]{with}, 'Visitor', 'with the visitor';
    is_deeply console_snapshot($b)->{channels}, $held->{channels}, 'a fresh console snapshot agrees';
    is_deeply console_snapshot($a)->{channels}, [], 'A\'s console no longer lists it';

    my $bp = sql("SELECT id FROM participant WHERE channel_id = $id AND agent_id = $b->{id}")->[0][0];
    ok $bp, 'B is a participant';
    is sql("SELECT leader_participant_id FROM channel WHERE id = $id")->[0][0], $bp, 'and leads (holds the baton)';
    my $v = (Baton::Test::chat_poll($c->{visitor}, $ch, after => 4))[1];
    is_deeply [map { [@$_{qw(seq kind from name)}] } @{ $v->{events} }],
        [[5, 'join', $bp, 'Bob Beta'], [6, 'transfer', $ap, 'Ann Alpha'], [7, 'leave', $ap, 'Ann Alpha']],
        'the visitor sees: B joins, A hands over, A leaves';
    is $v->{events}[1]{body}, 'Ann Alpha handed the session to Bob Beta', 'the transfer says who to whom';
    ok $v->{open}, 'the channel stays open';

    my $page = $b->{browser}->get("/channel?id=$ch");
    is $page->{status}, 200, 'B opens the channel';
    $b->{token} = Baton::Test::channel_token($page->{content});
    ok $b->{token}, 'and has a token of their own';
    isnt $b->{token}, $a->{token}, 'not A\'s';
    like $page->{content}, qr/I need billing\..*Bob Beta joined.*Ann Alpha handed the session to Bob Beta.*Ann Alpha left/s,
        'B sees what was said before, then the hand-over';
    my ($r, $d) = Baton::Test::chat_say($b, $ch, 'Billing here, hello!');
    is $r->{status}, 200, 'B posts';
    is $d->{seq}, 8, 'as the next event';
    is((Baton::Test::chat_poll($c->{visitor}, $ch, after => 7))[1]{events}[0]{name}, 'Bob Beta', 'the visitor gets B\'s line');

    ($r, $d) = Baton::Test::chat_say($a, $ch, 'me again');
    is $r->{status}, 409, 'A can no longer post: 409';
    is transfer($a, $ch, $b->{id})->{status}, 409, 'nor transfer again';
    like $a->{browser}->get("/channel?id=$ch")->{content}, qr/data-open="0"/, 'A\'s page shows it over for them';
    is sql("SELECT state FROM agent WHERE id = $a->{id}")->[0][0], 'available', 'A stays available';
    ok sql("SELECT idle_since > NOW(3) - INTERVAL 1 MINUTE FROM agent WHERE id = $a->{id}")->[0][0], 'and is idle from now';

    # B leaving closes it: B is the only agent left.
    $b->{browser}->post('/leave', form => [channel => $ch, token => $b->{token}]);
    is sql("SELECT state FROM channel WHERE id = $id")->[0][0], 'closed', 'when B leaves, the channel closes';
};

subtest 'who cannot take a channel, and who cannot hand one over' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Ann Alpha');
    my $ch = $c->{channel};
    my $a = $c->{agent};
    my $id = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];
    my $elsewhere = Baton::Test::signed_in_agent(name => 'Other Client');
    my $away = Baton::Test::signed_in_agent(client => $c->{client}, state => 'away', name => 'Away Agent');
    my $break = Baton::Test::signed_in_agent(client => $c->{client}, state => 'break', name => 'Break Agent');
    my $offline = Baton::Test::signed_in_agent(client => $c->{client}, name => 'Gone Agent');
    $offline->{browser}->post('/signout', form => [csrf => $offline->{browser}->session_csrf]);
    is sql("SELECT state FROM agent WHERE id = $offline->{id}")->[0][0], 'offline', '(an agent who signed out is offline)';
    my $b = Baton::Test::signed_in_agent(client => $c->{client}, name => 'Bob Beta');

    my $res = transfer($a, $ch, $elsewhere->{id}, json => 1);
    is $res->{status}, 409, 'to an available agent of another client: 409';
    like $res->{content}, qr/available agent of your desk/, 'saying who can take it';
    is transfer($a, $ch, $away->{id})->{status}, 409, 'to an away agent: 409';
    is transfer($a, $ch, $break->{id})->{status}, 409, 'to an agent on break: 409';
    is transfer($a, $ch, $offline->{id})->{status}, 409, 'to a signed-out agent: 409';
    is transfer($a, $ch, $a->{id})->{status}, 409, 'to oneself: 409';
    is transfer($a, $ch, 999999999)->{status}, 409, 'to an agent that does not exist: 409';
    is transfer($a, $ch, 'bob')->{status}, 400, 'to a non-number: 400';
    is transfer($a, $ch, $b->{id}, token => 'd' x 64)->{status}, 403, 'with a wrong token: 403';
    is transfer($a, $ch, $b->{id}, origin => 'https://evil.example')->{status}, 403, 'from another Origin: 403';

    $res = transfer($c->{visitor}, $ch, $b->{id}, json => 1);
    is $res->{status}, 403, 'the visitor trying to transfer: 403';
    like $res->{content}, qr/Only an agent/, 'saying only an agent can';
    $res = transfer($c->{visitor}, $ch, $b->{id}, token => $a->{token});
    is $res->{status}, 403, 'even with the agent\'s token';
    is transfer($b, $ch, $b->{id}, token => $a->{token})->{status}, 403,
        'an agent of the desk who is not in the channel, with the agent\'s token: 403';
    is transfer($elsewhere, $ch, $elsewhere->{id}, token => $a->{token})->{status}, 403,
        'an agent of another client, with the agent\'s token: 403';

    is sql("SELECT last_seq FROM channel WHERE id = $id")->[0][0], 3, 'nothing happened in the channel';
    is sql("SELECT COUNT(*) FROM participant WHERE channel_id = $id")->[0][0], 2, 'nobody joined';
    my $ap = sql("SELECT id FROM participant WHERE channel_id = $id AND kind = 'agent'")->[0][0];
    is sql("SELECT leader_participant_id FROM channel WHERE id = $id")->[0][0], $ap, 'A still leads';

    $res = transfer($a, $ch, $b->{id});
    is $res->{status}, 303, 'to B (a form post): 303';
    is $res->{headers}{location}, '/console', 'to the console';
};

subtest 'a double-clicked transfer hands over once' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Ann Alpha');
    my $ch = $c->{channel};
    my $id = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];
    my $b = Baton::Test::signed_in_agent(client => $c->{client}, name => 'Bob Beta');
    my $d = Baton::Test::signed_in_agent(client => $c->{client}, name => 'Dee Delta');
    my @kids;
    for my $n (0 .. 5) {
        pipe my $rd, my $wr or die "pipe: $!";
        my $pid = fork // die "fork: $!";
        if ($pid == 0) {
            close $rd;
            my $a = Baton::Test::party_clone($c->{agent});
            my $res = transfer($a, $ch, ($n % 2 ? $d : $b)->{id});
            print {$wr} "$res->{status}\n";
            close $wr;
            POSIX::_exit(0);
        }
        close $wr;
        push @kids, [$pid, $rd];
    }
    my @status = map { my $st = readline $_->[1]; waitpid $_->[0], 0; chomp $st; $st } @kids;
    is scalar(grep { $_ == 303 } @status), 1, 'of six simultaneous transfers one succeeds';
    is scalar(grep { $_ == 409 } @status), 5, 'the others are refused (409)';
    is sql("SELECT COUNT(*) FROM participant WHERE channel_id = $id AND kind = 'agent'")->[0][0], 2, 'one agent joined';
    my $kinds = join ' ', map { $_->[0] } @{ sql("SELECT kind FROM channel_event WHERE channel_id = $id ORDER BY seq") };
    is $kinds, 'join join address join transfer leave', 'one join, one transfer, one leave';
    is sql("SELECT COUNT(*) FROM participant WHERE channel_id = $id AND left_at IS NULL")->[0][0], 2,
        'the visitor and the new agent are in it';
};

done_testing;
