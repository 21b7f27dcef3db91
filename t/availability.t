#!/usr/bin/perl
# Availability for the help button: closed (nobody signed in), away (signed
# in, nobody available), available, busy (nobody free, or the seat cap
# reached), with the estimate the waiting page would give (t/estimate.t
# compares them); readable across origins only by the site's registered
# domains; unknown keys get a JSON 404.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

stack();

my ($key, $client) = Baton::Test::new_help_site(ask_question => 0, domains => ['127.0.0.1', 'shop.example']);
my ($other_key) = Baton::Test::new_help_site(domains => ['other.example']);
my $b = Baton::Test::Browser->new;

sub availability {
    my (%headers) = @_;
    my $res = $b->get("/availability?site=$key", headers => \%headers);
    return ($res, Baton::Test::json_decode($res->{content}));
}

sub status_is {
    my ($want, $name) = @_;
    my ($res, $d) = availability();
    is $res->{status}, 200, "$name: 200";
    is $d && $d->{status}, $want, "$name: $want";
}

my ($res) = availability();
like $res->{headers}{'content-type'}, qr{^application/json}, 'the answer is JSON';
is $res->{headers}{'cache-control'}, 'no-store', 'and never cached';
status_is('closed', 'nobody signed in');

my $agent = Baton::Test::signed_in_agent(client => $client, state => 'break');
status_is('away', 'the only agent is on break');
my $csrf = $agent->{browser}->session_csrf;
$agent->{browser}->post('/state', form => [csrf => $csrf, state => 'available']);
status_is('available', 'the agent is available');
$agent->{browser}->post('/state', form => [csrf => $csrf, state => 'away']);
status_is('away', 'the agent is away');
$agent->{browser}->post('/state', form => [csrf => $csrf, state => 'available']);

Baton::Test::set_client($client, seat_cap => 1);
my $v = Baton::Test::Browser->new;
my $id = $v->ask_help($key);
$res = $agent->{browser}->post('/accept', form => [csrf => $csrf, request => $id]);
is $res->{status}, 303, 'the agent takes a session';
my $colleague = Baton::Test::signed_in_agent(client => $client);
status_is('busy', 'the seat cap (1) is reached, though a colleague is free');
Baton::Test::set_client($client, seat_cap => 2);
status_is('available', 'with a second seat: available');

sql("UPDATE staff_session SET idle_until = NOW(3) - INTERVAL 1 SECOND WHERE agent_id IN ($agent->{id}, $colleague->{id})");
status_is('closed', 'agents whose sessions have expired do not count');

subtest 'CORS only for the site\'s registered domains' => sub {
    my ($res) = availability(Origin => 'https://shop.example');
    is $res->{headers}{'access-control-allow-origin'}, 'https://shop.example', 'a registered domain may read it';
    is $res->{headers}{vary}, 'Origin, Accept-Language', 'and the answer varies by Origin (and by language: its words)';
    ($res) = availability(Origin => 'https://www.shop.example:8443');
    is $res->{headers}{'access-control-allow-origin'}, 'https://www.shop.example:8443', 'so may a subdomain (any port)';
    ($res) = availability(Origin => 'http://SHOP.example');
    is $res->{headers}{'access-control-allow-origin'}, 'http://SHOP.example', 'the host is compared without case';
    for my $origin ('https://evil.test', 'https://other.example', 'https://notshop.example', 'https://shop.example.evil.test', 'null') {
        ($res) = availability(Origin => $origin);
        is $res->{status}, 200, "Origin $origin: answered";
        ok !exists $res->{headers}{'access-control-allow-origin'}, "Origin $origin: no CORS header";
    }
    ($res) = availability();
    ok !exists $res->{headers}{'access-control-allow-origin'}, 'no Origin: no CORS header';
};

subtest 'the widget\'s panel asks whether its cookie came back' => sub {
    my $fresh = Baton::Test::Browser->new;
    my $d = Baton::Test::json_decode($fresh->get("/availability?site=$key&probe=1")->{content});
    is $d->{visitor_cookie}, JSON::PP::false, 'no visitor cookie: false';
    $fresh->set_cookie(baton_visitor => 'a' x 64);
    $d = Baton::Test::json_decode($fresh->get("/availability?site=$key&probe=1")->{content});
    is $d->{visitor_cookie}, JSON::PP::true, 'a visitor cookie: true (it came back)';
    $d = Baton::Test::json_decode($fresh->get("/availability?site=$key")->{content});
    ok !exists $d->{visitor_cookie}, 'not asked: not said';
    is $fresh->get("/availability?site=$key&probe=2")->{status}, 400, 'probe is 0 or 1';
};

subtest 'unknown or missing keys' => sub {
    my $res = $b->get('/availability?site=' . ('0' x 32));
    is $res->{status}, 404, 'an unknown key: 404';
    is $res->{content}, qq({"error":"No site is registered with this key.","status":404}\n), 'as JSON';
    $res = $b->get('/availability?site=' . ('0' x 32), headers => { Origin => 'https://shop.example' });
    ok !exists $res->{headers}{'access-control-allow-origin'}, 'with no CORS header';
    $res = $b->get('/availability');
    is $res->{status}, 400, 'no key: 400';
    is $res->{content}, qq({"error":"The field 'site' is required.","status":400}\n), 'as JSON';
    is Baton::Test::json_decode($b->get("/availability?site=$other_key")->{content})->{status}, 'closed',
        'each site answers for its own client';
};

done_testing;
