#!/usr/bin/perl
# Monthly statements (/statement): a client's, line by line, as CSV and as
# printable HTML, checked against hand-computed amounts on fixture sessions
# with exact times; the same bytes when a month is run again (also after
# later sessions and late closes); a reseller's statement with its shares;
# who may see which statement; bad months and unknown names.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack admin sql new_agent random_name);

stack();

# The month three months back (over, with room for a "next month" that is
# over too), the one after it, and the current one, by the database's clock.
my ($month, $next, $current, $future) = @{ sql(
    "SELECT DATE_FORMAT(UTC_DATE() - INTERVAL 3 MONTH, '%Y-%m'),"
    . " DATE_FORMAT(UTC_DATE() - INTERVAL 2 MONTH, '%Y-%m'),"
    . " DATE_FORMAT(UTC_DATE(), '%Y-%m'), DATE_FORMAT(UTC_DATE() + INTERVAL 1 MONTH, '%Y-%m')")->[0] };
my $last_day = sql("SELECT DATE_FORMAT(LAST_DAY('$month-01'), '%Y-%m-%d')")->[0][0];

# ---- fixtures ---------------------------------------------------------------

my $prefix = random_name('bill');
my ($slug_a, $slug_b, $slug_c, $slug_d) = map { "$prefix-$_" } qw(a b c d);
admin(undef, 'client', 'add', $slug_a, 'Alpha & <Sons>');
admin(undef, 'client', 'add', $slug_b, 'Beta Shop');
admin(undef, 'client', 'add', $slug_c, 'Gamma');
admin(undef, 'client', 'add', $slug_d, 'Delta, new');
admin(undef, 'client', 'rate', $slug_a, 'minute', '50', '1000', 'EUR');
admin(undef, 'client', 'rate', $slug_b, 'session', '250', '0', 'USD');
admin(undef, 'client', 'rate', $slug_c, 'minute', '4');
admin(undef, 'client', 'rate', $slug_d, 'minute', '50', '1000');
# Clients that existed long before the month (D is new: no minimum for it).
sql("UPDATE client SET created_at = '$month-01' - INTERVAL 1 YEAR WHERE slug IN ('$slug_a', '$slug_b', '$slug_c')");
my $reseller = "$prefix-r";
admin(undef, 'reseller', 'add', $reseller, 'Resell & Co', '12.5');
admin(undef, 'client', 'reseller', $_, $reseller) for $slug_a, $slug_b, $slug_c;
# Terms set now apply from this month on (lib/terms.h): as if they had been
# set long before the month, in the order they were set.
sql("UPDATE client_terms t JOIN client c ON c.id = t.client_id SET t.effective_at = '$month-01' - INTERVAL 1 YEAR"
    . " WHERE c.slug IN ('$slug_a', '$slug_b', '$slug_c', '$slug_d')");
sql("UPDATE reseller_share s JOIN reseller r ON r.id = s.reseller_id SET s.effective_at = '$month-01' - INTERVAL 1 YEAR"
    . " WHERE r.slug = '$reseller'");

my ($admin_a, $admin_pw) = new_agent(client => $slug_a, role => 'admin', name => 'Ada Admin');
my ($super_a, $super_pw) = new_agent(client => $slug_a, role => 'supervisor', name => 'Sue Super');
my ($agent_a, $agent_pw) = new_agent(client => $slug_a, role => 'agent', name => 'Agnes Agent');
my ($bert_a) = new_agent(client => $slug_a, role => 'agent', name => 'Bert');
my ($admin_b, $admin_b_pw) = new_agent(client => $slug_b, role => 'admin');
my ($agent_b) = new_agent(client => $slug_b, role => 'agent', name => 'Bea');
my ($operator, $operator_pw, $house) = new_agent(role => 'operator', name => 'Olga Operator');

sub id_of { my ($table, $col, $value) = @_; sql("SELECT id FROM $table WHERE $col = '$value'")->[0][0] }
my %cid = map { $_ => id_of('client', 'slug', $_) } $slug_a, $slug_b, $slug_c, $slug_d;
my %aid = map { $_ => id_of('agent', 'email', $_) } $agent_a, $bert_a, $super_a, $agent_b;
my $visitor = do {
    sql("INSERT INTO visitor (token_hash, created_at, last_seen_at) VALUES (SHA2(UUID(), 256), NOW(3), NOW(3))");
    sql("SELECT MAX(id) FROM visitor")->[0][0];
};

