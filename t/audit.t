#!/usr/bin/perl
# The audit log page (cgi-bin/audit.c): who changed what, when and from
# where, for the operator (all, or one client), a client's administrator
# (their client's only) and a reseller (about itself and its clients);
# nobody else. Entries written by baton-admin say so.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name);
use Baton::Admin qw(person operator reseller form_post);

my $client = new_client();
my $other = new_client();
my $ada = person($client, 'admin', name => 'Ada Admin');
my $agnes = person($client, 'agent');
my $sue = person($client, 'supervisor');
my $bob = person($other, 'admin');
my $olga = operator();
my $rex = reseller();

form_post($ada, '/agents', 'capacity', agent => $agnes->{id}, capacity => 4);
form_post($bob, '/agents', 'invite', name => 'Secret Person', email => random_name('secret') . '@example.com', role => 'agent');
admin(undef, 'client', 'set', $client, 'seat_cap', '7');

my $res = $ada->{browser}->get('/audit');
is $res->{status}, 200, 'an administrator reads the audit log';
like $res->{content}, qr{<tr data-action="account\.capacity"><td>\d{4}-\d\d-\d\d \d\d:\d\d:\d\d</td>\s*<td>\Q$ada->{email}\E <span class="muted">\(admin\)</span></td>\s*<td>127\.0\.0\.1</td>}, 'who, when and from where';
like $res->{content}, qr{<code>account\.capacity</code> account \Q$agnes->{email}\E: <span class="detail">sessions at once 1 -&gt; 4</span>}, 'and what';
like $res->{content}, qr{baton-admin \([^)]+\) <span class="muted">\(operator\)</span></td>\s*<td>shell[^<]*</td>}, 'baton-admin\'s changes say so';
unlike $res->{content}, qr/Secret Person/, 'nothing of another client';
is $agnes->{browser}->get('/audit')->{status}, 403, 'an agent may not read it';
is $sue->{browser}->get('/audit')->{status}, 403, 'nor a supervisor';
is $bob->{browser}->get("/audit?client=$client")->{status}, 404, 'another client\'s administrator may not name this client';

$res = $olga->{browser}->get('/audit');
like $res->{content}, qr/Secret Person/, 'the operator reads every client\'s';
like $res->{content}, qr/sessions at once 1 -&gt; 4/, 'all of them';
$res = $olga->{browser}->get("/audit?client=$other");
like $res->{content}, qr/Secret Person/, 'or one client\'s';
unlike $res->{content}, qr/sessions at once 1 -&gt; 4/, 'only';

my $rslug = random_name('rc');
form_post($rex, '/clients', 'create', name => 'Rex Client', slug => $rslug, admin_name => 'R', admin_email => random_name('r') . '@example.com');
$res = $rex->{browser}->get('/audit');
is $res->{status}, 200, 'a reseller reads the entries about itself';
like $res->{content}, qr/client \Q$rslug\E/, 'the clients it made';
unlike $res->{content}, qr/Secret Person|sessions at once/, 'nothing else';

# Paging: the 101st entry is on the next page.
my $many = new_client();
my $many_admin = person($many, 'admin');
form_post($many_admin, '/agents', 'capacity', agent => $many_admin->{id}, capacity => ($_ % 5) + 1) for 1 .. 101;
$res = $many_admin->{browser}->get('/audit');
my @rows = $res->{content} =~ /<tr data-action=/g;
is scalar @rows, 100, '100 entries a page';
my ($older) = $res->{content} =~ m{<a href="/audit\?before=(\d+)" id="older">};
ok $older, 'with a link to older ones';
@rows = $many_admin->{browser}->get("/audit?before=$older")->{content} =~ /<tr data-action=/g;
ok @rows >= 1, 'which lists the rest';
done_testing;
