#!/usr/bin/perl
# Agents' desk phones: baton-admin makes a SIP account for an agent; a SIP
# phone registers with it at Baton's proxy (Kamailio asks /sipauth for the
# password's HA1), a wrong password is refused; from then on the agent's
# calls ring that phone instead of the browser's: a call-back accepted in
# the console rings the desk phone first and calls the customer once it is
# picked up, audio both ways; a caller from the IVR accepted likewise; the
# viewer's phone bar keeps the controls (its key action says "desk"), and
# hold and hang-up from the browser act on the desk phone's call. Desk and
# customer are baresip phones; the customer's is on the stand-in carrier.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin wait_for);
use Baton::Calls qw(phone_client ask_callback request_by_id unique_number);
use Baton::Phone;

my $s = stack();
plan skip_all => 'no SIP parts in this stack (tools/parts/sip)' unless $ENV{BATON_CARRIER_PORT};

sub tone_file {
    my ($hz) = @_;
    my $file = "$s->{DIR}/tone-$hz-$$.wav";
    system('sox', '-q', '-n', '-r', '8000', '-c', '1', '-b', '16', $file, 'synth', '120', 'sine', $hz,
        'vol', '0.5') == 0 or die 'sox';
    return $file;
}
sub last_second_hz {
    my ($file) = @_;
    my $out = qx{sox "$file" -n trim -1.0 stat 2>&1};
    return $out =~ /Rough\s+frequency:\s+(\d+)/ ? $1 : 0;
}
sub phone_post {
    my ($agent, $channel, $token, %form) = @_;
    my $res = $agent->{browser}->post('/phone', form => [channel => $channel, token => $token, %form],
        headers => { Accept => 'application/json', Origin => $s->{URL} });
    return ($res, Baton::Test::json_decode($res->{content}));
}
sub accept_request {
    my ($agent, $id) = @_;
    my $res = $agent->{browser}->post('/accept', form => [csrf => $agent->{browser}->session_csrf,
        request => $id]);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$}
        or die "accept: $res->{status} $res->{content}";
    my $token = Baton::Test::channel_token($agent->{browser}->get("/channel?id=$channel")->{content});
    return ($channel, $token);
}
sub call_of { my ($id) = @_; sql("SELECT pc.id, pc.outcome, pc.state FROM phone_call pc JOIN help_request r"
    . " ON r.id = pc.request_id WHERE r.public_id = '$id' ORDER BY pc.id DESC LIMIT 1")->[0] }

my ($key, $client) = phone_client(help_number => unique_number());
my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Dora Desk');
# Ended calls leave their channels open: room for the next offers.
sql("UPDATE agent SET max_sessions = 5 WHERE id = $agent->{id}");
my $out = admin(undef, 'agent', 'phone', $agent->{email});
my ($user, $password) = $out =~ /user (desk\d+), password ([0-9a-f]+)/ or BAIL_OUT("baton-admin: $out");

my $intruder = Baton::Phone->new(desk => $user, password => 'wrong' . $password)->start(expect => 'refused');
ok $intruder, 'a phone with the wrong password is refused';
$intruder->stop;

my $desk = Baton::Phone->new(desk => $user, password => $password, play => tone_file(1000))->start;
ok $desk, 'the desk phone registers with the password baton-admin gave';