sub quoted { my ($s) = @_; $s =~ s/\\/\\\\/g; $s =~ s/'/\\'/g; return "'$s'" }
# A session as the archive keeps it: a channel with its start and close (undef:
# still open) and its participants [kind, agent email or undef, display name].
sub session {
    my ($client, $name, $created, $closed, @people) = @_;
    my $public = join '', map { sprintf '%x', int rand 16 } 1 .. 32;
    sql(sprintf "INSERT INTO channel (public_id, client_id, name, state, changed_at, created_at, closed_at)"
        . " VALUES ('%s', %d, %s, '%s', NOW(6), '%s', %s)", $public, $cid{$client}, quoted($name),
        defined $closed ? 'closed' : 'open', $created, defined $closed ? "'$closed'" : 'NULL');
    my $channel = sql("SELECT id FROM channel WHERE public_id = '$public'")->[0][0];
    for my $p (@people) {
        my ($kind, $email, $display) = @$p;
        sql(sprintf "INSERT INTO participant (channel_id, kind, agent_id, visitor_id, display_name,"
            . " token, joined_at) VALUES (%d, '%s', %s, %s, %s, SHA2(UUID(), 256), '%s')",
            $channel, $kind, $email ? $aid{$email} : 'NULL', $kind eq 'visitor' ? $visitor : 'NULL',
            quoted($display), $created);
    }
    return $channel;
}

my @agnes = (agent => $agent_a, 'Agnes Agent');
my @visitor = (visitor => undef, 'Ann Visitor');
# Client A, per minute at 0.50, minimum 10.00:
#   6:59.5 -> 7 minutes, 3.50
session($slug_a, 'Help for Ann', "$month-03 09:15:00.000", "$month-03 09:21:59.500", [@agnes], [@visitor]);
#   30 s -> 1 minute, 0.50; Agnes left and came back; Bert joined; a silent
#   supervisor is not an agent of the session; the name looks like a formula.
session($slug_a, '=SUM(1+1) & <b>bold</b>', "$month-10 14:00:00.000", "$month-10 14:00:30.000",
    [@agnes], [@visitor], [agent => $bert_a, 'Bert "the Boss"'], [@agnes], [supervisor => $super_a, 'Sue Super']);
#   still open: counts up to the month's end, 23:58 -> 2 minutes, 1.00
my $late = session($slug_a, 'Late one', "$last_day 23:58:00.000", undef, [@agnes]);
#   the next month's: never on this month's statement
session($slug_a, 'Next month', "$next-05 10:00:00.000", "$next-05 10:45:00.000", [@agnes]);
# Another client's session in the same month, same agent name.
session($slug_b, 'Beta one', "$month-05 08:00:00.000", "$month-05 08:45:00.000", [agent => $agent_b, 'Bea']);
session($slug_b, 'Beta two', "$month-06 12:00:00.000", "$month-06 12:00:10.000", [agent => $agent_b, 'Bea']);
session($slug_b, 'Beta three', "$month-07 16:30:00.000", "$month-07 16:31:00.001", [agent => $agent_b, 'Bea']);
# Just before the month, and the first instant of the next: not in it.
session($slug_b, 'Too early', sql("SELECT '$month-01' - INTERVAL 1 SECOND")->[0][0], sql("SELECT '$month-01' + INTERVAL 5 MINUTE")->[0][0]);
session($slug_b, 'Too late', "$next-01 00:00:00.000", "$next-01 00:05:00.000");
# Client C: 40 s at 0.04 per minute -> 0.04; a reseller share of 0.005 -> 0.01.
session($slug_c, 'Gamma one', "$month-20 11:00:00.000", "$month-20 11:00:40.000", [agent => undef, 'Gil']);
# Client D: a session, but D did not exist in the month: no minimum.
session($slug_d, 'Delta one', "$month-21 11:00:00.000", "$month-21 11:02:00.000");

my $BOM = "\xEF\xBB\xBF";
sub signed_in {
    my ($email, $password) = @_;
    my $b = Baton::Test::Browser->new;
    my $res = $b->sign_in($email, $password);
    die "sign-in of $email: $res->{status}" unless $res->{status} == 303;
    return $b;
}
my $ada = signed_in($admin_a, $admin_pw);
my $olga = signed_in($operator, $operator_pw);

# ---- client A's statement, CSV ---------------------------------------------

