#!/usr/bin/perl
# WebRTC signalling (cgi-bin/signal.c): an offer, an answer or an ICE
# candidate goes from one person in a call to another as an 'rtc' event for
# that one participant: their poll has it, nobody else's (the sender's and a
# silent supervisor's included), it is not in the chat; only people who have
# joined the same call may signal each other; signalling to another
# channel's participant, to a supervisor, or before joining is refused; data
# is bounded; when the call ends, the signalling's bodies (network
# addresses) are erased from the archive.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);
use Baton::Archive qw(staff post_as);

my $s = stack();

sub act {
    my ($who, $ch, $action, %f) = @_;
    return Baton::Test::party_post($who, '/call', $ch, [action => $action, %f]);
}
sub signal {
    my ($who, $ch, %f) = @_;
    my %o = exists $f{token} ? (token => delete $f{token}) : ();
    return Baton::Test::party_post($who, '/signal', $ch, [%f], %o);
}
sub last_seq { Baton::Test::channel_snapshot(@_)->{last_seq} }

my $c = Baton::Test::open_channel(agent_name => 'Sid Signal');
my ($ch, $agent, $visitor) = @$c{qw(channel agent visitor)};
my $ids = Baton::Test::participant_ids($agent, $ch);
my ($ap, $vp) = @$ids{qw(agent visitor)};
my $sup = staff($c->{client}, 'supervisor', name => 'Sue Silent');
is post_as($sup, '/monitor', channel => $ch)->{status}, 303, 'a supervisor watches silently';
$sup->{token} = Baton::Test::channel_token($sup->{browser}->get("/channel?id=$ch")->{content});
my $sp = sql("SELECT id FROM participant WHERE channel_id = (SELECT id FROM channel WHERE public_id = '$ch')"
    . " AND kind = 'supervisor'")->[0][0];

my (undef, $d) = act($agent, $ch, 'start', media => 'video');
my $call = $d->{call}{id};
ok $call, 'the agent calls';
my $sdp = "v=0\r\no=- 46117317 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\n" . ("a=x-filler\r\n" x 200);

subtest 'before joining' => sub {
    my ($res, $d) = signal($visitor, $ch, call => $call, to => $ap, type => 'answer', data => $sdp);
    is $res->{status}, 409, 'someone asked but not yet in the call may not signal: 409';
    like $d->{error}, qr/not in that call/, 'saying so';
    ($res, $d) = signal($agent, $ch, call => $call, to => $vp, type => 'offer', data => $sdp);
    is $res->{status}, 400, 'nor be signalled to: 400';
};

is act($visitor, $ch, 'join', call => $call, media => 'video')->{status}, 200, 'the visitor joins';

subtest 'an offer reaches the one it is for, and nobody else' => sub {
    my $before = last_seq($agent, $ch);
    my ($res, $d) = signal($visitor, $ch, call => $call, to => $ap, type => 'offer', data => $sdp);
    is $res->{status}, 200, 'the newcomer offers: 200';
    ok $d->{seq} > $before, 'stored with a seq';
    my $cand = '{"candidate":"candidate:1 1 udp 2122260223 192.0.2.2 54400 typ host","sdpMid":"0","sdpMLineIndex":0}';
    ($res) = signal($visitor, $ch, call => $call, to => $ap, type => 'candidate', data => $cand);
    is $res->{status}, 200, 'and a candidate';
    my ($events) = Baton::Test::chat_collect($agent, $ch, after => $before, seconds => 10,
        until => sub { 2 <= grep { $_->{kind} eq 'rtc' } @{ $_[0] } });
    my @rtc = grep { $_->{kind} eq 'rtc' } @$events;
    is scalar @rtc, 2, 'the agent\'s poll has both';
    my $body = Baton::Test::json_decode($rtc[0]{body});
    is_deeply $body, { call => $call, type => 'offer', data => $sdp }, 'the offer, whole: call, type and data';
    is $rtc[0]{from}, $vp, 'from the visitor';
    is $rtc[0]{to}, $ap, 'to the agent';
    is Baton::Test::json_decode($rtc[1]{body})->{data}, $cand, 'then the candidate, in order';

    for my $who (['the visitor (sender)', $visitor], ['the silent supervisor', $sup]) {
        my ($all) = Baton::Test::chat_poll($who->[1], $ch, after => 0);
        my $a = Baton::Test::json_decode($all->{content});
        is scalar(grep { $_->{kind} eq 'rtc' } @{ $a->{events} }), 0, "$who->[0]\'s poll has none of it";
    }
    my $page = $agent->{browser}->get("/channel?id=$ch")->{content};
    unlike $page, qr/event-rtc|x-filler/, 'the chat on the page shows nothing of it';
};

