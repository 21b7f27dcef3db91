#!/usr/bin/perl
# The Canned page (cgi-bin/canned.c): a client's administrators keep the
# phrases and addresses for everyone; every agent keeps their own; nobody
# touches another's or another client's. The viewer offers what is kept
# here. Bad input and audit rows.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name);
use Baton::Admin qw(person operator reseller form_post audit_count);

my $client = new_client();
my $other = new_client();
my $ada = person($client, 'admin');
my $agnes = person($client, 'agent');
my $sam = person($client, 'agent');
my $bob = person($other, 'admin');
sub phrase_id { my ($title) = @_; sql("SELECT id FROM canned_phrase WHERE title = '$title'")->[0][0] }

my $everyone = random_name('Hello');
my $res = form_post($ada, '/canned', 'phrase-add', title => $everyone, text => "Hello <there>!\nHow can I help?", for => 'all');
is $res->{status}, 200, 'an administrator adds a phrase for everyone';
is sql("SELECT agent_id IS NULL FROM canned_phrase WHERE title = '$everyone'")->[0][0], 1, 'for everyone';
is audit_count('canned.add', "phrase '$everyone'", actor => $ada->{email}), 1, 'on record';
my $mine = random_name('Mine');
is form_post($agnes, '/canned', 'phrase-add', title => $mine, text => 'For all', for => 'all')->{status}, 403, 'an agent may not add one for everyone';
$res = form_post($agnes, '/canned', 'phrase-add', title => $mine, text => 'Just mine');
is $res->{status}, 200, 'an agent adds a phrase';
is sql("SELECT agent_id FROM canned_phrase WHERE title = '$mine'")->[0][0], $agnes->{id}, 'her own';

$res = $agnes->{browser}->get('/canned');
like $res->{content}, qr{<strong>\Q$everyone\E</strong> <span class="chip">everyone's</span>}, 'she sees everyone\'s, to read';
like $res->{content}, qr{value="\Q$mine\E"}, 'and her own, to edit';
unlike $sam->{browser}->get('/canned')->{content}, qr/\Q$mine\E/, 'another agent does not see hers';
unlike $bob->{browser}->get('/canned')->{content}, qr/\Q$everyone\E/, 'another client sees none';

my $everyone_id = phrase_id($everyone);
my $mine_id = phrase_id($mine);
is form_post($agnes, '/canned', 'phrase-edit', id => $everyone_id, title => 'Hacked', text => 'x')->{status}, 403, 'an agent cannot edit everyone\'s';
is form_post($sam, '/canned', 'phrase-delete', id => $mine_id)->{status}, 403, 'nor another agent\'s';
is form_post($bob, '/canned', 'phrase-edit', id => $everyone_id, title => 'Hacked', text => 'x')->{status}, 404, 'another client\'s administrator: 404';
is form_post(reseller(), '/canned', 'phrase-delete', id => $everyone_id)->{status}, 403, 'a reseller: 403';
is sql("SELECT title FROM canned_phrase WHERE id = $everyone_id")->[0][0], $everyone, 'unchanged';
is form_post($agnes, '/canned', 'phrase-edit', id => $mine_id, title => $mine, text => 'Mine, edited')->{status}, 200, 'an agent edits her own';
is form_post($ada, '/canned', 'phrase-edit', id => $everyone_id, title => $everyone, text => 'Hello again!')->{status}, 200, 'an administrator edits everyone\'s';
is sql("SELECT body FROM canned_phrase WHERE id = $everyone_id")->[0][0], 'Hello again!', 'stored';
is audit_count('canned.edit', "phrase '$everyone'"), 1, 'on record';

for my $bad ([[title => '', text => 'x'], qr/The field &#39;title&#39; is required/, 'no title'],
    [[title => 'x', text => ''], qr/The field &#39;text&#39; is required/, 'no text'],
    [[title => 'x' x 101, text => 'y'], qr/too long/, 'a title too long']) {
    my ($fields, $message, $what) = @$bad;
    $res = form_post($ada, '/canned', 'phrase-add', @$fields);
    is $res->{status}, 400, "$what: 400";
    like $res->{content}, $message, 'saying why';
}

# Addresses.
my $shop = random_name('Shop');
is form_post($ada, '/canned', 'address-add', title => $shop, url => 'https://shop.example/', for => 'all')->{status}, 200, 'an administrator adds an address';
$res = form_post($ada, '/canned', 'address-add', title => 'Bad', url => 'javascript:alert(1)');
is $res->{status}, 400, 'not a web address: 400';
like $res->{content}, qr/is not a web address/, 'saying why';
my $address_id = sql("SELECT id FROM canned_address WHERE title = '$shop'")->[0][0];
is form_post($agnes, '/canned', 'address-delete', id => $address_id)->{status}, 403, 'an agent cannot delete everyone\'s address';
is form_post($ada, '/canned', 'address-edit', id => $address_id, title => $shop, url => 'https://shop.example/new')->{status}, 200, 'an administrator moves it';
is form_post($agnes, '/canned', 'phrase-delete', id => $mine_id)->{status}, 200, 'an agent deletes her own phrase';
is sql("SELECT COUNT(*) FROM canned_phrase WHERE id = $mine_id")->[0][0], 0, 'gone';
is audit_count('canned.delete', "phrase '$mine'"), 1, 'on record';
is form_post($ada, '/canned', 'address-delete', id => $address_id)->{status}, 200, 'an administrator deletes an address';
is form_post($ada, '/canned', 'phrase-delete', id => 999999999)->{status}, 404, 'nothing by that id: 404';
done_testing;