my $res = $ada->get("/statement?month=$month&format=csv");
is $res->{status}, 200, 'an admin gets the month\'s CSV';
is $res->{headers}{'content-type'}, 'text/csv; charset=utf-8', 'as CSV';
is $res->{headers}{'content-disposition'}, qq(attachment; filename="statement-$slug_a-$month.csv"), 'to save, named by client and month';
my $csv_a = $res->{content};
my $want_a = $BOM . join '', map { "$_\r\n" }
    'kind,started_utc,description,agents,minutes,quantity,unit,unit_price,amount,currency',
    "session,$month-03 09:15:00,Help for Ann,Agnes Agent,7,7,minute,0.50,3.50,EUR",
    "session,$month-10 14:00:00,'=SUM(1+1) & <b>bold</b>,\"Agnes Agent, Bert \"\"the Boss\"\"\",1,1,minute,0.50,0.50,EUR",
    "session,$last_day 23:58:00,Late one,Agnes Agent,2,2,minute,0.50,1.00,EUR",
    'usage,,3 sessions,,10,10,minute,0.50,5.00,EUR',
    'minimum,,monthly minimum 10.00,,,,,,5.00,EUR',
    "total,,$slug_a $month,,,,,,10.00,EUR";
is $csv_a, $want_a, 'CSV: a line per session (started minutes, agents once each in joining order, a formula-like name guarded), usage, the minimum\'s difference, the total';

$res = $olga->get("/statement?month=$month&client=$slug_b&format=csv");
is $res->{status}, 200, 'the operator gets any client\'s CSV';
is $res->{content}, $BOM . join('', map { "$_\r\n" }
    'kind,started_utc,description,agents,minutes,quantity,unit,unit_price,amount,currency',
    "session,$month-05 08:00:00,Beta one,Bea,45,1,session,2.50,2.50,USD",
    "session,$month-06 12:00:00,Beta two,Bea,1,1,session,2.50,2.50,USD",
    "session,$month-07 16:30:00,Beta three,Bea,2,1,session,2.50,2.50,USD",
    'usage,,3 sessions,,48,3,session,2.50,7.50,USD',
    "total,,$slug_b $month,,,,,,7.50,USD"),
    'per session: one each whatever its length; no minimum line without a minimum; sessions just outside the month left out';

$res = $olga->get("/statement?month=$month&client=$slug_d&format=csv");
like $res->{content}, qr/\r\nusage,,1 session,,2,2,minute,0\.50,1\.00,EUR\r\ntotal,,\Q$slug_d\E \Q$month\E,,,,,,1\.00,EUR\r\n\z/,
    'no minimum for a month before the client existed';

# ---- the same month again ---------------------------------------------------

is $ada->get("/statement?month=$month&format=csv")->{content}, $csv_a, 'run again: the same bytes';
my $html_a = $ada->get("/statement?month=$month")->{content};
# Later: the open session closes in the next month, more sessions come, an
# agent is renamed, and a reseller changes nothing of the client's terms.
sql("UPDATE channel SET state = 'closed', closed_at = '$next-01 00:30:00' WHERE id = $late");
session($slug_a, 'Later still', "$next-09 09:00:00.000", "$next-09 09:05:00.000", [@agnes]);
sql("UPDATE agent SET display_name = 'Agnes Renamed' WHERE email = '$agent_a'");
is $ada->get("/statement?month=$month&format=csv")->{content}, $csv_a,
    'the same bytes after the open session closed in the next month and more sessions came';
is $ada->get("/statement?month=$month")->{content}, $html_a, 'the HTML too';
$res = $ada->get("/statement?month=$next&format=csv");
like $res->{content}, qr/^session,\Q$next\E-05 10:00:00,Next month,Agnes Agent,45,45,.*\r\nsession,\Q$next\E-09 09:00:00,Later still,Agnes Agent,5,5,minute,0\.50,2\.50,EUR\r\nusage,,2 sessions,,50,50,minute,0\.50,25\.00,EUR\r\ntotal,/ms,
    'the next month has its own sessions (the late close is not billed again)';

# ---- client A's statement, HTML ---------------------------------------------

