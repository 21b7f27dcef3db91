#!/usr/bin/perl
# Private lines ("sidebars"): POST /say with `to` sends a line to one other
# participant; it is stored as kind 'private' with its recipient and only
# the two see it, in polls and on the channel page. A third participant (a
# supervisor watching silently) does not. The supervisor's own private
# prompt to the agent ("drafting") is never shown to the visitor: not in the
# poll, not on the channel page, not in the transcript. Not to oneself,
# only to someone in the channel.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $c = Baton::Test::open_channel(agent_name => 'Sam Sidebar');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
my $ids = Baton::Test::participant_ids($agent, $ch);
my ($ap, $vp) = @$ids{qw(agent visitor)};
my $sup = Baton::Test::monitoring_supervisor($c->{client}, $ch, name => 'Sol Supervisor');
my ($monitor) = grep { $_->{kind} eq 'monitor' } @{ Baton::Test::channel_snapshot($agent, $ch)->{events} };
my $sp = $monitor->{from};

sub private_say {
    my ($who, $to, $text, %o) = @_;
    return Baton::Test::party_post($who, '/say', $ch, [text => $text, to => $to, (defined $o{cmid} ? (cmid => $o{cmid}) : ())], %o);
}
sub events_of { Baton::Test::channel_snapshot($_[0], $ch)->{events} }
sub has_text {
    my ($events, $text) = @_;
    return scalar grep { ($_->{body} // '') eq $text } @$events;
}
sub page_of { $_[0]{browser}->get("/channel?id=$ch")->{content} }

subtest 'three people in the channel' => sub {
    ok $ap && $vp && $sp, 'agent, visitor and a supervisor watching silently';
    is scalar(grep { $_ == $sp } $ap, $vp), 0, 'three different participants';
};

subtest 'the agent to the visitor, privately' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch)->{last_seq};
    my ($res, $d) = private_say($agent, $vp, 'Your coupon code is SIDE-42', cmid => 'p-1');
    is $res->{status}, 200, 'POST /say with to = the visitor: 200';
    is_deeply $d, { seq => $before + 1 }, 'stored as the next event';
    for my $who ([$visitor, 'the recipient'], [$agent, 'the sender']) {
        my ($r, $p) = Baton::Test::chat_poll($who->[0], $ch, after => $before);
        is_deeply [map { [@$_{qw(seq kind from to body cmid)}] } @{ $p->{events} }],
            [[$before + 1, 'private', $ap, $vp, 'Your coupon code is SIDE-42', 'p-1']],
            "$who->[1] sees it: kind private, with from and to";
        like page_of($who->[0]), qr/Your coupon code is SIDE-42/, "$who->[1]: on the channel page";
    }
    my ($r, $p) = Baton::Test::chat_poll($sup, $ch, after => $before);
    is_deeply $p->{events}, [], 'the supervisor\'s poll: nothing';
    is $p->{last_seq}, $before + 1, 'though it moves on past it (no gap to wait on)';
    ok !has_text(events_of($sup), 'Your coupon code is SIDE-42'), 'not from the start either';
    unlike page_of($sup), qr/SIDE-42/, 'nor on the supervisor\'s channel page';
    unlike $sup->{browser}->get("/poll?channel=$ch&after=0&signals=0")->{content}, qr/SIDE-42/,
        'the text is nowhere in the supervisor\'s answer';
};

subtest 'the visitor to the agent, privately' => sub {
    my $before = Baton::Test::channel_snapshot($visitor, $ch)->{last_seq};
    my ($res, $d) = private_say($visitor, $ap, 'Only for you: my account is 555');
    is $res->{status}, 200, 'POST /say with to = the agent: 200';
    my ($r, $p) = Baton::Test::chat_poll($agent, $ch, after => $before);
    is_deeply [map { [@$_{qw(kind from to body)}] } @{ $p->{events} }],
        [['private', $vp, $ap, 'Only for you: my account is 555']], 'the agent sees it, from the visitor';
    ok has_text(events_of($visitor), 'Only for you: my account is 555'), 'the visitor sees their own';
    ok !has_text(events_of($sup), 'Only for you: my account is 555'), 'the supervisor does not';
    unlike page_of($sup), qr/account is 555/, 'nor on the channel page';
};

