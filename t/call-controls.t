#!/usr/bin/perl
# The agent's hand on a call (the viewer's phone, cgi-bin/phone.c, carried
# out by the dialer): hold (the caller hears music) and resume; keypad
# digits reach the caller's phone; a hand-over to another agent (the
# session's transfer) moves the call to the new agent's phone while the
# caller waits; "back to the queue" puts the caller in line again, with
# their place told. The caller and both agents are baresip phones on the
# stand-in carrier (the agents' dialling in as their desk phones).
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql wait_for);
use Baton::Calls qw(phone_client request_by_id agent_key unique_number);
use Baton::Phone;

my $s = stack();
plan skip_all => 'no SIP parts in this stack (tools/parts/sip)' unless $ENV{BATON_CARRIER_PORT};

sub call_of { sql("SELECT id, state FROM phone_call WHERE number = '$_[0]' ORDER BY id DESC LIMIT 1")->[0] }
sub events_of {
    my ($number) = @_;
    my $call = call_of($number) or return [];
    return [map { $_->[0] } @{ sql("SELECT kind FROM call_event WHERE call_id = $call->[0] ORDER BY id") }];
}
sub has_event { my ($number, $kind, $n) = @_;
    wait_for($kind, 20, sub { (grep { $_ eq $kind } @{ events_of($number) }) >= ($n // 1) }) }

sub phone_post {
    my ($agent, $channel, $token, %form) = @_;
    my $res = $agent->{browser}->post('/phone', form => [channel => $channel, token => $token, %form],
        headers => { Accept => 'application/json', Origin => $s->{URL} });
    return $res->{status};
}

my $help = unique_number();
my ($key, $client) = phone_client(help_number => $help, announce_seconds => 5);
my $ann = Baton::Test::signed_in_agent(client => $client, name => 'Ann First', state => 'away');
my $bob = Baton::Test::signed_in_agent(client => $client, name => 'Bob Second', state => 'away');
my $caller = Baton::Phone->new(number => unique_number())->start;
my $ann_desk = Baton::Phone->new(number => unique_number())->start;
my $bob_desk = Baton::Phone->new(number => unique_number())->start;

$caller->dial($help);
ok $caller->wait_event('CALL_ESTABLISHED', 20), 'a caller reaches the IVR';
ok has_event($caller->number, 'greeting'), 'greeted';
$caller->send_digits('2');
ok has_event($caller->number, 'queued'), 'and waits for an agent';
my $public = sql("SELECT r.public_id FROM help_request r JOIN phone_call pc ON pc.request_id = r.id"
    . " WHERE pc.number = '" . $caller->number . "' ORDER BY pc.id DESC LIMIT 1")->[0][0];

# Ann takes the call.
my $res = $ann->{browser}->post('/accept', form => [csrf => $ann->{browser}->session_csrf, request => $public]);
my ($channel) = $res->{headers}{location} =~ /id=([0-9a-f]{32})/ or die "accept: $res->{status}";
my $ann_token = Baton::Test::channel_token($ann->{browser}->get("/channel?id=$channel")->{content});
$ann_desk->dial(agent_key($ann, $channel, $ann_token));
ok has_event($caller->number, 'connected'), 'Ann\'s phone is joined to the caller';

is phone_post($ann, $channel, $ann_token, action => 'hold'), 200, 'Ann puts the caller on hold';
ok wait_for('held', 10, sub { call_of($caller->number)->[1] eq 'held' }), 'the call is held';
is phone_post($ann, $channel, $ann_token, action => 'resume'), 200, 'and takes them back';
ok wait_for('talking', 10, sub { call_of($caller->number)->[1] eq 'talking' }), 'they talk again';
ok has_event($caller->number, 'resumed'), 'as the call\'s record says';

is phone_post($ann, $channel, $ann_token, action => 'digits', digits => '5'), 200, 'Ann keys 5';
my $dtmf = $caller->wait_event('CALL_DTMF_START', 10);
ok $dtmf, 'the caller\'s phone receives a keypad digit';
is $dtmf && $dtmf->{param}, '5', 'the 5';

# Ann hands the session to Bob: his phone takes the call over.
$bob->{browser}->post('/state', form => [csrf => $bob->{browser}->session_csrf, state => 'available']);
$res = $ann->{browser}->post('/transfer', form => [channel => $channel, token => $ann_token,
    agent => $bob->{id}], headers => { Origin => $s->{URL} });
is $res->{status}, 303, 'Ann hands the session to Bob';
$ann_desk->hangup;  # her phone leaves, as her browser's does when she leaves the channel
ok has_event($caller->number, 'transfer'), 'the caller waits for the next agent\'s phone';
ok !$caller->wait_event('CALL_CLOSED', 1), 'without being cut off';
my $bob_token = Baton::Test::channel_token($bob->{browser}->get("/channel?id=$channel")->{content});
$bob_desk->dial(agent_key($bob, $channel, $bob_token));
ok has_event($caller->number, 'connected', 2), 'Bob\'s phone is joined to the caller';
is sql("SELECT agent_id FROM phone_call WHERE id = " . call_of($caller->number)->[0])->[0][0], $bob->{id},
    'the call is Bob\'s now';

# Bob sends the caller back to the queue.
is phone_post($bob, $channel, $bob_token, action => 'requeue'), 200, 'Bob: back to the queue';
$bob_desk->hangup;
ok wait_for('waiting again', 15, sub { request_by_id($public)->{state} =~ /^(waiting|offered)$/ }),
    'the caller is in the queue again (and offered to the next free agent)';
ok has_event($caller->number, 'announce', 2), 'and hears their place again';
ok !$caller->wait_event('CALL_CLOSED', 1), 'still on the line';
$caller->hangup;
ok wait_for('abandoned', 15, sub { request_by_id($public)->{state} eq 'cancelled' }),
    'hanging up while waiting abandons the request';
is_deeply [grep { /abandoned/ } @{ Baton::Test::request_events($public) }], ['abandoned'],
    'as its record says';

done_testing;