$res = $ada->get("/statement?month=$month");
is $res->{status}, 200, 'the printable page';
my $html = $res->{content};
like $html, qr{<link rel="stylesheet" href="/css/statement\.css">}, 'with the statement (print) stylesheet';
like $html, qr{<span id="client-name">Alpha &amp; &lt;Sons&gt;</span>}, 'the client, escaped';
like $html, qr{<span id="month">\Q$month\E</span>}, 'the month';
like $html, qr{<dd id="rate">0\.50 EUR per minute</dd>}, 'the rate';
like $html, qr{<dd id="minimum">10\.00 EUR</dd>}, 'the minimum';
like $html, qr{<dd id="currency">EUR</dd>}, 'the currency';
my @lines = $html =~ m{<tr class="line">(.*?)</tr>}gs;
is_deeply \@lines, [
    qq(<td class="when">$month-03 09:15:00</td><td>Help for Ann</td><td>Agnes Agent</td><td class="num">7</td><td class="num">3.50</td>),
    qq(<td class="when">$month-10 14:00:00</td><td>=SUM(1+1) &amp; &lt;b&gt;bold&lt;/b&gt;</td><td>Agnes Agent, Bert &quot;the Boss&quot;</td><td class="num">1</td><td class="num">0.50</td>),
    qq(<td class="when">$last_day 23:58:00</td><td>Late one</td><td>Agnes Agent</td><td class="num">2</td><td class="num">1.00</td>),
], 'a line per session: start, session, agents, minutes, amount (all escaped)';
like $html, qr{<tr class="usage" id="usage"><th scope="row" colspan="3">Usage: 3 sessions, 10 minutes, at 0\.50 per minute</th><td class="num">10</td><td class="num">5\.00</td></tr>}, 'the usage';
like $html, qr{<tr class="minimum" id="minimum-line"><th scope="row" colspan="4">Monthly minimum 10\.00 EUR: the difference</th><td class="num">5\.00</td></tr>}, 'the minimum as its own line';
like $html, qr{<tr class="total" id="total"><th scope="row" colspan="4">Total</th><td class="num">10\.00 EUR</td></tr>}, 'the total';
like $html, qr{href="/statement\?month=\Q$month\E&amp;format=csv" id="csv-link"}, 'a link to the CSV';
unlike $html, qr{id="provisional"}, 'a month that is over is final';
unlike $html, qr{&amp;client=}, 'an admin\'s links do not name a client';
like $html, qr{<a href="/statement">Statements</a>}, 'admins have the Statements link';

$res = $olga->get("/statement?month=$month&client=$slug_b");
like $res->{content}, qr{<dd id="rate">2\.50 USD per session</dd>}, 'per session: the rate';
like $res->{content}, qr{<dd id="minimum">none</dd>}, 'no minimum';
like $res->{content}, qr{<th scope="col" class="num">Sessions</th>}, 'a column of sessions';
unlike $res->{content}, qr{id="minimum-line"}, 'and no minimum line';
like $res->{content}, qr{<td class="num">7\.50 USD</td>}, 'total 7.50 USD';
like $res->{content}, qr{href="/statement\?month=\Q$month\E&amp;client=\Q$slug_b\E&amp;format=csv"}, 'the operator\'s links name the client';
like $res->{content}, qr{<a href="/statement">Statements</a>}, 'operators have the Statements link';

$res = $ada->get("/statement?month=$current");
is $res->{status}, 200, 'the current month';
like $res->{content}, qr{id="provisional"}, 'is marked provisional';
unlike $res->{content}, qr{id="next-month"}, 'with no link to the future';
$res = $ada->get('/statement');
is $res->{status}, 200, 'no month given';
my $previous = sql("SELECT DATE_FORMAT(UTC_DATE() - INTERVAL 1 MONTH, '%Y-%m')")->[0][0];
like $res->{content}, qr{<span id="month">\Q$previous\E</span>}, 'the last month that is over';
is $ada->request('HEAD', "/statement?month=$month&format=csv")->{status}, 200, 'HEAD works';

# ---- the reseller's statement ------------------------------------------------

$res = $olga->get("/statement?month=$month&reseller=$reseller&format=csv");
is $res->{status}, 200, 'the operator gets a reseller\'s CSV';
is $res->{headers}{'content-disposition'}, qq(attachment; filename="reseller-$reseller-$month.csv"), 'named by reseller and month';
is $res->{content}, $BOM . join('', map { "$_\r\n" }
    'kind,client,name,sessions,total,share,currency',
    "client,$slug_a,Alpha & <Sons>,3,10.00,1.25,EUR",
    "client,$slug_b,Beta Shop,3,7.50,0.94,USD",
    "client,$slug_c,Gamma,1,0.04,0.01,EUR",
    'total,,2 clients,4,10.04,1.26,EUR',
    'total,,1 client,3,7.50,0.94,USD'),
    'each client\'s total (with its minimum) and 12.5 % of it rounded half up (0.9375 -> 0.94, 0.005 -> 0.01), totals per currency';
