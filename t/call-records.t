#!/usr/bin/perl
# Calls in the records: the supervisor's desk lists the call-back list (in
# the order it is worked) and the calls going on; the calls report counts
# call-backs placed and answered, calls in, abandoned calls and voice
# messages, their outcomes and waiting and talk times; a month's statement
# bills each call's talk time in started minutes at the client's phone
# rate, on top of the sessions, with the monthly minimum over both. On
# fixture calls with exact times (as the dialer stores them).
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_agent random_name);
use Baton::Calls qw(phone_client ask_callback unique_number);

stack();

my ($key, $client, $cid) = phone_client(rate_cents => 12);
admin(undef, 'client', 'rate', $client, 'minute', '5', '0', 'EUR');
# The rates (the phone rate among them: lib/terms.h) in force since before
# last month, whose calls are billed below.
sql("UPDATE client_terms SET effective_at = UTC_DATE() - INTERVAL 1 YEAR WHERE client_id = $cid");
my ($sup_email, $sup_pw) = new_agent(client => $client, role => 'supervisor', name => 'Sid Super');
my $sup = Baton::Test::Browser->new;
$sup->sign_in($sup_email, $sup_pw);

# Last month: a call-back answered after 20 s, talking 2 min 30 s; one busy;
# a call in that waited 45 s and talked 61 s; one abandoned; one voice message.
my ($month, $day) = @{ sql("SELECT DATE_FORMAT(UTC_DATE() - INTERVAL 1 MONTH, '%Y-%m'),"
    . " DATE_FORMAT(UTC_DATE() - INTERVAL 1 MONTH, '%Y-%m-10')")->[0] };
sub call {
    my (%c) = @_;
    my $at = sub { defined $_[0] ? "'$day $_[0]'" : 'NULL' };
    sql("INSERT INTO phone_call (public_id, client_id, direction, number, state, outcome, created_at,"
        . " answered_at, connected_at, ended_at) VALUES (MD5(RAND()), $cid, '$c{dir}', '$c{number}',"
        . " 'ended', '$c{outcome}', " . join(', ', map { $at->($c{$_}) } qw(created answered connected ended)) . ')');
}
call(dir => 'outbound', number => '+15550001001', outcome => 'answered', created => '09:00:00',
    answered => '09:00:20', connected => '09:00:20', ended => '09:02:50');
call(dir => 'outbound', number => '+15550001002', outcome => 'busy', created => '09:10:00',
    ended => '09:10:05');
call(dir => 'inbound', number => '+15550001003', outcome => 'answered', created => '10:00:00',
    answered => '10:00:00', connected => '10:00:45', ended => '10:01:46');
call(dir => 'inbound', number => '+15550001004', outcome => 'abandoned', created => '11:00:00',
    answered => '11:00:00', ended => '11:02:00');
call(dir => 'inbound', number => '+15550001005', outcome => 'message', created => '12:00:00',
    answered => '12:00:00', ended => '12:00:40');

