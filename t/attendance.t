#!/usr/bin/perl
# Events in the reports and the bill (cgi-bin/attendance.c,
# lib/report_event.c, lib/event_billing.c, lib/report_usage.c,
# cgi-bin/statement.c): an event's attendance report lists every
# registered person with when they were present, for how long, how many
# times and what they asked (a printable page and CSV); the usage report
# counts events, attendees and seat-minutes per period; the statement bills
# each event of the month per attendee or per seat-minute at the client's
# event rate (baton-admin client event-rate), on top of sessions, while the
# event's stage and backstage are no sessions. Refused: speakers, agents,
# attendees and other clients. Attendance with exact times is set up by SQL.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin);
use Baton::Crowd qw(event_with attendee staff_post);

my $s = stack();
my ($month) = @{ sql("SELECT DATE_FORMAT(UTC_DATE() - INTERVAL 2 MONTH, '%Y-%m')")->[0] };
my $e = event_with(speakers => 1, registration => 'required', field => 'Company', title => 'Certified course');
my ($producer, $speaker) = ($e->{producer}, $e->{speakers}[0]);
my $id = $e->{id};
staff_post($producer, '/event', id => $id, action => 'live');
my @a = (attendee($id, name => 'Ada Able', email => 'ada@example.com', field => 'Acme'),
    attendee($id, name => 'Ben Busy', email => 'ben@example.com', field => 'Globex'),
    attendee($id, name => 'Cy Absent', email => 'cy@example.com'));
staff_post($producer, '/event', id => $id, action => 'end');
my $eid = sql("SELECT id FROM live_event WHERE public_id = '$id'")->[0][0];
# Ada: 30 minutes in one visit; Ben: 10 min 30 s then 5 minutes (two visits);
# Cy never came. The event went live on the 10th of the month.
sql("DELETE FROM attendee_visit WHERE event_id = $eid");
sql("UPDATE live_event SET live_at = '$month-10 14:00:00', ended_at = '$month-10 15:00:00' WHERE id = $eid");
sql("UPDATE channel SET created_at = '$month-10 13:50:00' WHERE id IN (SELECT stage_channel_id FROM live_event WHERE id = $eid)"
    . " OR id IN (SELECT backstage_channel_id FROM live_event WHERE id = $eid)");
my %v = (0 => [["$month-10 14:00:00", "$month-10 14:30:00"]],
    1 => [["$month-10 14:02:00", "$month-10 14:12:30"], ["$month-10 14:40:00", "$month-10 14:45:00"]]);
for my $i (keys %v) {
    for my $visit (@{ $v{$i} }) {
        sql("INSERT INTO attendee_visit (attendee_id, event_id, started_at, last_seen_at, ended_at)"
            . " VALUES ($a[$i]{id}, $eid, '$visit->[0]', '$visit->[1]', '$visit->[1]')");
    }
}
sql("INSERT INTO event_question (event_id, attendee_id, body, asked_at) VALUES ($eid, $a[1]{id}, 'Is there a certificate?', '$month-10 14:05:00')");

subtest 'the attendance report' => sub {
    my $page = $producer->{browser}->get("/attendance?e=$id");
    is $page->{status}, 200, 'the producer\'s report: 200';
    like $page->{content}, qr/certifies who took part in <strong>Certified course/, 'it says what it certifies';
    my $csv = $producer->{browser}->get("/attendance?e=$id&format=csv");
    is $csv->{status}, 200, 'as CSV: 200';
    like $csv->{headers}{'content-type'}, qr{text/csv}, 'text/csv';
    my @lines = split /\r\n/, $csv->{content};
    like $lines[0], qr/^(?:\x{EF}\x{BB}\x{BF})?Name,E-mail,Company,Came from,Registered \(UTC\),First present \(UTC\),Last present \(UTC\),Minutes present,Visits,Questions,Questions asked,Note$/,
        'the header names the registration question';
    like $lines[1], qr/^Ada Able,ada\@example\.com,Acme,partner\.example,[^,]+,$month-10 14:00:00,$month-10 14:30:00,30\.0,1,0,,$/, 'Ada: 30 minutes in one visit';
    like $lines[2], qr/^Ben Busy,ben\@example\.com,Globex,partner\.example,[^,]+,$month-10 14:02:00,$month-10 14:45:00,15\.5,2,1,Is there a certificate\?,$/,
        'Ben: 15.5 minutes in two visits, and his question';
    like $lines[3], qr/^Cy Absent,cy\@example\.com,,partner\.example,[^,]+,,,0\.0,0,0,,$/, 'Cy: registered, never present';
    my $ev = $producer->{browser}->get("/attendance?e=$id&format=csv&table=event");
    like $ev->{content}, qr/Certified course,Client [^,]+,2031-05-01 10:00,$month-10 14:00:00,$month-10 15:00:00,100,3,2,1,Pat Producer,Speaker 1/,
        'the event: three registered, two attended, one question';
};