subtest 'a call-back rings the desk phone, then the customer' => sub {
    my $customer = Baton::Phone->new(number => unique_number(), play => tone_file(440))->start;
    my $v = Baton::Test::Browser->new;
    my $res = ask_callback($v, $key, phone => $customer->number);
    my ($id) = ($res->{headers}{location} // '') =~ /r=([0-9a-f]{32})/;
    ok wait_for('the offer', 15, sub { request_by_id($id)->{state} eq 'offered' }), 'offered to the agent';
    my ($channel, $token) = accept_request($agent, $id);
    my (undef, $answer) = phone_post($agent, $channel, $token, action => 'key');
    ok $answer->{desk}, 'the viewer\'s phone is told the desk phone takes the call';
    ok !$answer->{uri}, 'and gets no key to dial';
    ok $desk->wait_event('CALL_ESTABLISHED', 20), 'the desk phone rings and answers';
    ok $customer->wait_event('CALL_ESTABLISHED', 20), 'then the customer is called and answers';
    ok wait_for('talk', 15, sub { my $a = $desk->recording; $a && -s $a > 44 + 2 * 16000 }), 'they talk';
    my ($res2) = phone_post($agent, $channel, $token, action => 'hangup');
    is $res2->{status}, 200, 'the agent hangs up in the browser';
    ok $customer->wait_event('CALL_CLOSED', 10), 'the customer\'s call ends';
    ok $desk->wait_event('CALL_CLOSED', 10), 'and the desk phone\'s';
    my ($to_agent, $to_customer) = (last_second_hz($desk->recording), last_second_hz($customer->recording));
    ok $to_agent > 400 && $to_agent < 480, "the agent hears the customer ($to_agent Hz)";
    ok $to_customer > 950 && $to_customer < 1050, "the customer hears the agent ($to_customer Hz)";
    ok wait_for('ended', 10, sub { call_of($id)->[2] eq 'ended' }), 'the call is over';
    is call_of($id)->[1], 'answered', 'as answered';
    $customer->stop;
};

subtest 'a caller from the IVR rings the desk phone when accepted' => sub {
    my $help = sql("SELECT help_number FROM phone_line pl JOIN client c ON c.id = pl.client_id"
        . " WHERE c.slug = '$client'")->[0][0];
    my $caller = Baton::Phone->new(number => unique_number(), play => tone_file(440))->start;
    $caller->dial($help);
    ok $caller->wait_event('CALL_ESTABLISHED', 20), 'the IVR answers';
    my $id;
    ok wait_for('a request', 20, sub {
        $caller->send_digits('2') unless $id;
        my $row = sql("SELECT r.public_id FROM phone_call pc JOIN help_request r ON r.id = pc.request_id"
            . " WHERE pc.number = '${\ $caller->number}' ORDER BY pc.id DESC LIMIT 1")->[0];
        $id = $row && $row->[0];
        $id && request_by_id($id)->{state} eq 'offered' }), 'keying 2: the call is offered to the agent';
    my ($channel, $token) = accept_request($agent, $id);
    ok $desk->wait_event('CALL_ESTABLISHED', 20), 'the desk phone rings and answers';
    ok wait_for('talk', 15, sub { my $a = $desk->recording; $a && -s $a > 44 + 2 * 16000 }), 'they talk';
    my ($res) = phone_post($agent, $channel, $token, action => 'hold');
    is $res->{status}, 200, 'hold from the browser';
    ok wait_for('held', 10, sub { call_of($id)->[2] eq 'held' }), 'the call is held';
    $desk->hangup;
    ok $caller->wait_event('CALL_CLOSED', 10), 'the agent hangs up the desk phone: the caller\'s call ends';
    ok wait_for('ended', 10, sub { call_of($id)->[2] eq 'ended' }), 'the call is over';
    $caller->stop;
};

like admin(undef, 'agent', 'phone', $agent->{email}, 'off'), qr/in the browser again/, 'the desk phone removed';
my $customer = Baton::Phone->new(number => unique_number())->start;
my $res = ask_callback(Baton::Test::Browser->new, $key, phone => $customer->number);
my ($id) = ($res->{headers}{location} // '') =~ /r=([0-9a-f]{32})/;
ok wait_for('the offer', 15, sub { request_by_id($id)->{state} eq 'offered' }), 'another call-back offered';
my ($channel, $token) = accept_request($agent, $id);
my (undef, $answer) = phone_post($agent, $channel, $token, action => 'key');
like $answer->{uri} // '', qr/^sip:k-/, 'the browser\'s phone gets its key again';
ok !$desk->wait_event('CALL_INCOMING', 3) && !$desk->wait_event('CALL_ESTABLISHED', 1),
    'and the desk phone stays quiet';
phone_post($agent, $channel, $token, action => 'hangup');

done_testing;
