#!/usr/bin/perl
# The agent's phone in the viewer (cgi-bin/phone.c): only an agent in the
# channel of a call gets a key to join it, each key replacing the last;
# hold, resume, hang-up, keypad digits and "back to the queue" become the
# dialer's commands, in order; bad digits, other origins, visitors and
# channels without a call are refused.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Digest::SHA qw(sha256_hex);
use Baton::Test qw(stack sql);
use Baton::Calls qw(phone_client ask_callback unique_number);

my $s = stack();

sub phone_post {
    my ($who, $channel, $token, %form) = @_;
    my $res = $who->{browser}->post('/phone', form => [channel => $channel, token => $token, %form],
        headers => { Accept => 'application/json', Origin => delete $form{origin} // $s->{URL} });
    return ($res, Baton::Test::json_decode($res->{content}));
}

# A call-back accepted by an agent: (agent, channel, agent's token, visitor's token).
sub accepted_callback {
    my ($key, $client) = phone_client();
    my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Phil Phone');
    my $v = Baton::Test::Browser->new;
    my $res = ask_callback($v, $key, phone => unique_number());
    my ($id) = $res->{headers}{location} =~ /r=([0-9a-f]{32})/;
    Baton::Test::wait_for('due', 10, sub {
        sql("SELECT deferred FROM help_request WHERE public_id = '$id'")->[0][0] == 0 });
    $res = $agent->{browser}->post('/accept', form => [csrf => $agent->{browser}->session_csrf, request => $id]);
    my ($channel) = $res->{headers}{location} =~ /id=([0-9a-f]{32})/ or die "accept: $res->{status}";
    my $page = $agent->{browser}->get("/channel?id=$channel")->{content};
    my $vpage = $v->get("/channel?id=$channel")->{content};
    return ($agent, $channel, Baton::Test::channel_token($page), { browser => $v,
        token => Baton::Test::channel_token($vpage) }, $page);
}

my ($agent, $channel, $token, $visitor, $page) = accepted_callback();
like $page, qr/<section id="phone"/, 'the agent\'s viewer has the phone';
like $page, qr{<script type="module" src="/js/phone.js">}, 'and its script';
unlike $visitor->{browser}->get("/channel?id=$channel")->{content}, qr/id="phone"/,
    'the visitor\'s has not';

my ($res, $answer) = phone_post($agent, $channel, $token, action => 'key');
is $res->{status}, 200, 'a key for the agent\'s phone';
like $answer->{uri}, qr/^sip:k-[0-9a-f]{64}\@baton\.invalid$/, 'as the SIP address to dial';
is $answer->{ws}, '/sip-ws', 'through the WebSocket on Baton\'s own host';
ok $answer->{outbound}, 'for a call-back';
my ($k1) = $answer->{uri} =~ /k-([0-9a-f]{64})/;
my $call = sql("SELECT pc.id, pc.agent_key_hash, pc.agent_key_agent_id FROM phone_call pc JOIN channel c"
    . " ON c.id = pc.channel_id WHERE c.public_id = '$channel'")->[0];
is $call->[1], sha256_hex($k1), 'only its hash is stored';
is $call->[2], $agent->{id}, 'as this agent\'s';
(undef, $answer) = phone_post($agent, $channel, $token, action => 'key');
my ($k2) = $answer->{uri} =~ /k-([0-9a-f]{64})/;
isnt $k2, $k1, 'a second key is another';
is sql("SELECT agent_key_hash FROM phone_call WHERE id = $call->[0]")->[0][0], sha256_hex($k2),
    'and replaces the first';

for my $cmd (['hold'], ['resume'], ['digits', '12#'], ['hangup']) {
    ($res) = phone_post($agent, $channel, $token, action => $cmd->[0],
        ($cmd->[1] ? (digits => $cmd->[1]) : ()));
    is $res->{status}, 200, "$cmd->[0] is taken";
}
is_deeply sql("SELECT command, COALESCE(arg, '-') FROM call_command WHERE call_id = $call->[0] ORDER BY id"),
    [['hold', '-'], ['resume', '-'], ['digits', '12#'], ['hangup', '-']], 'as the dialer\'s commands, in order';

($res) = phone_post($agent, $channel, $token, action => 'digits', digits => '1x');
is $res->{status}, 400, 'digits that are not a keypad\'s: refused';
($res) = phone_post($agent, $channel, $token, action => 'dial');
is $res->{status}, 400, 'an unknown action: refused';
($res) = phone_post($agent, $channel, $token, action => 'key', origin => 'http://evil.example');
is $res->{status}, 403, 'from another origin: refused';
($res) = phone_post($visitor, $channel, $visitor->{token}, action => 'key');
is $res->{status}, 403, 'the visitor gets no key';
($res) = phone_post($agent, $channel, '0' x 64, action => 'key');
is $res->{status}, 403, 'a wrong token: refused';

my $chat = Baton::Test::open_channel();
($res) = phone_post($chat->{agent}, $chat->{channel}, $chat->{agent}{token}, action => 'key');
is $res->{status}, 409, 'a channel without a call has no phone';

($res, $answer) = phone_post($agent, $channel, $token, action => 'requeue');
is $res->{status}, 200, 'back to the queue';
is $answer->{next}, '/console', 'the agent goes back to the console';
is sql("SELECT command FROM call_command WHERE call_id = $call->[0] ORDER BY id DESC LIMIT 1")->[0][0],
    'requeue', 'the dialer is told';
ok sql("SELECT left_at IS NOT NULL FROM participant p JOIN channel c ON c.id = p.channel_id"
    . " WHERE c.public_id = '$channel' AND p.agent_id = $agent->{id}")->[0][0], 'and the agent has left the channel';

done_testing;