subtest 'who may read it' => sub {
    is $speaker->{browser}->get("/attendance?e=$id")->{status}, 403, 'a speaker: 403';
    my $agent = Baton::Test::signed_in_agent(client => $e->{client}, name => 'Plain Agent', state => 'away');
    is $agent->{browser}->get("/attendance?e=$id")->{status}, 403, 'an agent of the client: 403';
    my $boss = Baton::Test::signed_in_agent(client => $e->{client}, role => 'admin', name => 'Ada Admin', state => 'away');
    is $boss->{browser}->get("/attendance?e=$id")->{status}, 200, 'an administrator of the client: 200';
    my $other = Baton::Test::signed_in_agent(role => 'admin', name => 'Other Admin', state => 'away');
    is $other->{browser}->get("/attendance?e=$id")->{status}, 404, 'another client\'s administrator: 404';
    is $a[0]{browser}->get("/attendance?e=$id")->{status}, 303, 'an attendee (no session): to sign in';
    is $producer->{browser}->get("/attendance?e=$id&format=pdf")->{status}, 400, 'an unknown format: 400';
};

# The client's newest terms, in force since a year ago (statements bill a
# month at the terms in force then).
sub in_force_since_last_year {
    sql("UPDATE client_terms SET effective_at = UTC_DATE() - INTERVAL 1 YEAR"
        . " WHERE client_id = (SELECT id FROM client WHERE slug = '$e->{client}') ORDER BY effective_at DESC, id DESC LIMIT 1");
}

subtest 'the usage report and the statement' => sub {
    like admin(undef, 'client', 'event-rate', $e->{client}, 'seat_minute', 2), qr/2 cents per seat_minute/,
        'baton-admin sets the event rate';
    ok !eval { admin(undef, 'client', 'event-rate', $e->{client}, 'seat', 2); 1 }, 'an unknown unit is refused';
    # The event was two months ago: the rate is made in force since before it.
    in_force_since_last_year();
    my $report = $producer->{browser}->get("/report?kind=usage&from=$month-01&to=$month-28&format=csv&table=events");
    is $report->{status}, 200, 'the usage report\'s events table: 200';
    like $report->{content}, qr/$month-10,1,2,46\r\n/, 'on the 10th: one event, two attendees, 46 seat-minutes (30 + 16)';
    my $st = $producer->{browser}->get("/statement?month=$month&format=csv");
    is $st->{status}, 200, 'the statement: 200';
    like $st->{content}, qr/event,$month-10 14:00:00,Certified course,,46,46,seat-minute,0\.02,0\.92,EUR/, 'the event: 46 seat-minutes at 0.02: 0.92';
    unlike $st->{content}, qr/^session,.*Certified course/m, 'its stage and backstage are no sessions';
    like $st->{content}, qr/\r\ntotal,,[^,]+,,,,,,0\.92,EUR/, 'the total';
    my $closed = $st->{content};
    admin(undef, 'client', 'event-rate', $e->{client}, 'attendee', 150);
    is $producer->{browser}->get("/statement?month=$month&format=csv")->{content}, $closed,
        'a new event rate does not rewrite a month that is over (the rate history)';
    is sql("SELECT CONCAT(t.event_rate_unit, ' ', t.event_rate_cents) FROM client_terms t JOIN client c ON c.id = t.client_id"
        . " WHERE c.slug = '$e->{client}' ORDER BY t.effective_at DESC, t.id DESC LIMIT 1")->[0][0], 'attendee 150',
        'it is a new entry of the client\'s terms';
    in_force_since_last_year();
    $st = $producer->{browser}->get("/statement?month=$month&format=csv");
    like $st->{content}, qr/event,$month-10 14:00:00,Certified course,,46,2,attendee,1\.50,3\.00,EUR/, 'per attendee: 2 at 1.50: 3.00';
    my $page = $producer->{browser}->get("/statement?month=$month");
    like $page->{content}, qr/id="event-lines"/, 'the page lists the events';
    like $page->{content}, qr/Events: 1 event, 2 attendees, 46 seat-minutes, at 1\.50 per attendee/, 'with their total';
};

done_testing;
