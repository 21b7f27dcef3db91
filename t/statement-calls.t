#!/usr/bin/perl
# Calls in the bill (lib/billing.c, cgi-bin/statement.c) and in the usage
# report (lib/report_usage.c): minutes in calls are counted in the usage
# report per period; in the statement each call that connected is a line at
# the client's own call rate (started minutes from connecting to hanging up,
# or to the channel's close, or the month's end), on top of the sessions,
# with the monthly minimum over both; without a call rate they are listed
# and not billed. Fixture calls with exact times; baton-admin sets the rate.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack admin sql new_agent random_name);

stack();
my ($month, $next) = @{ sql("SELECT DATE_FORMAT(UTC_DATE() - INTERVAL 3 MONTH, '%Y-%m'),"
    . " DATE_FORMAT(UTC_DATE() - INTERVAL 2 MONTH, '%Y-%m')")->[0] };
my $last_day = sql("SELECT DATE_FORMAT(LAST_DAY('$month-01'), '%Y-%m-%d')")->[0][0];

my $slug = random_name('calls');
my $free = random_name('freecalls');
admin(undef, 'client', 'add', $slug, 'Calling Co');
admin(undef, 'client', 'add', $free, 'Free Calls');
admin(undef, 'client', 'rate', $_, 'minute', '50', '2000') for $slug, $free;
like admin(undef, 'client', 'call-rate', $slug, '20'), qr/call rate of \Q$slug\E set to 0\.20/, 'baton-admin sets a call rate';
ok !eval { admin(undef, 'client', 'call-rate', $slug, '-5'); 1 }, 'a negative call rate is refused';
sql("UPDATE client SET created_at = '$month-01' - INTERVAL 1 YEAR WHERE slug IN ('$slug', '$free')");
# Rates set now apply from this month on (lib/terms.h): as if set long before.
sql("UPDATE client_terms t JOIN client c ON c.id = t.client_id SET t.effective_at = '$month-01' - INTERVAL 1 YEAR"
    . " WHERE c.slug IN ('$slug', '$free')");
my ($admin_email, $admin_pw) = new_agent(client => $slug, role => 'admin', name => 'Cora Admin');
my ($free_admin, $free_pw) = new_agent(client => $free, role => 'admin', name => 'Fred Admin');

sub cid { sql("SELECT id FROM client WHERE slug = '$_[0]'")->[0][0] }
sub session {
    my ($client, $name, $created, $closed) = @_;
    my $public = join '', map { sprintf '%x', int rand 16 } 1 .. 32;
    sql(sprintf "INSERT INTO channel (public_id, client_id, name, state, changed_at, created_at, closed_at)"
        . " VALUES ('%s', %d, '%s', '%s', NOW(6), '%s', %s)", $public, cid($client), $name,
        defined $closed ? 'closed' : 'open', $created, defined $closed ? "'$closed'" : 'NULL');
    return sql("SELECT id FROM channel WHERE public_id = '$public'")->[0][0];
}
sub call {
    my ($client, $channel, $started, $connected, $ended) = @_;
    sql(sprintf "INSERT INTO media_call (channel_id, client_id, started_by, media, state, started_at,"
        . " connected_at, ended_at) VALUES (%d, %d, 1, 'video', '%s', '%s', %s, %s)", $channel, cid($client),
        defined $ended ? 'ended' : defined $connected ? 'connected' : 'ringing', $started,
        defined $connected ? "'$connected'" : 'NULL', defined $ended ? "'$ended'" : 'NULL');
}

# A 20-minute session with two calls: 4:00.5 (5 minutes) and 59 s (1 minute),
# and one that rang unanswered (not billed).
my $one = session($slug, 'Help with calls', "$month-04 10:00:00.000", "$month-04 10:20:00.000");
call($slug, $one, "$month-04 10:01:00.000", "$month-04 10:01:10.000", "$month-04 10:05:10.500");
call($slug, $one, "$month-04 10:10:00.000", "$month-04 10:10:02.000", "$month-04 10:11:01.000");
call($slug, $one, "$month-04 10:15:00.000", undef, "$month-04 10:16:00.000");
# A call left behind when its channel closed: it ends with the channel (3 minutes).
my $two = session($slug, 'Closed on them', "$month-09 09:00:00.000", "$month-09 09:05:00.000");
call($slug, $two, "$month-09 09:01:00.000", "$month-09 09:02:00.000", undef);
# Still going at the month's end: counted to the end, 23:59:00 -> 1 minute.
my $three = session($slug, 'Late call', "$last_day 23:58:00.000", undef);
call($slug, $three, "$last_day 23:58:30.000", "$last_day 23:59:00.000", undef);
# A session of the next month: its call is not this month's.
my $four = session($slug, 'Next month', "$next-02 08:00:00.000", "$next-02 08:10:00.000");
call($slug, $four, "$next-02 08:01:00.000", "$next-02 08:01:30.000", "$next-02 08:09:00.000");
# The client without a call rate: a 10-minute call, counted, not billed.
my $five = session($free, 'Free talk', "$month-12 12:00:00.000", "$month-12 12:30:00.000");
call($free, $five, "$month-12 12:01:00.000", "$month-12 12:02:00.000", "$month-12 12:12:00.000");

