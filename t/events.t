#!/usr/bin/perl
# Scheduling events (cgi-bin/events.c, lib/event.c): supervisors and
# administrators schedule an event with a producer and speakers from their
# staff; the list shows it with each one's part in it; baton-admin does the
# same. Refused: agents scheduling, a bad start, a seat limit above the
# client's seat cap, speakers or producer of another client, a producer who
# also speaks, no speaker, no session.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin);
use Baton::Crowd qw(staff_post);

my $s = stack();
my $client = Baton::Test::new_client();
admin(undef, 'client', 'set', $client, 'seat_cap', 500);
my $boss = Baton::Test::signed_in_agent(client => $client, role => 'supervisor', name => 'Sara Super', state => 'away');
my $speaker = Baton::Test::signed_in_agent(client => $client, name => 'Sam Speaker', state => 'away');
my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Andy Agent', state => 'away');
my $other = Baton::Test::signed_in_agent(name => 'Olga Other', state => 'away');

sub schedule {
    my ($who, %f) = @_;
    return staff_post($who, '/events', title => 'Spring launch', starts => '2031-03-20 14:30', seats => 200,
        producer => $boss->{id}, speaker1 => $speaker->{id}, registration => 'required', talk => 'questions',
        field => 'Company', %f);
}

my $event;
subtest 'a supervisor schedules an event' => sub {
    my $page = $boss->{browser}->get('/events');
    is $page->{status}, 200, 'GET /events: 200';
    like $page->{content}, qr/id="event-form"/, 'with the scheduling form';
    like $page->{content}, qr/Sam Speaker/, 'offering the staff as speakers';
    my $res = schedule($boss, speaker2 => $agent->{id});
    is $res->{status}, 303, 'POST /events: 303';
    ($event) = ($res->{headers}{location} // '') =~ m{^/event\?id=([0-9a-f]{32})$};
    ok $event, 'to the event\'s page';
    my $row = sql("SELECT title, starts_at, state, seat_limit, registration, attendee_talk, field_label,"
        . " (SELECT GROUP_CONCAT(agent_id ORDER BY position) FROM live_event_speaker WHERE event_id = live_event.id)"
        . " FROM live_event WHERE public_id = '$event'")->[0];
    is_deeply $row, ['Spring launch', '2031-03-20 14:30:00', 'scheduled', 200, 'required', 'questions', 'Company',
        "$speaker->{id},$agent->{id}"], 'stored as given, speakers in order';
    $page = $speaker->{browser}->get('/events');
    like $page->{content}, qr/Spring launch.*speaker/s, 'the speaker sees it, marked as theirs';
    unlike $page->{content}, qr/id="event-form"/, 'an agent gets no scheduling form';
    unlike $other->{browser}->get('/events')->{content}, qr/Spring launch/, 'another client\'s staff do not see it';
};

subtest 'refusals' => sub {
    my $res = schedule($agent);
    is $res->{status}, 403, 'an agent schedules nothing: 403';
    for my $case ([[starts => '2031-02-30 10:00'], 'a day that does not exist'], [[starts => 'soon'], 'not a time'],
        [[seats => 501], 'more seats than the client has'], [[seats => 0], 'no seats'],
        [[speaker1 => $other->{id}], 'a speaker of another client'], [[producer => $other->{id}], 'a producer of another client'],
        [[speaker1 => $boss->{id}], 'the producer speaking too'], [[speaker2 => $speaker->{id}], 'a speaker twice'],
        [[speaker1 => ''], 'no speaker'], [[talk => 'shout'], 'an unknown talk'], [[registration => 'maybe'], 'an unknown registration'],
        [[title => ''], 'no title']) {
        my ($r, $d) = schedule($boss, @{ $case->[0] });
        is $r->{status}, 400, "$case->[1]: 400";
        ok $d && $d->{error}, "$case->[1]: says why";
    }
    my $anon = Baton::Test::Browser->new;
    $res = $anon->post('/events', form => [csrf => 'a' x 64, title => 'x', starts => '2031-01-01 10:00',
        seats => 1, producer => $boss->{id}, speaker1 => $speaker->{id}, registration => 'open', talk => 'none'],
        headers => { Accept => 'application/json', Origin => $s->{URL} });
    is $res->{status}, 401, 'no session: 401';
    $res = $boss->{browser}->post('/events', form => [csrf => 'a' x 64, title => 'x', starts => '2031-01-01 10:00',
        seats => 1, producer => $boss->{id}, speaker1 => $speaker->{id}, registration => 'open', talk => 'none'],
        headers => { Origin => $s->{URL} });
    is $res->{status}, 403, 'a wrong form token: 403';
};

subtest 'baton-admin schedules and lists' => sub {
    my $out = admin(undef, 'event', 'add', $client, 'Admin event', '2031-04-01 09:00', $boss->{email},
        "$speaker->{email},$agent->{email}", 50, 'open', 'chat');
    like $out, qr/^[0-9a-f]{32}$/m, 'event add prints the event\'s id';
    $out = admin(undef, 'event', 'list', $client);
    like $out, qr/Admin event/, 'event list shows it';
    like $out, qr/Spring launch/, 'and the other';
    ok !eval { admin(undef, 'event', 'add', $client, 'Bad', '2031-04-01 09:00', $boss->{email}, $other->{email}); 1 },
        'a speaker of another client is refused';
    ok !eval { admin(undef, 'event', 'add', $client, 'Too big', '2031-04-01 09:00', $boss->{email}, $speaker->{email}, 100000); 1 },
        'more seats than the client has are refused';
};

done_testing;
