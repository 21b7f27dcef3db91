#!/usr/bin/perl
# baton-admin's billing commands: a client's rate (per minute or per
# session, minimum, currency), resellers and their share, a client's
# reseller, and the operator role; with clear errors for bad values.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql new_client random_name);

my $s = stack();
my $bin = "$s->{ROOT}/tools/baton-admin";

sub run_admin {
    my ($password, @args) = @_;
    local $ENV{BATON_PASSWORD} = $password // '';
    my $out = qx{"$bin" --conf "$s->{CONF}" @{[map { quotemeta } @args]} 2>&1 < /dev/null};
    return ($? >> 8, $out);
}
# The client's terms now: the newest of its history (lib/terms.h).
sub terms {
    my ($slug) = @_;
    return sql("SELECT t.rate_unit, t.rate_cents, t.monthly_minimum_cents, t.currency,"
        . " COALESCE((SELECT r.slug FROM reseller r WHERE r.id = t.reseller_id), '-')"
        . " FROM client_terms t JOIN client c ON c.id = t.client_id WHERE c.slug = '$slug'"
        . " ORDER BY t.effective_at DESC, t.id DESC LIMIT 1")->[0];
}

my $client = new_client();
is_deeply terms($client), ['minute', 0, 0, 'EUR', '-'], 'a new client: per minute, nothing charged, EUR, no reseller';

my ($rc, $out) = run_admin(undef, 'client', 'rate', $client, 'minute', '45', '2500', 'USD');
is $rc, 0, 'client rate with a minimum and a currency';
is $out, "rate of $client set to 0.45 per minute, monthly minimum 25.00, currency USD\n", 'saying what was set';
is_deeply terms($client), ['minute', 45, 2500, 'USD', '-'], 'stored';
($rc, $out) = run_admin(undef, 'client', 'rate', $client, 'session', '300');
is $rc, 0, 'client rate per session, without minimum or currency';
is_deeply terms($client), ['session', 300, 0, 'USD', '-'], 'the minimum is 0 again and the currency stays';

for my $bad (
    [['hour', '10'], qr/The rate is per 'minute' or per 'session', not 'hour'/, 'an unknown unit'],
    [['minute', '0.5'], qr/The rate is a whole number of cents from 0 to 100000000, not '0\.5'/, 'a rate in units, not cents'],
    [['minute', '-5'], qr/whole number of cents/, 'a negative rate'],
    [['minute', '100000001'], qr/whole number of cents/, 'a rate too large'],
    [['minute', '10', 'ten'], qr/The monthly minimum is a whole number of cents/, 'a bad minimum'],
    [['minute', '10', '0', 'euro'], qr/The currency is three capital letters \(EUR, USD, GBP\.\.\.\), not 'euro'/, 'a bad currency'],
) {
    my ($args, $message, $what) = @$bad;
    ($rc, $out) = run_admin(undef, 'client', 'rate', $client, @$args);
    is $rc, 1, "$what is refused";
    like $out, $message, 'saying why';
}
is_deeply terms($client), ['session', 300, 0, 'USD', '-'], 'refused rates change nothing';
($rc, $out) = run_admin(undef, 'client', 'rate', 'no-such-client', 'minute', '10');
like $out, qr/no client 'no-such-client'/, 'an unknown client is named';

my $reseller = random_name('res');
($rc, $out) = run_admin(undef, 'reseller', 'add', $reseller, 'Partner & Co', '12.5');
is $rc, 0, 'reseller add';
is $out, "reseller $reseller created with a share of 12.50 %\n", 'saying so';
is sql("SELECT s.share_percent FROM reseller_share s JOIN reseller r ON r.id = s.reseller_id WHERE r.slug = '$reseller'")->[0][0], '12.50', 'the share is stored exactly';
($rc, $out) = run_admin(undef, 'reseller', 'add', $reseller, 'Again', '10');
is $rc, 1, 'a second reseller with the same slug fails';
like $out, qr/A reseller with the slug '\Q$reseller\E' exists already/, 'saying so';
for my $bad (['101', 'more than 100 %'], ['12.345', 'three decimals'], ['-1', 'a negative share'], ['ten', 'words']) {
    ($rc, $out) = run_admin(undef, 'reseller', 'add', random_name('res'), 'X', $bad->[0]);
    like $out, qr/The share is a percentage from 0 to 100 with at most two decimals/, "$bad->[1] is refused";
}
($rc, $out) = run_admin(undef, 'reseller', 'add', 'Bad Slug', 'X', '10');
like $out, qr/may hold only a-z, 0-9 and '-'/, 'reseller slugs are checked';
($rc, $out) = run_admin(undef, 'reseller', 'add', 'none', 'X', '10');
like $out, qr/'none' is not a reseller's slug/, '"none" is kept for "no reseller"';

($rc, $out) = run_admin(undef, 'client', 'reseller', $client, $reseller);
is $rc, 0, 'client reseller';
is $out, "client $client now belongs to reseller $reseller\n", 'saying so';
is terms($client)->[4], $reseller, 'stored';
($rc, $out) = run_admin(undef, 'reseller', 'list');
like $out, qr/^\Q$reseller\E\tPartner & Co\t12\.50\t\Q$client\E\t-\t0$/m, 'reseller list: slug, name, share, clients';
($rc, $out) = run_admin(undef, 'client', 'reseller', $client, 'no-such-reseller');
is $rc, 1, 'an unknown reseller is refused';
like $out, qr/There is no reseller 'no-such-reseller'/, 'and named';
is terms($client)->[4], $reseller, 'the client keeps its reseller';
($rc, $out) = run_admin(undef, 'client', 'reseller', $client, 'none');
is $rc, 0, 'client reseller none';
is terms($client)->[4], '-', 'takes the client away from its reseller';

my $email = random_name('op') . '@example.com';
($rc, $out) = run_admin('operator-password', 'agent', 'add', $client, $email, 'Olga Operator', 'operator');
is $rc, 0, 'agent add with the operator role';
is sql("SELECT role FROM agent WHERE email = '$email'")->[0][0], 'operator', 'stored';
($rc, $out) = run_admin('whatever-password', 'agent', 'add', $client, "x$email", 'X', 'root');
like $out, qr/The role 'root' must be agent, supervisor or admin \(or operator, for the Baton operator\)/, 'other roles are refused';

($rc, $out) = run_admin(undef, 'help');
like $out, qr/client rate CLIENT minute\|session CENTS \[MINIMUM_CENTS\] \[CURRENCY\]/, 'help shows client rate';
like $out, qr/reseller add SLUG NAME SHARE_PERCENT/, 'reseller add';
like $out, qr/client reseller CLIENT RESELLER\|none/, 'client reseller';
like $out, qr/ROLE: agent \(default\), supervisor, admin,\s+operator/, 'and the operator role';
($rc, $out) = run_admin(undef, 'client', 'rate', $client);
is $rc, 2, 'client rate without its values: usage, exit 2';
done_testing;
