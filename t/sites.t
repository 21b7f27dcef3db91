#!/usr/bin/perl
# The Sites page (cgi-bin/sites.c): a client's administrator adds a site
# with its domains, adds and removes domains, renames it, chooses whether
# visitors type a question, makes a signing secret, deletes it (after typing
# its name). Help links follow at once. Refused roles, another client's
# sites, bad input, audit rows.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name);
use Baton::Admin qw(person operator reseller form_post audit_count);

my $s = stack();
my $client = new_client();
my $other = new_client();
my $ada = person($client, 'admin');
my $sue = person($client, 'supervisor');
my $bob = person($other, 'admin');
sub fresh { Baton::Test::Browser->new }
sub site_id { my ($name) = @_; sql("SELECT id FROM site WHERE name = '$name'")->[0][0] }
sub help_from { my ($key, $page) = @_; fresh()->get("/help?site=$key", headers => { Referer => $page })->{status} }

my $name = random_name('Site ');
my $res = form_post($ada, '/sites', 'add', name => $name, domains => 'Shop.Example.com, www.shop.example.com');
is $res->{status}, 200, 'an administrator adds a site';
my ($key) = $res->{content} =~ /its key is ([0-9a-f]{32})/;
ok $key, 'saying its key';
like $res->{content}, qr{<h2>\Q$name\E <span class="muted">\(shop\.example\.com,www\.shop\.example\.com\)</span></h2>}, 'with its domains, lower-cased';
like $res->{content}, qr{help\?site=$key&quot; referrerpolicy}, 'and its help link ready to copy';
is audit_count('site.add', "site $name", actor => $ada->{email}), 1, 'on record';
my $id = site_id($name);
is help_from($key, 'https://shop.example.com/p'), 200, 'its help link works on its domain';
is help_from($key, 'https://blog.other.example/p'), 403, 'not elsewhere';

for my $bad ([[name => 'X', domains => 'https://x.example/path'], qr/is not a domain name/, 'a URL for a domain'],
    [[name => 'X', domains => ''], qr/Give at least one domain/, 'no domain'],
    [[name => 'X', domains => 'a.example a.example'], qr/given twice/, 'a domain twice'],
    [[name => '', domains => 'x.example'], qr/The field &#39;name&#39; is required/, 'no name']) {
    my ($fields, $message, $what) = @$bad;
    $res = form_post($ada, '/sites', 'add', @$fields);
    is $res->{status}, 400, "$what: 400";
    like $res->{content}, $message, 'saying why';
}

$res = form_post($ada, '/sites', 'domain-add', site => $id, domain => 'blog.other.example');
is $res->{status}, 200, 'an administrator adds a domain';
is help_from($key, 'https://blog.other.example/p'), 200, 'help links work there at once';
is form_post($ada, '/sites', 'domain-add', site => $id, domain => 'blog.other.example')->{status}, 409, 'not twice';
$res = form_post($ada, '/sites', 'domain-remove', site => $id, domain => 'shop.example.com');
is $res->{status}, 200, 'an administrator removes a domain';
is help_from($key, 'https://shop.example.com/p'), 403, 'help links stop working there';
is form_post($ada, '/sites', 'domain-remove', site => $id, domain => 'nowhere.example')->{status}, 404, 'a domain the site does not have: 404';
form_post($ada, '/sites', 'domain-remove', site => $id, domain => 'www.shop.example.com');
$res = form_post($ada, '/sites', 'domain-remove', site => $id, domain => 'blog.other.example');
is $res->{status}, 409, 'the last domain stays';
like $res->{content}, qr/needs at least one domain/, 'saying why';
is audit_count('site.domain.add', "site $name"), 1, 'added domains on record';
is audit_count('site.domain.remove', "site $name"), 2, 'removed ones too';

is form_post($ada, '/sites', 'ask', site => $id, ask => 0)->{status}, 200, 'visitors may wait at once';
is sql("SELECT ask_question FROM site WHERE id = $id")->[0][0], 0, 'stored';
is help_from($key, 'https://blog.other.example/p'), 303, 'the help link now queues at once';
is form_post($ada, '/sites', 'rename', site => $id, name => "$name renamed")->{status}, 200, 'renamed';
$res = form_post($ada, '/sites', 'secret', site => $id);
is $res->{status}, 200, 'an administrator makes a signing secret';
my ($secret) = $res->{content} =~ /id="handover-link" class="copy" readonly value="([0-9a-f]{64})"/;
ok $secret, 'shown once to copy';
is sql("SELECT secret FROM site WHERE id = $id")->[0][0], $secret, 'stored';
unlike $ada->{browser}->get('/sites')->{content}, qr/\Q$secret\E/, 'and never shown again';

# Another client's administrator, a supervisor, a reseller: nothing.
for my $case ([$bob, 404, 'another client\'s administrator'], [$sue, 403, 'a supervisor'], [reseller(), 403, 'a reseller']) {
    my ($who, $status, $what) = @$case;
    is form_post($who, '/sites', 'domain-add', site => $id, domain => 'evil.example')->{status}, $status, "$what cannot add a domain: $status";
    is form_post($who, '/sites', 'secret', site => $id)->{status}, $status, "nor replace the secret";
    is form_post($who, '/sites', 'delete', site => $id, confirm => "$name renamed")->{status}, $status, 'nor delete the site';
}
is sql("SELECT COUNT(*) FROM site_domain WHERE domain = 'evil.example'")->[0][0], 0, 'no domain was added';
unlike $bob->{browser}->get('/sites')->{content}, qr/\Q$key\E/, 'another client never sees the site';
is $sue->{browser}->get('/sites')->{status}, 403, 'a supervisor has no Sites page';

$res = form_post($ada, '/sites', 'delete', site => $id, confirm => 'wrong');
is $res->{status}, 400, 'deleting needs the name typed';
$res = form_post($ada, '/sites', 'delete', site => $id, confirm => "$name renamed");
is $res->{status}, 200, 'an administrator deletes the site';
is sql("SELECT COUNT(*) FROM site WHERE id = $id")->[0][0], 0, 'gone';
is help_from($key, 'https://blog.other.example/p'), 403, 'its help link no longer works';
is audit_count('site.delete', "site $name renamed"), 1, 'on record';

my $olga = operator();
is form_post($olga, '/sites', 'add', client => $other, name => 'By the operator', domains => 'op.example')->{status}, 200, 'the operator adds a site to any client';
is sql("SELECT c.slug FROM site s JOIN client c ON c.id = s.client_id WHERE s.name = 'By the operator'")->[0][0], $other, 'to the client named';
done_testing;
