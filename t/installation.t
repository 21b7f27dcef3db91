#!/usr/bin/perl
# The health page (cgi-bin/installation.c), the operator's alone: version,
# database, migrations, queues, and the programs to ask (the asking itself
# is htdocs/js/installation.js's, tried in t/browser-admin.t).
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name);
use Baton::Admin qw(person operator reseller);

my $s = stack();
my $olga = operator();
my $res = $olga->{browser}->get('/installation');
is $res->{status}, 200, 'the operator opens the health page';
like $res->{content}, qr{<dd id="database">reachable: MariaDB [^<]+ on [^<]+, its clock \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC</dd>}, 'the database';
my $applied = sql('SELECT COUNT(*) FROM schema_migration')->[0][0];
like $res->{content}, qr{<dd id="schema">$applied migrations applied</dd>}, 'the migrations applied, none to apply';
like $res->{content}, qr{<li data-program="signin"><code>/signin</code>}, 'the programs';
like $res->{content}, qr{<li data-program="installation">}, 'itself among them';
like $res->{content}, qr{<dd id="count-waiting">\d+</dd>}, 'the queues';
like $res->{content}, qr{<dd id="version">[^<]+</dd>}, 'the version';
like $res->{content}, qr{<dd id="zones">loaded}, 'time zones are loaded in the test database';

# A visitor waiting shows among the busiest clients.
my $client = new_client();
my ($key) = Baton::Test::new_direct_site($client);
Baton::Test::Browser->new->get("/help?site=$key", headers => { Referer => "$s->{URL}/demo/x.html" });
like $olga->{browser}->get('/installation')->{content}, qr{<td>Client \Q$client\E <span class="muted">\(\Q$client\E\)</span></td><td>1</td>}, 'with one waiting';

for my $who ([person(new_client(), 'admin'), 'a client\'s administrator'], [reseller(), 'a reseller']) {
    is $who->[0]{browser}->get('/installation')->{status}, 403, "$who->[1] may not";
}
done_testing;