my $BOM = "\xEF\xBB\xBF";
sub signed_in {
    my ($email, $password) = @_;
    my $b = Baton::Test::Browser->new;
    my $res = $b->sign_in($email, $password);
    die "sign-in of $email: $res->{status}" unless $res->{status} == 303;
    return $b;
}
my $cora = signed_in($admin_email, $admin_pw);

subtest 'the statement bills calls at their own rate' => sub {
    my $res = $cora->get("/statement?month=$month&format=csv");
    is $res->{status}, 200, 'the CSV';
    is $res->{content}, $BOM . join('', map { "$_\r\n" }
        'kind,started_utc,description,agents,minutes,quantity,unit,unit_price,amount,currency',
        "session,$month-04 10:00:00,Help with calls,,20,20,minute,0.50,10.00,EUR",
        "session,$month-09 09:00:00,Closed on them,,5,5,minute,0.50,2.50,EUR",
        "session,$last_day 23:58:00,Late call,,2,2,minute,0.50,1.00,EUR",
        'usage,,3 sessions,,27,27,minute,0.50,13.50,EUR',
        "call,$month-04 10:01:10,Help with calls,,5,5,call minute,0.20,1.00,EUR",
        "call,$month-04 10:10:02,Help with calls,,1,1,call minute,0.20,0.20,EUR",
        "call,$month-09 09:02:00,Closed on them,,3,3,call minute,0.20,0.60,EUR",
        "call,$last_day 23:59:00,Late call,,1,1,call minute,0.20,0.20,EUR",
        'calls,,4 calls,,10,10,call minute,0.20,2.00,EUR',
        'minimum,,monthly minimum 20.00,,,,,,4.50,EUR',
        "total,,$slug $month,,,,,,20.00,EUR"),
        'sessions, then each call that connected (started minutes to its end, its channel\'s close or the month\'s end), their sum, the minimum over both, the total';
    is $cora->get("/statement?month=$month&format=csv")->{content}, $res->{content}, 'the same bytes again';
    my $html = $cora->get("/statement?month=$month")->{content};
    like $html, qr{<dd id="call-rate">0\.20 EUR per started minute</dd>}, 'the page names the call rate';
    like $html, qr{id="calls-total">.*4 calls, at 0\.20 per started minute.*>10<.*>2\.00<}s, 'the calls\' line';
    my @rows = $html =~ m{<tr class="call"><td class="when">([^<]+)</td>}g;
    is scalar @rows, 4, 'a table of the four calls';
};

subtest 'without a call rate, calls are counted, not billed' => sub {
    my $fred = signed_in($free_admin, $free_pw);
    my $res = $fred->get("/statement?month=$month&format=csv");
    like $res->{content}, qr{\r\ncall,$month-12 12:02:00,Free talk,,10,10,call minute,0\.00,0\.00,EUR\r\n}, 'the call, at 0.00';
    like $res->{content}, qr{\r\ntotal,,\Q$free\E $month,,,,,,20\.00,EUR\r\n}, 'the total is the sessions\' (here the minimum)';
    like $fred->get("/statement?month=$month")->{content}, qr{<dd id="call-rate">not billed</dd>}, 'the page says so';
};

subtest 'the usage report counts call minutes' => sub {
    my $res = $cora->get("/report?kind=usage&from=$month-01&to=$last_day&format=csv");
    is $res->{status}, 200, 'the usage report as CSV';
    my ($calls) = $res->{content} =~ /Calls over time\r\n(.*?)(?:\r\n\r\n|\z)/s;
    ok $calls, 'has a table of calls';
    my %day = map { my @c = split /,/; ($c[0] => [@c[1, 2]]) } split /\r\n/, $calls // '';
    is_deeply $day{'Day'}, ['Calls', 'Call minutes'], 'calls and their minutes per day';
    is_deeply $day{"$month-04"}, [2, '5.0'], 'the 4th: two calls, 4:00.5 + 0:59 = 5.0 minutes';
    is_deeply $day{"$month-09"}, [1, '3.0'], 'the 9th: the call ended by its channel\'s close, 3 minutes';
    is_deeply $day{"$month-12"}, [0, '0.0'], 'another client\'s call is not counted (every day is listed)';
};

done_testing;