is $olga->get("/statement?month=$month&reseller=$reseller&format=csv")->{content}, $res->{content}, 'run again: the same bytes';
$res = $olga->get("/statement?month=$month&reseller=$reseller");
is $res->{status}, 200, 'the reseller\'s page';
like $res->{content}, qr{<span id="reseller-name">Resell &amp; Co</span>}, 'names the reseller, escaped';
like $res->{content}, qr{<dd id="share">12\.50 %</dd>}, 'its share';
my @rows = $res->{content} =~ m{<tr class="line">(.*?)</tr>}gs;
is scalar @rows, 3, 'a line per client';
like $rows[0], qr{>Alpha &amp; &lt;Sons&gt;</a> <span class="muted">\(\Q$slug_a\E\)</span></td><td class="num">3</td><td class="num">10\.00</td><td class="num">1\.25</td><td>EUR</td>}, 'with sessions, total, share, currency';
like $res->{content}, qr{<tr class="total"><th scope="row">Total, 2 clients</th><td class="num">4</td><td class="num">10\.04</td><td class="num">1\.26</td><td>EUR</td></tr>}, 'totals per currency';

# ---- who may see what ----------------------------------------------------------

my $anon = Baton::Test::Browser->new;
$res = $anon->get("/statement?month=$month");
is $res->{status}, 303, 'not signed in: to sign-in';
is $res->{headers}{location}, '/signin', 'redirected';

my $agnes = signed_in($agent_a, $agent_pw);
$res = $agnes->get("/statement?month=$month");
is $res->{status}, 403, 'an agent may not see the statement';
like $res->{content}, qr/Statements are for supervisors and administrators of this client only\./, 'saying so';
unlike $res->{content}, qr/Agnes Agent,|10\.00/, 'and showing nothing of it';
is $agnes->get("/statement?month=$month&format=csv")->{status}, 403, 'nor its CSV';
unlike $agnes->get('/console')->{content}, qr{href="/statement"}, 'agents have no Statements link';

my $sue = signed_in($super_a, $super_pw);
$res = $sue->get("/statement?month=$month&format=csv");
is $res->{status}, 200, 'a supervisor of the client downloads its statement';
is $sue->get("/statement?month=$month&reseller=$reseller")->{status}, 403, 'but not a reseller\'s (the operator\'s alone)';

my $bob = signed_in($admin_b, $admin_b_pw);
$res = $bob->get("/statement?month=$month&client=$slug_a");
is $res->{status}, 403, 'another client\'s admin is refused';
like $res->{content}, qr/of this client only/, 'saying so';
unlike $res->{content}, qr/Help for Ann/, 'showing nothing';
is $bob->get("/statement?month=$month&client=$slug_a&format=csv")->{status}, 403, 'the CSV too';
is $bob->get("/statement?month=$month&format=csv")->{status}, 200, 'that admin has his own';
$res = $ada->get("/statement?month=$month&reseller=$reseller&format=csv");
is $res->{status}, 403, 'an admin may not see a reseller\'s statement';
like $res->{content}, qr/Reseller statements are for the Baton operator and the reseller only\./, 'saying so';

$res = $olga->get("/statement?month=$month&client=$slug_a&format=csv");
is $res->{content}, $csv_a, 'the operator sees the same statement as the client\'s admin';

# ---- a rate change does not rewrite a month that is over ---------------------

# A phone call (the call centre) in that month, billed at the month's phone
# rate: changing the rate later leaves it as it was.
sql("INSERT INTO phone_call (public_id, client_id, direction, number, state, outcome, created_at, connected_at, ended_at)"
    . " VALUES (REPLACE(UUID(), '-', ''), " . id_of('client', 'slug', $slug_b) . ", 'inbound', '+12025550199', 'ended',"
    . " 'answered', '$month-10 10:00:00', '$month-10 10:00:05', '$month-10 10:03:05')");
