#!/usr/bin/perl
# Scheduling a session for later: the visitor's local time and offset stored
# as UTC, shown on the waiting page and in the agents' consoles; times in the
# past, too far ahead or not real are refused with a message.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX qw(strftime);
use Time::Local qw(timegm);
use Test::More;
use Baton::Test qw(stack sql);

stack();

# A waiting visitor: (browser, request id, form token).
sub waiting_visitor {
    my ($key, %o) = @_;
    my $v = Baton::Test::Browser->new;
    my $id = $v->ask_help($key, %o);
    my $csrf = Baton::Test::csrf_from($v->get("/wait?r=$id")->{content}) or die 'no form token';
    return ($v, $id, $csrf);
}

my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
my $agent = Baton::Test::signed_in_agent(client => $client, state => 'break');

subtest 'a later time, in the visitor\'s time zone, stored in UTC' => sub {
    my ($v, $id, $csrf) = waiting_visitor($key, name => 'Lena Later', question => 'Call me about my order');
    # Three days ahead at 14:30 in UTC+02:00 (getTimezoneOffset() = -120) is 12:30 UTC.
    my $day = strftime('%Y-%m-%d', gmtime(time + 3 * 86400));
    my $res = $v->post('/schedule', form => [csrf => $csrf, r => $id, date => $day, time => '14:30',
        offset => -120, contact => 'lena@example.com']);
    is $res->{status}, 303, 'scheduling: 303';
    is $res->{headers}{location}, "/wait?r=$id", 'back to the waiting page';
    my $row = Baton::Test::request_row($id);
    is $row->{state}, 'scheduled', 'the request is scheduled';
    is $row->{scheduled_for}, "$day 12:30:00", 'for 12:30 UTC';
    is $row->{contact}, 'lena@example.com', 'with the contact given';
    is_deeply Baton::Test::request_events($id), [qw(created scheduled)], 'archived';

    my $page = $v->get("/wait?r=$id");
    is $page->{status}, 200, 'the waiting page';
    like $page->{content}, qr/<h1>Your session is scheduled<\/h1>/, 'says the session is scheduled';
    # In the visitor's words (the catalogue's, English here), in UTC; the
    # page's script shows it in the browser's own time zone.
    my ($y, $m, $d) = split /-/, $day;
    my $wday = (gmtime(timegm(0, 30, 12, $d, $m - 1, $y)))[6];
    my $words = sprintf '%s %d %s %d', (qw(Sunday Monday Tuesday Wednesday Thursday Friday Saturday))[$wday],
        $d, (qw(January February March April May June July August September October November December))[$m - 1], $y;
    like $page->{content}, qr/<time id="scheduled-for" datetime="$day 12:30:00Z">\Q$words\E, 12:30 UTC<\/time>/,
        "for when ($words, 12:30 UTC; its script shows local time)";
    unlike $page->{content}, qr/http-equiv="refresh"/, 'and no longer refreshes';
    like $page->{content}, qr/<form method="post" action="\/requeue" id="requeue-form">/, 'with a way back into the queue';

    my $snapshot = $agent->{browser}->console_snapshot;
    ok !(grep { $_->{id} eq $id } @{ $snapshot->{queue} }), 'the request has left the console\'s queue';
    my ($entry) = grep { $_->{id} eq $id } @{ $snapshot->{scheduled} };
    ok $entry, 'it is in the console\'s scheduled list';
    is $entry->{at}, "$day 12:30", 'at 12:30 UTC';
    is $entry->{name}, 'Lena Later', 'with the name';
    is $entry->{contact}, 'lena@example.com', 'the contact';
    is $entry->{question}, 'Call me about my order', 'and the question';
    my $expect = (timegm(0, 30, 12, (split /-/, $day)[2], (split /-/, $day)[1] - 1, (split /-/, $day)[0]) - time) / 60;
    ok abs($entry->{minutes_until} - $expect) <= 1, "and the minutes until it ($entry->{minutes_until})";

    $res = $v->post('/schedule', form => [csrf => $csrf, r => $id, date => $day, time => '15:00']);
    is $res->{status}, 409, 'scheduling again: 409';
    like $res->{content}, qr/This request is no longer waiting\./, 'saying so';

    # Another client, with a scheduled request of its own.
    my ($foreign_key, $foreign_client) = Baton::Test::new_help_site(ask_question => 0);
    my $foreign = Baton::Test::signed_in_agent(client => $foreign_client, state => 'break');
    my ($fv, $fid, $fcsrf) = waiting_visitor($foreign_key);
    $fv->post('/schedule', form => [csrf => $fcsrf, r => $fid, date => $day, time => '16:00']);
    my $theirs = $foreign->{browser}->console_snapshot->{scheduled};
    is_deeply [map { $_->{id} } @$theirs], [$fid], 'another client\'s console lists only its own';
};

