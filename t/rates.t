#!/usr/bin/perl
# The Rates page (cgi-bin/rates.c), the operator's alone: a client's rate
# (typed as money), minimum, currency, phone rate and reseller, each change a new entry
# of the history shown on the page. Refused roles, bad input, audit rows.
# (That a closed month's statement stays the same is t/statement.t's.)
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name);
use Baton::Admin qw(person operator reseller form_post audit_count);

my $olga = operator();
my $client = new_client();
my $ada = person($client, 'admin');
my $rex = reseller();
admin(undef, 'client', 'reseller', $client, $rex->{reseller});

sub now_terms {
    sql("SELECT t.rate_unit, t.rate_cents, t.monthly_minimum_cents, t.currency, COALESCE(r.slug, '-') FROM client_terms t"
        . " JOIN client c ON c.id = t.client_id LEFT JOIN reseller r ON r.id = t.reseller_id WHERE c.slug = '$client'"
        . " ORDER BY t.effective_at DESC, t.id DESC LIMIT 1")->[0];
}

my $res = $olga->{browser}->get('/rates');
is $res->{status}, 200, 'the operator opens the Rates page';
like $res->{content}, qr{<div class="client-rate" data-client="\Q$client\E">}, 'with every client';
$res = form_post($olga, '/rates', 'rate', slug => $client, rate => '0.05', unit => 'minute', minimum => '10', currency => 'USD');
is $res->{status}, 200, 'the operator sets a rate as money';
like $res->{content}, qr/rate of \Q$client\E set to 0\.05 per minute, monthly minimum 10\.00, currency USD/, 'saying so';
is_deeply now_terms(), ['minute', 5, 1000, 'USD', $rex->{reseller}], 'stored in cents, the reseller kept';
like $res->{content}, qr{<strong class="terms">0\.05 USD per minute, monthly minimum 10\.00</strong>}, 'shown';
is audit_count('client.rate', "client $client", actor => $olga->{email}), 1, 'on record';
form_post($olga, '/rates', 'rate', slug => $client, rate => '2.5', unit => 'session');
is_deeply now_terms(), ['session', 250, 0, 'USD', $rex->{reseller}], 'per session; no minimum; the currency stays';
my ($mine) = form_post($olga, '/rates', 'reseller', slug => $client, reseller => 'none')->{content}
    =~ m{<div class="client-rate" data-client="\Q$client\E">.*?<details><summary>History</summary>(.*?)</details>}s;
ok $mine && $mine =~ /2\.50 USD per session/ && $mine =~ /0\.05 USD per minute/, 'the history lists the earlier rate too';
is now_terms()->[4], '-', 'the reseller is taken away';
is audit_count('client.reseller', "client $client", actor => $olga->{email}), 1, 'on record';

for my $bad ([[rate => '0.005', unit => 'minute'], qr/The rate is an amount such as 0\.05/, 'three decimals'],
    [[rate => '-1', unit => 'minute'], qr/The rate is an amount/, 'a negative rate'],
    [[rate => '', unit => 'minute'], qr/Give the rate/, 'no rate'],
    [[rate => '1', unit => 'hour'], qr/The rate is per &#39;minute&#39; or per &#39;session&#39;/, 'an unknown unit'],
    [[rate => '1', unit => 'minute', minimum => 'lots'], qr/The monthly minimum is an amount/, 'a bad minimum'],
    [[rate => '1', unit => 'minute', currency => 'eu'], qr/The currency is three capital letters/, 'a bad currency']) {
    my ($fields, $message, $what) = @$bad;
    $res = form_post($olga, '/rates', 'rate', slug => $client, @$fields);
    is $res->{status}, 400, "$what: 400";
    like $res->{content}, $message, 'saying why';
}
is_deeply now_terms(), ['session', 250, 0, 'USD', '-'], 'refused rates change nothing';
is form_post($olga, '/rates', 'rate', slug => 'no-such-client', rate => '1', unit => 'minute')->{status}, 404, 'an unknown client: 404';
is form_post($olga, '/rates', 'reseller', slug => $client, reseller => 'no-such')->{status}, 404, 'an unknown reseller: 404';

# The phone rate (the call centre's talk time), in the same history.
sub phone_rate { sql("SELECT t.phone_rate_cents FROM client_terms t JOIN client c ON c.id = t.client_id WHERE c.slug = '$client'"
    . " ORDER BY t.effective_at DESC, t.id DESC LIMIT 1")->[0][0] }
$res = form_post($olga, '/rates', 'phone-rate', slug => $client, phone_rate => '0.12');
is $res->{status}, 200, 'the operator sets the phone rate as money';
like $res->{content}, qr/rate_cents set to 12/, 'saying so';
is phone_rate(), 12, 'a new entry of the history';
is sql("SELECT rate_cents FROM phone_line pl JOIN client c ON c.id = pl.client_id WHERE c.slug = '$client'")->[0][0], 12,
    'and the telephony settings\' rate';
like $res->{content}, qr{id="phone-rate-\Q$client\E" name="phone_rate" value="0\.12"}, 'shown';
is now_terms()->[1], 250, 'the other terms carried over';
is audit_count('phone.setting', 'setting rate_cents', actor => $olga->{email}), 1, 'on record';
is form_post($olga, '/rates', 'phone-rate', slug => $client, phone_rate => 'cheap')->{status}, 400, 'a phone rate in words: 400';
is form_post($ada, '/rates', 'phone-rate', slug => $client, phone_rate => '0')->{status}, 403, 'the client\'s administrator cannot set it';
is phone_rate(), 12, 'unchanged';

for my $who ([$ada, 'the client\'s administrator'], [$rex, 'a reseller']) {
    is $who->[0]{browser}->get('/rates')->{status}, 403, "$who->[1] has no Rates page";
    is form_post($who->[0], '/rates', 'rate', slug => $client, rate => '0', unit => 'minute')->{status}, 403, "$who->[1] cannot set a rate";
    is form_post($who->[0], '/rates', 'reseller', slug => $client, reseller => 'none')->{status}, 403, "nor a reseller";
}
is now_terms()->[1], 250, 'unchanged';
done_testing;