subtest 'the statement bills talk time at the phone rate' => sub {
    my $res = $sup->get("/statement?month=$month&format=csv");
    is $res->{status}, 200, 'the month\'s statement (CSV)';
    my @calls = grep { /^phone call,/ } split /\r?\n/, $res->{content};
    is scalar @calls, 2, 'a line for each call that was talked on';
    like $calls[0], qr/^phone call,$day 09:00:20,call-back \+15550001001,,3,3,phone minute,0\.12,0\.36,EUR\r?$/,
        '2 min 30 s: 3 started minutes, 0.36';
    like $calls[1], qr/^phone call,$day 10:00:45,call in \+15550001003,,2,2,phone minute,0\.12,0\.24,EUR\r?$/,
        '61 s: 2 started minutes, 0.24';
    like $res->{content}, qr/^phone,,2 phone calls,,5,5,phone minute,0\.12,0\.60,EUR\r?$/m, 'the phone line: 0.60';
    like $res->{content}, qr/^total,,\Q$client\E \Q$month\E,,,,,,0\.60,EUR\r?$/m,
        'in the total (no sessions that month)';
    my $page = $sup->get("/statement?month=$month")->{content};
    like $page, qr/id="phone-line"/, 'the page has the phone line';
    like $page, qr/id="phone-calls"/, 'and the calls';

    admin(undef, 'client', 'rate', $client, 'minute', '5', '1000', 'EUR');
    # (A minimum is owed for months the client existed in; terms apply from
    # the month they are set, lib/terms.h: these as if set before then.)
    sql("UPDATE client SET created_at = '$month-01' - INTERVAL 1 YEAR WHERE id = $cid");
    sql("UPDATE client_terms SET effective_at = '$month-01' - INTERVAL 1 DAY WHERE client_id = $cid"
        . " ORDER BY effective_at DESC, id DESC LIMIT 1");
    $res = $sup->get("/statement?month=$month&format=csv");
    like $res->{content}, qr/^minimum,.*,9\.40,EUR\r?$/m, 'a monthly minimum of 10.00 counts the calls';
    admin(undef, 'client', 'rate', $client, 'minute', '5', '0', 'EUR');
};

subtest 'the calls report' => sub {
    my $res = $sup->get("/report?kind=calls&from=$day&to=$day&format=csv");
    is $res->{status}, 200, 'the calls report (CSV)';
    my $csv = $res->{content};
    like $csv, qr/^$day,2,1,3,1,1,1,3\.5\r?$/m,
        'per day: 2 call-backs placed (the busy one too), 1 answered; 3 calls in, 1 answered,'
        . ' 1 abandoned, 1 voice message; 3.5 minutes of talk';
    like $csv, qr/^Busy,1,0\r?$/m, 'outcomes: busy';
    like $csv, qr/^Caller hung up waiting,0,1\r?$/m, 'abandoned';
    like $csv, qr/^Left a voice message,0,1\r?$/m, 'voice messages';
    like $csv, qr/^Calls in,1,45,45,61,61\r?$/m, 'calls in: waited 45 s, talked 61 s';
    like $csv, qr/^Call-backs,1,20,20,150,150\r?$/m, 'call-backs: 20 s to the answer, 150 s of talk';
    my $page = $sup->get("/report?kind=calls&from=$day&to=$day")->{content};
    like $page, qr/Calls per day/, 'as a page too';
};

subtest 'the supervisor\'s desk: the call-back list and the calls now' => sub {
    my $v = Baton::Test::Browser->new;
    my ($id) = ask_callback($v, $key, phone => unique_number())->{headers}{location} =~ /r=(\w+)/;
    sql("INSERT INTO phone_call (public_id, client_id, direction, number, state, created_at, connected_at)"
        . " VALUES (MD5(RAND()), $cid, 'inbound', '+15550001009', 'talking', NOW(3) - INTERVAL 90 SECOND,"
        . " NOW(3) - INTERVAL 30 SECOND)");
    my $res = $sup->get('/poll?supervise=1&version=0', headers => { Accept => 'application/json' });
    my $desk = Baton::Test::json_decode($res->{content});
    my ($b) = grep { $_->{id} eq $id } @{ $desk->{callbacks} };
    ok $b, 'the call-back is on the list';
    like $b->{phone}, qr/^\+1555/, 'with its number';
    my ($c) = grep { $_->{number} eq '+15550001009' } @{ $desk->{calls} };
    ok $c, 'the call going on is listed';
    is $c->{state}, 'talking', 'talking';
    ok $c->{talk_seconds} >= 30, 'for 30 s or more';
    my $page = $sup->get('/supervise')->{content};
    like $page, qr/id="callbacks-body">.*\+1555/s, 'the page lists the call-back';
    like $page, qr/id="calls-body">.*\+15550001009/s, 'and the call';
};

done_testing;