my $csv_b = $olga->get("/statement?month=$month&client=$slug_b&format=csv")->{content};
like $csv_b, qr/phone minute/, 'the phone call is on the statement';
my $reseller_csv = $olga->get("/statement?month=$month&reseller=$reseller&format=csv")->{content};
admin(undef, 'client', 'rate', $slug_a, 'session', '999', '0', 'USD');
admin(undef, 'client', 'rate', $slug_b, 'minute', '1');
admin(undef, 'phone', 'set', $slug_b, 'rate_cents', '25');
admin(undef, 'reseller', 'share', $reseller, '50');
my $other_reseller = "$prefix-r2";
admin(undef, 'reseller', 'add', $other_reseller, 'Other Partner', '30');
admin(undef, 'client', 'reseller', $slug_c, $other_reseller);
is $ada->get("/statement?month=$month&format=csv")->{content}, $csv_a,
    'the closed month\'s statement is the same bytes after its rate, minimum and currency changed';
is $olga->get("/statement?month=$month&client=$slug_b&format=csv")->{content}, $csv_b,
    'per session too, and its phone call at the phone rate of then';
is $olga->get("/statement?month=$month&reseller=$reseller&format=csv")->{content}, $reseller_csv,
    'and the reseller\'s: the old share, and the client that moved to another reseller still listed';
like $olga->get("/statement?month=$month&reseller=$other_reseller&format=csv")->{content}, qr/\A\Q$BOM\Ekind,client,name,sessions,total,share,currency\r\n\z/,
    'the new reseller has none of that month';
like $ada->get("/statement?format=csv&month=" . sql("SELECT DATE_FORMAT(UTC_DATE(), '%Y-%m')")->[0][0])->{content},
    qr/,session,9\.99,/, 'the month in progress has the new rate';

# ---- a reseller's own account ------------------------------------------------------

my $rex_email = random_name('rex') . '@example.com';
my $invite = admin(undef, 'reseller', 'invite', $reseller, $rex_email, 'Rex Reseller');
my ($token) = $invite =~ m{/password\?t=([0-9a-f]{64})} or die "no link in: $invite";
my $rex = Baton::Test::Browser->new;
my $page = $rex->get("/password?t=$token");
$rex->post('/password', form => [csrf => Baton::Test::csrf_from($page->{content}), t => $token,
    password => 'rex-password-1', again => 'rex-password-1']);
is $rex->sign_in($rex_email, 'rex-password-1')->{status}, 303, 'the reseller signs in';
$res = $rex->get("/statement?month=$month&format=csv");
is $res->{status}, 200, 'a reseller gets its own statement';
is $res->{content}, $reseller_csv, 'the one the operator sees';
is $rex->get("/statement?month=$month&reseller=$other_reseller")->{status}, 403, 'not another reseller\'s';
is $rex->get("/statement?month=$month&client=$slug_a&format=csv")->{content}, $csv_a, 'its client\'s statement';
is $rex->get("/statement?month=$month&client=$slug_d")->{status}, 404, 'not a client that is not its own';

# ---- bad input -------------------------------------------------------------------

for my $case (['2026-13', 'month 13'], ['2026-00', 'month 0'], ['26-01', 'a short year'],
    ['2026-1', 'one digit'], ['march', 'words']) {
    my ($m, $what) = @$case;
    $res = $ada->get("/statement?month=$m");
    is $res->{status}, 400, "$what: 400";
    like $res->{content}, qr/The month must be a year and a month as YYYY-MM, for example 2026-03\./, 'saying how';
}
$res = $ada->get("/statement?month=2026-03-01");
is $res->{status}, 400, 'a date is too long: 400';
$res = $ada->get("/statement?month=$future");
is $res->{status}, 400, 'a future month: 400';
like $res->{content}, qr/The month \Q$future\E has not begun yet/, 'saying so';
$res = $olga->get("/statement?month=$month&client=no-such-client");
is $res->{status}, 404, 'an unknown client: 404';
like $res->{content}, qr/There is no such client\./, 'saying so';
$res = $olga->get("/statement?month=$month&reseller=no-such-reseller");
is $res->{status}, 404, 'an unknown reseller: 404';
like $res->{content}, qr/There is no such reseller\./, 'saying so';
$res = $olga->get("/statement?month=$month&client=$slug_a&reseller=$reseller");
is $res->{status}, 400, 'a client and a reseller at once: 400';
is $ada->get("/statement?month=$month&format=pdf")->{status}, 400, 'an unknown format: 400';
is $ada->post('/statement', form => [month => $month])->{status}, 405, 'POST: 405';

done_testing;
