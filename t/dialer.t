#!/usr/bin/perl
# The dialer works each client's call-back list: a preferred time in the
# future is dialled at that time and not before (the dialer's clock moved
# by dialer_clock_offset, not by sleeping), due preferred times come first,
# calling hours hold call-backs back, and a busy or unanswered call is
# tried again by the client's rule, then marked unreachable. The customer
# is a baresip phone on the stand-in carrier; the agent joins each call
# with a SIP phone too (their desk phone), dialling the key /phone gives.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX qw(strftime);
use Test::More;
use Baton::Test qw(stack sql admin wait_for);
use Baton::Calls qw(phone_client ask_callback request_by_id dialer_passed set_clock_offset
    agent_key unique_number);
use Baton::Phone;

my $s = stack();
plan skip_all => 'no SIP parts in this stack (tools/parts/sip)' unless $ENV{BATON_CARRIER_PORT};
END { set_clock_offset(0) if $ENV{BATON_CARRIER_PORT} }
set_clock_offset(0) or BAIL_OUT('the dialer does not report its clock');

sub wait_id { my ($res) = @_; ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$} ? $1 : undef }

# The agent accepts the request and their desk phone dials in: returns
# (channel, token).
sub agent_takes_call {
    my ($agent, $id, $desk) = @_;
    my $res = $agent->{browser}->post('/accept', form => [csrf => $agent->{browser}->session_csrf,
        request => $id]);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$}
        or die "accept: $res->{status} $res->{content}";
    my $token = Baton::Test::channel_token($agent->{browser}->get("/channel?id=$channel")->{content});
    $desk->dial(agent_key($agent, $channel, $token));
    return ($channel, $token);
}

sub call_of { my ($id) = @_; sql("SELECT pc.outcome, pc.state, pc.sip_status FROM phone_call pc"
    . " JOIN help_request r ON r.id = pc.request_id WHERE r.public_id = '$id' ORDER BY pc.id DESC LIMIT 1")->[0] }

subtest 'a preferred time is dialled at that time, not before' => sub {
    my ($key, $client) = phone_client();
    my $customer = Baton::Phone->new(number => unique_number())->start;
    my $desk = Baton::Phone->new(number => unique_number())->start;
    my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Pia Preferred');
    my @at = gmtime(time + 3600);
    my $v = Baton::Test::Browser->new;
    my $id = wait_id(ask_callback($v, $key, phone => $customer->number, when => 'later',
        date => strftime('%Y-%m-%d', @at), time => strftime('%H:%M', @at), offset => 0));
    ok $id, 'a call-back for an hour from now';
    ok dialer_passed(), 'the dialer has looked at the list since';
    my $row = request_by_id($id);
    is_deeply [$row->{state}, $row->{deferred}], ['waiting', 1], 'not due: held back, not offered';
    is $v->request_status($id)->{deferred}, JSON::PP::true, 'and the waiting page\'s feed says so';

    ok set_clock_offset(3600 + 120), 'an hour and two minutes pass on the dialer\'s clock';
    ok wait_for('the offer', 10, sub { request_by_id($id)->{state} eq 'offered' }),
        'the call-back is due and offered to the agent';
    agent_takes_call($agent, $id, $desk);
    ok $customer->wait_event('CALL_ESTABLISHED', 20), 'the customer is called (and answers)';
    is call_of($id)->[0], 'answered', 'the call is stored as answered';
    $desk->hangup;
    ok $customer->wait_event('CALL_CLOSED', 10), 'the agent hangs up; the customer\'s phone too';
    ok set_clock_offset(0), 'the clock is back';
};

subtest 'due preferred times first, then in order received' => sub {
    my ($key, $client) = phone_client();
    my $first = wait_id(ask_callback(Baton::Test::Browser->new, $key, phone => unique_number()));
    my @at = gmtime(time + 600);
    my $booked = wait_id(ask_callback(Baton::Test::Browser->new, $key, phone => unique_number(),
        when => 'later', date => strftime('%Y-%m-%d', @at), time => strftime('%H:%M', @at)));
    ok $first && $booked, 'one call-back now, then one booked for ten minutes ahead';
    ok set_clock_offset(900), 'a quarter of an hour passes';
    ok wait_for('both due', 10, sub { !request_by_id($first)->{deferred} && !request_by_id($booked)->{deferred} }),
        'both are due';
    my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Olly Order');
    ok wait_for('an offer', 10, sub { request_by_id($booked)->{state} eq 'offered' }),
        'the booked one is offered first to the one agent';
    is request_by_id($first)->{state}, 'waiting', 'the earlier one waits its turn';
    ok set_clock_offset(0), 'the clock is back';
};

