#!/usr/bin/perl
# An event's audience at a glance (cgi-bin/population.c,
# lib/population.c): attendees present, registered and ever there; joins,
# leaves and those present minute by minute; present by site and by the
# registration question; a search of the attendees for moderation. For the
# producer, the speakers and the client's supervisors; refused to
# attendees, to anyone without a session, and to other clients' staff.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);
use Baton::Crowd qw(event_with attendee staff_post);

my $s = stack();
my $e = event_with(speakers => 1, registration => 'required', field => 'Company');
my ($producer, $speaker) = ($e->{producer}, $e->{speakers}[0]);
my $id = $e->{id};
my @a = (attendee($id, name => 'Ada One', email => 'ada@example.com', field => 'Acme', referer => 'https://partner.example/x'),
    attendee($id, name => 'Bob Two', email => 'bob@example.com', field => 'Acme', referer => 'https://partner.example/y'),
    attendee($id, name => 'Cy Three', email => 'cy@example.com', field => 'Globex', referer => 'https://blog.example/post'));
staff_post($producer, '/event', id => $id, action => 'live');
$_->{browser}->get("/attend?e=$id") for @a[0, 1, 2];
$a[2]{browser}->post('/attend', form => [csrf => $a[2]{csrf}, e => $id, action => 'leave'], headers => { Accept => 'application/json', Origin => $s->{URL} });

sub pop_of { my ($who, $q) = @_; my $r = $who->{browser}->get("/population?e=$id" . ($q // ''), headers => { Accept => 'application/json' });
    return ($r, Baton::Test::json_decode($r->{content})) }

subtest 'the producer sees the audience' => sub {
    my ($r, $d) = pop_of($producer);
    is $r->{status}, 200, 'GET /population: 200';
    is_deeply [@$d{qw(present registered ever seat_limit)}], [2, 3, 3, 100], 'two here, three registered, three came, 100 seats';
    is_deeply $d->{by_site}, [{ value => 'partner.example', count => 2 }], 'present by site';
    is_deeply $d->{by_field}, [{ value => 'Acme', count => 2 }], 'present by company';
    is $d->{field_label}, 'Company', 'named as the event asks';
    my $last = $d->{minutes}[-1];
    is_deeply [@$last{qw(joins leaves present)}], [3, 1, 2], 'this minute: three came, one left, two here';
    like $last->{minute}, qr/^\d{4}-\d\d-\d\dT\d\d:\d\dZ$/, 'minutes in UTC';
    ($r, $d) = pop_of($speaker);
    is $r->{status}, 200, 'a speaker too: 200';
};

subtest 'finding attendees' => sub {
    my ($r, $d) = pop_of($producer, '&attendees=1&q=bob');
    is $r->{status}, 200, 'a search: 200';
    is_deeply [map { [@$_{qw(name email present muted removed)}] } @{ $d->{attendees} }],
        [['Bob Two', 'bob@example.com', JSON::PP::true, JSON::PP::false, JSON::PP::false]], 'Bob, here';
    ($r, $d) = pop_of($producer, '&attendees=1');
    is scalar(@{ $d->{attendees} }), 3, 'all three without a query';
    ($r, $d) = pop_of($producer, '&attendees=1&q=%25');
    is $r->{status}, 200, 'a wildcard in the query is harmless';
};

subtest 'refusals' => sub {
    my ($r) = pop_of($a[0]);
    is $r->{status}, 403, 'an attendee reading the population: 403';
    ($r) = pop_of($a[0], '&attendees=1');
    is $r->{status}, 403, 'or the list of attendees: 403';
    ($r) = pop_of({ browser => Baton::Test::Browser->new });
    is $r->{status}, 403, 'anyone without a session: 403';
    my $bystander = Baton::Test::signed_in_agent(client => $e->{client}, name => 'No Part', state => 'away');
    ($r) = pop_of($bystander);
    is $r->{status}, 403, 'an agent of the client with no part: 403';
    my $boss = Baton::Test::signed_in_agent(client => $e->{client}, role => 'supervisor', name => 'Boss', state => 'away');
    ($r) = pop_of($boss);
    is $r->{status}, 200, 'a supervisor of the client: 200';
    my $other = Baton::Test::signed_in_agent(role => 'supervisor', name => 'Other Boss', state => 'away');
    ($r) = pop_of($other);
    is $r->{status}, 404, 'a supervisor of another client: 404 (its events are not theirs to know of)';
    is $producer->{browser}->get('/population?e=' . ('1' x 32))->{status}, 404, 'an unknown event: 404';
};

done_testing;
