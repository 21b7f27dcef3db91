#!/usr/bin/perl
# The baton: the leader passes the lead to another participant (a 'lead'
# event naming who leads now, and the polls' leader); then that one leads
# and the former leader cannot; an agent can always take the lead back, a
# visitor who does not lead cannot take it; the lead goes only to someone in
# the channel (not to a supervisor watching silently).
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $c = Baton::Test::open_channel(agent_name => 'Lea Lead');
# The client's site is shop.example (visitors who lead stay on it: t/go.t).
Baton::Test::add_site_domain($c->{site_key}, 'shop.example');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
my $ids = Baton::Test::participant_ids($visitor, $ch);
my ($ap, $vp) = @$ids{qw(agent visitor)};
ok $ap && $vp && $ap != $vp, 'the join events name both participants';

sub lead { my ($who, $to, %o) = @_; Baton::Test::party_post($who, '/lead', $ch, [to => $to], %o) }
sub go { my ($who, $url) = @_; Baton::Test::party_post($who, '/go', $ch, [url => $url]) }
sub leader { Baton::Test::channel_snapshot($_[0], $ch)->{leader} }

subtest 'the agent passes the lead to the visitor' => sub {
    is leader($visitor), $ap, 'the agent leads at first';
    my ($res, $d) = lead($agent, $vp);
    is $res->{status}, 200, 'POST /lead to the visitor: 200';
    is_deeply $d, { seq => 4, leader => $vp }, 'stored as seq 4; the visitor leads';
    for my $who ([$agent, 'agent'], [$visitor, 'visitor']) {
        my ($r, $p) = Baton::Test::chat_poll($who->[0], $ch, after => 3);
        is_deeply [map { [@$_{qw(seq kind from to body)}] } @{ $p->{events} }],
            [[4, 'lead', $ap, $vp, 'Visitor']], "$who->[1]: a lead event from the agent to the visitor, naming them";
        is $p->{leader}, $vp, "$who->[1]: the poll's leader is the visitor";
    }
};

subtest 'now the visitor leads and the agent follows' => sub {
    my ($res, $d) = go($visitor, 'https://shop.example/basket');
    is $res->{status}, 200, 'the visitor leads to an address';
    my $p = Baton::Test::chat_poll($agent, $ch, after => 4);
    $p = Baton::Test::json_decode($p->{content});
    is_deeply [map { [@$_{qw(kind from role body)}] } @{ $p->{events} }],
        [['address', $vp, 'visitor', 'https://shop.example/basket']], 'the agent\'s poll shows the visitor\'s address';
    is $p->{url}, 'https://shop.example/basket', 'and the url';
    ($res, $d) = go($agent, 'https://shop.example/agent-wants');
    is $res->{status}, 403, 'the agent, following now, cannot /go';
    like $d->{error}, qr/Only the leader/, 'only the leader';
    ($res) = lead($visitor, $vp);
    is $res->{status}, 200, 'the leader passing the lead to themselves is harmless';
    is leader($agent), $vp, 'the visitor still leads';
};

subtest 'an agent can always take it back' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch)->{last_seq};
    my ($res, $d) = lead($agent, $ap);
    is $res->{status}, 200, 'the agent, not leading, takes the lead (to = self): 200';
    is $d->{leader}, $ap, 'the agent leads';
    my $p = Baton::Test::json_decode(Baton::Test::chat_poll($visitor, $ch, after => $before)->{content});
    is_deeply [map { [@$_{qw(kind from to body)}] } @{ $p->{events} }], [['lead', $ap, $ap, 'Lea Lead']],
        'the visitor sees the lead event';
    is $p->{leader}, $ap, 'and the agent as leader';
    ($res) = go($visitor, 'https://shop.example/mine');
    is $res->{status}, 403, 'the visitor can no longer /go';
    ($res) = go($agent, 'https://shop.example/back');
    is $res->{status}, 200, 'the agent can';
};

subtest 'a visitor who does not lead cannot take it' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch)->{last_seq};
    my ($res, $d) = lead($visitor, $vp);
    is $res->{status}, 403, 'the visitor takes the lead: 403';
    like $d->{error}, qr/Only the leader/, 'saying who may';
    ($res) = lead($visitor, $ap);
    is $res->{status}, 403, 'nor give it to anyone';
    is leader($agent), $ap, 'the agent still leads';
    is Baton::Test::channel_snapshot($agent, $ch)->{last_seq}, $before, 'nothing was stored';
};

subtest 'only to someone in the channel' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch)->{last_seq};
    my $other = Baton::Test::open_channel();
    my $stranger = Baton::Test::participant_ids($other->{agent}, $other->{channel})->{visitor};
    my ($res, $d) = lead($agent, $stranger);
    is $res->{status}, 400, 'to a participant of another channel: 400';
    like $d->{error}, qr/not in this conversation/, 'saying so';
    ($res) = lead($agent, $vp + 1000000);
    is $res->{status}, 400, 'to an id nobody has: 400';
    for my $bad ('0', '-1', 'abc', '', '1e3', '99999999999999999999') {
        ($res) = lead($agent, $bad);
        is $res->{status}, 400, "to = '$bad': 400";
    }
    ($res) = lead($agent, $vp, token => 'b' x 64);
    is $res->{status}, 403, 'a wrong token: 403';
    ($res) = lead($agent, $vp, origin => 'https://evil.example');
    is $res->{status}, 403, 'another Origin: 403';
    ($res) = lead($other->{agent}, $vp, token => $agent->{token});
    is $res->{status}, 403, 'an agent of another client with a stolen token: 403';

    # A supervisor watching silently is no one to the visitor: the lead
    # cannot go to them (the visitor would see them lead).
    my $sup = Baton::Test::monitoring_supervisor($c->{client}, $ch, name => 'Wanda Watcher');
    my ($monitor) = grep { $_->{kind} eq 'monitor' } @{ Baton::Test::channel_snapshot($agent, $ch)->{events} };
    my $sp = $monitor->{from};
    ok $sp, 'the agent sees the supervisor arrive (their participant id)';
    $before = Baton::Test::channel_snapshot($agent, $ch)->{last_seq};
    ($res, $d) = lead($agent, $sp);
    is $res->{status}, 400, 'to a supervisor watching silently: 400';
    is leader($visitor), $ap, 'the agent still leads';
    unlike Baton::Test::chat_poll($visitor, $ch)->{content}, qr/Wanda Watcher/, 'the visitor learns nothing of the supervisor';
    my ($r2) = Baton::Test::party_post($sup, '/lead', $ch, [to => $sp]);
    is $r2->{status}, 403, 'nor can the supervisor take the lead';
    is Baton::Test::channel_snapshot($agent, $ch)->{last_seq}, $before, 'nothing was stored';
};

subtest 'a participant who left cannot lead; the lead stays with an agent' => sub {
    my ($res) = lead($agent, $vp);
    is $res->{status}, 200, 'the agent passes the lead to the visitor again';
    $res = $visitor->{browser}->post('/leave', form => [channel => $ch, token => $visitor->{token}],
        headers => { Accept => 'application/json', Origin => $s->{URL} });
    is $res->{status}, 200, 'the leading visitor leaves';
    is leader($agent), $ap, 'the lead is back with the agent';
    my $d;
    ($res, $d) = lead($agent, $vp);
    is $res->{status}, 400, 'the visitor who left cannot be given the lead';
    ($res) = lead($visitor, $vp);
    is $res->{status}, 409, 'nor take it: 409';
};

done_testing;