subtest 'calling hours hold call-backs back' => sub {
    # Open only tomorrow (UTC), 09:00 to 10:00.
    my @tomorrow = gmtime(time + 86400);
    my $day = (qw(sun mon tue wed thu fri sat))[$tomorrow[6]];
    my ($key, $client) = phone_client(time_zone => 'UTC', calling_hours => "$day 09:00-10:00");
    Baton::Test::signed_in_agent(client => $client, name => 'Hal Hours');
    my $v = Baton::Test::Browser->new;
    my $id = wait_id(ask_callback($v, $key, phone => unique_number()));
    ok dialer_passed(), 'the dialer has looked at the list';
    my $row = request_by_id($id);
    is_deeply [$row->{state}, $row->{deferred}], ['waiting', 1], 'outside calling hours: held back';
    my $expect = strftime('%Y-%m-%dT09:00:00Z', @tomorrow);
    like $v->get("/wait?r=$id")->{content}, qr/datetime="\Q$expect\E"/,
        'the waiting page says the call comes when the hours open';

    my $today = (qw(sun mon tue wed thu fri sat))[(gmtime)[6]];
    admin(undef, 'phone', 'set', $client, 'calling_hours', "$today 00:00-24:00");
    ok wait_for('the offer', 10, sub { request_by_id($id)->{state} eq 'offered' }),
        'within calling hours it is offered';
    is admin(undef, 'phone', 'show', $client) =~ /calling_hours\t(.*)/ && $1, "$today 00:00-24:00",
        'baton-admin shows the hours as set';
    like eval { admin(undef, 'phone', 'set', $client, 'calling_hours', 'weekdays 9-5') } // $@,
        qr/calling hours as/, 'hours that do not parse are refused, saying how to write them';
};

subtest 'busy, then no answer: tried again by the rule, then marked unreachable' => sub {
    my ($key, $client) = phone_client(retry_tries => 2, retry_minutes => 10, ring_seconds => 5);
    my $customer = Baton::Phone->new(number => unique_number(), answer => 'manual')->start;
    my $desk = Baton::Phone->new(number => unique_number())->start;
    my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Rex Retry');
    my $v = Baton::Test::Browser->new;
    my $id = wait_id(ask_callback($v, $key, phone => $customer->number));
    ok wait_for('the offer', 10, sub { request_by_id($id)->{state} eq 'offered' }), 'offered';
    my ($channel) = agent_takes_call($agent, $id, $desk);
    ok $customer->wait_event('CALL_INCOMING', 20), 'the customer\'s phone rings';
    $customer->hangup;  # turned down: busy
    ok wait_for('the retry', 15, sub { (request_by_id($id)->{attempts} // 0) == 1 }), 'one try counted';
    my $row = request_by_id($id);
    is_deeply [$row->{state}, $row->{deferred}], ['waiting', 1], 'back on the list, held back';
    is call_of($id)->[0], 'busy', 'the call is stored as busy';
    is sql("SELECT state FROM channel WHERE public_id = '$channel'")->[0][0], 'closed',
        'the agent\'s session is closed';
    like join("\n", map { $_->[0] } @{ sql("SELECT body FROM channel_event e JOIN channel c"
        . " ON c.id = e.channel_id WHERE c.public_id = '$channel' AND e.kind = 'phone'") }),
        qr/was busy\. That was try 1 of 2; the next is due at/, 'with a note of what happened';
    my $pause = sql("SELECT TIMESTAMPDIFF(SECOND, NOW(3), next_attempt_at) FROM help_request"
        . " WHERE public_id = '$id'")->[0][0];
    ok $pause > 540 && $pause <= 600, "the next try in ten minutes, the rule ($pause s)";
    ok dialer_passed(), 'the dialer looks again';
    is request_by_id($id)->{state}, 'waiting', 'not before then';

    ok set_clock_offset(11 * 60), 'eleven minutes pass';
    ok wait_for('the second offer', 10, sub { request_by_id($id)->{state} eq 'offered' }),
        'offered again';
    agent_takes_call($agent, $id, $desk);
    ok $customer->wait_event('CALL_INCOMING', 20), 'the phone rings again';
    # Nobody answers: after the ring time the dialer gives up.
    ok wait_for('the second try', 20, sub { request_by_id($id)->{state} eq 'unreachable' }),
        'after the last try the call-back is marked unreachable';
    is call_of($id)->[0], 'no_answer', 'that call was not answered';
    is request_by_id($id)->{attempts}, 2, 'two tries in all';
    like $v->get("/wait?r=$id")->{content}, qr/We could not reach you/, 'the visitor is told';
    is_deeply [grep { /tried|unreachable|due/ } @{ Baton::Test::request_events($id) }],
        [qw(due tried due unreachable)], 'the request\'s record';
    ok set_clock_offset(0), 'the clock is back';
};

done_testing;