subtest 'offsets either side of UTC, and none' => sub {
    my $day = strftime('%Y-%m-%d', gmtime(time + 10 * 86400));
    my $next = strftime('%Y-%m-%d', gmtime(time + 11 * 86400));
    for my $case ([300, '21:15', "$next 02:15:00"], [0, '09:05', "$day 09:05:00"], [undef, '23:59', "$day 23:59:00"],
                  [-840, '08:00', "$day 18:00:00"]) {
        my ($offset, $clock, $want) = @$case;
        my $local_day = defined $offset && $offset == -840 ? $next : $day;
        my ($v, $id, $csrf) = waiting_visitor($key);
        my $res = $v->post('/schedule', form => [csrf => $csrf, r => $id, date => $local_day, time => $clock,
            (defined $offset ? (offset => $offset) : ())]);
        is $res->{status}, 303, "$local_day $clock with offset " . ($offset // 'none') . ': 303';
        is Baton::Test::request_row($id)->{scheduled_for}, $want, "stored as $want UTC";
    }
};

subtest 'times refused' => sub {
    my ($v, $id, $csrf) = waiting_visitor($key);
    my $post = sub { $v->post('/schedule', form => [csrf => $csrf, r => $id, @_]) };
    my $soon = time + 120;
    my @cases = (
        ['a time in the past', [date => strftime('%Y-%m-%d', gmtime(time - 86400)), time => '10:00'],
            qr/Choose a time at least five minutes from now\./],
        ['two minutes from now', [date => strftime('%Y-%m-%d', gmtime($soon)), time => strftime('%H:%M', gmtime($soon)), offset => 0],
            qr/Choose a time at least five minutes from now\./],
        ['61 days ahead', [date => strftime('%Y-%m-%d', gmtime(time + 61 * 86400)), time => '12:00'],
            qr/Choose a time within the next 60 days\./],
        ['31 February', [date => '2026-02-31', time => '10:00'], qr/Give the date as YYYY-MM-DD and the time as HH:MM\./],
        ['31 April', [date => strftime('%Y', gmtime(time + 366 * 86400)) . '-04-31', time => '10:00'],
            qr/Give the date as YYYY-MM-DD and the time as HH:MM\./],
        ['month 13', [date => '2027-13-01', time => '10:00'], qr/Give the date as YYYY-MM-DD and the time as HH:MM\./],
        ['a word for a date', [date => 'tomorrow', time => '10:00'], qr/Give the date as YYYY-MM-DD and the time as HH:MM\./],
        ['25 o\'clock', [date => strftime('%Y-%m-%d', gmtime(time + 86400)), time => '25:00'],
            qr/Give the date as YYYY-MM-DD and the time as HH:MM\./],
        ['a time with seconds', [date => strftime('%Y-%m-%d', gmtime(time + 86400)), time => '10:00:00'],
            qr/The field &#39;time&#39; is too long \(at most 5 characters\)\./],
        ['an offset beyond 14 hours', [date => strftime('%Y-%m-%d', gmtime(time + 86400)), time => '10:00', offset => 900],
            qr/The field &#39;offset&#39; must be a whole number from -840 to 840\./],
        ['no date', [time => '10:00'], qr/The field &#39;date&#39; is required\./],
        ['no time', [date => strftime('%Y-%m-%d', gmtime(time + 86400))], qr/The field &#39;time&#39; is required\./],
    );
    for my $case (@cases) {
        my ($name, $fields, $message) = @$case;
        my $res = $post->(@$fields);
        is $res->{status}, 400, "$name: 400";
        like $res->{content}, $message, "$name: the page says why";
    }
    is Baton::Test::request_row($id)->{state}, 'waiting', 'the request still waits';

    my $day = strftime('%Y-%m-%d', gmtime(time + 2 * 86400));
    my $res = $v->post('/schedule', form => [r => $id, date => $day, time => '10:00']);
    is $res->{status}, 400, 'no form token: 400';
    $res = $v->post('/schedule', form => [csrf => 'c' x 64, r => $id, date => $day, time => '10:00']);
    is $res->{status}, 403, 'a wrong form token: 403';
    my ($other, $other_id, $other_csrf) = waiting_visitor($key);
    $res = $other->post('/schedule', form => [csrf => $other_csrf, r => $id, date => $day, time => '10:00']);
    is $res->{status}, 403, 'someone else\'s request: 403';
    is Baton::Test::request_row($id)->{state}, 'waiting', 'still waiting';
};

done_testing;