subtest 'who may be signalled' => sub {
    my $other = Baton::Test::open_channel(agent_name => 'Olly Other');
    my $oids = Baton::Test::participant_ids($other->{agent}, $other->{channel});
    my ($res, $d) = signal($agent, $ch, call => $call, to => $oids->{visitor}, type => 'offer', data => $sdp);
    is $res->{status}, 400, 'to another conversation\'s participant: 400';
    like $d->{error}, qr/someone else in the same call/, 'saying whom signalling goes to';
    ($res, $d) = signal($other->{agent}, $other->{channel}, call => $call, to => $vp, type => 'offer', data => $sdp);
    is $res->{status}, 409, 'from another conversation, naming this call: 409 (not in it)';
    ($res, $d) = signal($other->{visitor}, $ch, call => $call, to => $ap, type => 'offer', data => $sdp,
        token => $other->{visitor}{token});
    is $res->{status}, 403, 'posting into this conversation as a stranger: 403';
    ($res, $d) = signal($agent, $ch, call => $call, to => $sp, type => 'offer', data => $sdp);
    is $res->{status}, 400, 'to the supervisor watching silently: 400, as to a stranger';
    ($res, $d) = signal($sup, $ch, call => $call, to => $vp, type => 'offer', data => $sdp);
    is $res->{status}, 409, 'from the supervisor (not listening): 409';
    ($res, $d) = signal($agent, $ch, call => $call, to => $ap, type => 'offer', data => $sdp);
    is $res->{status}, 400, 'to oneself: 400';
    ($res, $d) = signal($agent, $ch, call => $call, to => $vp, type => 'hello', data => $sdp);
    is $res->{status}, 400, 'an unknown type: 400';
    ($res, $d) = signal($agent, $ch, call => $call, to => $vp, type => 'offer', data => 'x' x 32001);
    is $res->{status}, 400, 'data over 32,000 characters: 400';
    ($res, $d) = signal($agent, $ch, call => $call, to => $vp, type => 'offer', data => "a\x01b");
    is $res->{status}, 400, 'control characters: 400';
    ($res, $d) = signal($agent, $ch, call => $call, to => $vp, type => 'offer');
    is $res->{status}, 400, 'no data: 400';
};

subtest 'when the call ends, the addresses go' => sub {
    my $cid = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];
    my $kept = sql("SELECT COUNT(*) FROM channel_event WHERE channel_id = $cid AND kind = 'rtc' AND body IS NOT NULL")->[0][0];
    ok $kept >= 2, 'during the call the signalling is kept (it may still be read)';
    is act($agent, $ch, 'leave', call => $call)->{status}, 200, 'the agent hangs up';
    is sql("SELECT COUNT(*) FROM channel_event WHERE channel_id = $cid AND kind = 'rtc' AND body IS NOT NULL")->[0][0], 0,
        'after it, no signalling body is left';
    is sql("SELECT COUNT(*) FROM channel_event WHERE channel_id = $cid AND kind = 'rtc'")->[0][0], $kept,
        'the events themselves stay (the record shows signalling happened)';
    my ($res, $d) = signal($visitor, $ch, call => $call, to => $ap, type => 'offer', data => $sdp);
    is $res->{status}, 409, 'signalling in a call that is over: 409';
};

done_testing;