subtest 'not to oneself, only to someone in the channel' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch)->{last_seq};
    my ($res, $d) = private_say($agent, $ap, 'note to self');
    is $res->{status}, 400, 'the agent to themselves: 400';
    like $d->{error}, qr/one other person/, 'saying a private line goes to one other person';
    ($res) = private_say($visitor, $vp, 'note to self');
    is $res->{status}, 400, 'the visitor to themselves: 400';
    my $other = Baton::Test::open_channel();
    my $stranger = Baton::Test::participant_ids($other->{agent}, $other->{channel});
    ($res) = private_say($agent, $stranger->{visitor}, 'hello stranger');
    is $res->{status}, 400, 'to a participant of another channel: 400';
    ($res) = private_say($visitor, $stranger->{agent}, 'hello other agent');
    is $res->{status}, 400, 'to the agent of another channel: 400';
    ($res) = private_say($agent, $vp + 1000000, 'hello nobody');
    is $res->{status}, 400, 'to an id nobody has: 400';
    for my $bad ('0', '-3', 'abc', '1.5') {
        ($res) = private_say($agent, $bad, 'hello');
        is $res->{status}, 400, "to = '$bad': 400";
    }
    ($res) = private_say($agent, $vp, '   ');
    is $res->{status}, 400, 'an empty private line: 400';
    ($res) = private_say($agent, $vp, 'forged', token => $visitor->{token});
    is $res->{status}, 403, 'with the other\'s token: 403';
    ($res) = private_say($agent, $vp, 'from evil', origin => 'https://evil.example');
    is $res->{status}, 403, 'from another Origin: 403';
    is Baton::Test::channel_snapshot($agent, $ch)->{last_seq}, $before, 'nothing was stored';
    is $other->{agent}{browser}->get("/poll?channel=$other->{channel}&after=0&signals=0")->{content} =~ /hello/ ? 1 : 0, 0,
        'the other channel got nothing';
};

subtest 'the supervisor prompts the agent; the visitor never sees it' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch)->{last_seq};
    my ($res, $d) = private_say($sup, $ap, 'Drafting: offer free returns');
    is $res->{status}, 200, 'the supervisor\'s private prompt to the agent: 200';
    my ($r, $p) = Baton::Test::chat_poll($agent, $ch, after => $before);
    is_deeply [map { [@$_{qw(kind from to role body)}] } @{ $p->{events} }],
        [['private', $sp, $ap, 'supervisor', 'Drafting: offer free returns']], 'the agent gets it, from the supervisor';
    like page_of($agent), qr/Drafting: offer free returns/, 'and on the agent\'s channel page';
    ok has_text(events_of($sup), 'Drafting: offer free returns'), 'the supervisor sees their own prompt';

    ($r, $p) = Baton::Test::chat_poll($visitor, $ch, after => $before);
    is $r->{status}, 200, 'the visitor\'s poll answers (the log moved on)';
    is_deeply $p->{events}, [], 'with nothing in it';
    my $raw = $visitor->{browser}->get("/poll?channel=$ch&after=0&signals=0")->{content};
    unlike $raw, qr/Drafting|Sol Supervisor/, 'the visitor\'s whole answer has neither the prompt nor the supervisor';
    unlike page_of($visitor), qr/Drafting|Sol Supervisor/, 'nor the visitor\'s channel page';

    ($res) = Baton::Test::chat_say($agent, $ch, 'We can offer you free returns!');
    is $res->{status}, 200, 'the agent acts on it, in public';
    $res = $agent->{browser}->post('/leave', form => [channel => $ch, token => $agent->{token}],
        headers => { Accept => 'application/json', Origin => $s->{URL} });
    is $res->{status}, 200, 'the agent leaves; the session ends';
    my $t = $visitor->{browser}->get("/transcript?id=$ch");
    is $t->{status}, 200, 'the visitor opens the transcript';
    like $t->{content}, qr/We can offer you free returns!/, 'it has the public lines';
    unlike $t->{content}, qr/Drafting|Sol Supervisor/, 'but not the supervisor\'s prompt, nor the supervisor';
    unlike $t->{content}, qr/SIDE-42|account is 555/, 'nor any private line';
    unlike $visitor->{browser}->get("/channel?id=$ch")->{content}, qr/Drafting/, 'nor the ended channel page';
    my $at = $agent->{browser}->get("/transcript?id=$ch")->{content};
    like $at, qr/Drafting: offer free returns/, 'the agent\'s transcript keeps the prompt';
};

subtest 'a visitor cannot find a silent supervisor by writing to ids' => sub {
    # The visitor knows their own id and the agent's; a supervisor's is
    # likely the next one. Writing there must look like writing to nobody.
    my $d2 = Baton::Test::open_channel(agent_name => 'Tom Todo');
    my $ids2 = Baton::Test::participant_ids($d2->{agent}, $d2->{channel});
    Baton::Test::monitoring_supervisor($d2->{client}, $d2->{channel}, name => 'Hidden Hal');
    my ($m2) = grep { $_->{kind} eq 'monitor' } @{ Baton::Test::channel_snapshot($d2->{agent}, $d2->{channel})->{events} };
    my ($res) = Baton::Test::party_post($d2->{visitor}, '/say', $d2->{channel}, [text => 'anyone there?', to => $m2->{from}]);
    is $res->{status}, 400, 'a private line from the visitor to the supervisor: 400, as to nobody';
};

done_testing;
