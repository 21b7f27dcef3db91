#!/usr/bin/perl
# The settings later issues gave tools/baton-admin, in the browser for the
# role that owns each (issue 12): a site's help address (Sites), the
# client's alert address and room settings (Desk settings), a person's
# language and weekly digest (Agents, and one's own Profile), canned
# phrases' written translations (Canned phrases) and the event rate (the
# operator's Rates), and trying the translation engine (the operator's
# Health page); collaborators have their own page (t/collaborators.t). Each form calls the
# lib/ action baton-admin calls: done, stored and on record; bad input
# refused saying why; another client's objects and the wrong roles refused.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name);
use Baton::Admin qw(person operator reseller form_post audit_count);

my $client = new_client();
my $other = new_client();
my $ada = person($client, 'admin');
my $sue = person($client, 'supervisor');
my $agnes = person($client, 'agent');
my $bob = person($other, 'admin');
my $oscar = operator();
my $rex = reseller();
sub col { my ($table, $col, $where) = @_; sql("SELECT $col FROM $table WHERE $where")->[0][0] }
my $cid = Baton::Test::client_id($client);

subtest 'a site\'s help address (Sites)' => sub {
    my ($key) = Baton::Test::new_help_site(client => $client, name => 'Shop');
    my ($key2) = Baton::Test::new_help_site(client => $client, name => 'Shop two');
    my ($foreign) = Baton::Test::new_help_site(client => $other, name => 'Elsewhere');
    my $site = col('site', 'id', "site_key = '$key'");
    my $site2 = col('site', 'id', "site_key = '$key2'");
    my $foreign_id = col('site', 'id', "site_key = '$foreign'");
    my $address = random_name('help') . '@Shop.example';
    my $res = form_post($ada, '/sites', 'help-address', site => $site, help_address => $address);
    is $res->{status}, 200, 'the administrator gives the site a help address';
    like $res->{content}, qr/now becomes a help request of Shop/, 'saying so';
    is col('site', 'help_address', "id = $site"), lc $address, 'stored, lower-cased';
    like $res->{content}, qr/id="help-address-$site" name="help_address"[^>]*value="\Q@{[lc $address]}\E"/, 'and shown';
    is audit_count('site.help_address', 'site Shop', actor => $ada->{email}), 1, 'on record';

    $res = form_post($ada, '/sites', 'help-address', site => $site2, help_address => $address);
    is $res->{status}, 409, 'the same address for a second site: 409';
    like $res->{content}, qr/Another site has the help address/, 'saying why';
    $res = form_post($ada, '/sites', 'help-address', site => $site2, help_address => 'not <an> address');
    is $res->{status}, 400, 'not an address: 400';
    like $res->{content}, qr/&#39;not &lt;an&gt; address&#39; is not an e-mail address/, 'saying why, escaped';
    is col('site', 'help_address IS NULL', "id = $site2"), 1, 'nothing stored';

    is form_post($bob, '/sites', 'help-address', site => $site, help_address => 'x@evil.example')->{status}, 404,
        'another client\'s administrator, naming this site: 404';
    is form_post($ada, '/sites', 'help-address', site => $foreign_id, help_address => 'x@shop.example')->{status}, 404,
        'nor may she touch another client\'s site';
    is form_post($sue, '/sites', 'help-address', site => $site, help_address => 'x@shop.example')->{status}, 403,
        'a supervisor: 403';
    is form_post($agnes, '/sites', 'help-address', site => $site, help_address => 'x@shop.example')->{status}, 403,
        'an agent: 403';
    is col('site', 'help_address', "id = $site"), lc $address, 'unchanged';

    $res = form_post($ada, '/sites', 'help-address', site => $site, help_address => '');
    is $res->{status}, 200, 'an empty address removes it';
    is col('site', 'help_address IS NULL', "id = $site"), 1, 'gone';
};

subtest 'the alert address and room settings (Desk settings)' => sub {
    my $alerts = random_name('alerts') . '@shop.example';
    my $res = form_post($ada, '/settings', 'alert', alert_email => $alerts);
    is $res->{status}, 200, 'the administrator sets the alert address';
    like $res->{content}, qr/go to \Q$alerts\E/, 'saying so';
    is col('client', 'alert_email', "id = $cid"), $alerts, 'stored';
    like $res->{content}, qr/id="alert_email" name="alert_email"[^>]*value="\Q$alerts\E"/, 'shown';
    is audit_count('client.alert_email', 'alert address', actor => $ada->{email}), 1, 'on record';
    $res = form_post($ada, '/settings', 'alert', alert_email => 'nope');
    is $res->{status}, 400, 'not an address: 400';
    like $res->{content}, qr/&#39;nope&#39; is not an e-mail address/, 'saying why';
    is form_post($sue, '/settings', 'alert', alert_email => 'x@evil.example')->{status}, 403, 'a supervisor: 403';
    is form_post($bob, '/settings', 'alert', client => $client, alert_email => 'x@evil.example')->{status}, 404,
        'another client\'s administrator naming this client: 404';
    is form_post($rex, '/settings', 'alert', client => $client, alert_email => 'x@evil.example')->{status}, 403,
        'a reseller: 403';
    is col('client', 'alert_email', "id = $cid"), $alerts, 'unchanged';
    is form_post($oscar, '/settings', 'alert', client => $client, alert_email => 'none')->{status}, 200,
        'the operator may, naming the client (none removes it)';
    is col('client', 'alert_email IS NULL', "id = $cid"), 1, 'removed';

    unlike $sue->{browser}->get('/settings')->{content}, qr/id="rooms-form"/, 'a supervisor gets no room form';
    $res = form_post($ada, '/settings', 'rooms', room_join => 'account', show_who => 0);
    is $res->{status}, 200, 'the administrator sets how invited people join, and the Who button';
    like $res->{content}, qr/collaborator id and password\. The viewer hides the Who button\./, 'saying both';
    is_deeply sql("SELECT room_join, show_who FROM client WHERE id = $cid")->[0], ['account', 0], 'stored';
    like $res->{content}, qr/<option value="account" selected>/, 'shown';
    is audit_count('client.room_join', 'room_join', actor => $ada->{email}), 1, 'on record';
    is audit_count('client.show_who', 'show_who', actor => $ada->{email}), 1, 'both';
    $res = form_post($ada, '/settings', 'rooms', room_join => 'maybe');
    is $res->{status}, 400, 'an unknown policy: 400';
    like $res->{content}, qr/room_join is guest .* or account/, 'saying which there are';
    is form_post($ada, '/settings', 'rooms', show_who => 2)->{status}, 400, 'show_who 2: 400';
    is form_post($ada, '/settings', 'rooms', room_join => 'guest', show_who => 2)->{status}, 400, 'a good value with a bad one: 400';
    is col('client', 'room_join', "id = $cid"), 'account', 'and the good one is not kept either';
    is form_post($ada, '/settings', 'rooms')->{status}, 400, 'nothing at all: 400';
    is form_post($sue, '/settings', 'rooms', room_join => 'guest')->{status}, 403, 'a supervisor: 403';
    is form_post($bob, '/settings', 'rooms', client => $client, room_join => 'guest')->{status}, 404,
        'another client\'s administrator: 404';
    is col('client', 'room_join', "id = $cid"), 'account', 'unchanged';
    is form_post($ada, '/settings', 'rooms', room_join => 'guest', show_who => 1)->{status}, 200, 'and back';
};

subtest 'language and digest (Agents, Profile)' => sub {
    my $res = form_post($ada, '/agents', 'lang', agent => $agnes->{id}, lang => 'es');
    is $res->{status}, 200, 'the administrator sets an agent\'s language';
    like $res->{content}, qr/reads and writes es/, 'saying so';
    is col('agent', 'lang', "id = $agnes->{id}"), 'es', 'stored';
    like $res->{content}, qr/id="lang-$agnes->{id}" name="lang"[^>]*value="es"/, 'shown';
    is audit_count('account.lang', "account $agnes->{email}", actor => $ada->{email}), 1, 'on record';
    $res = form_post($ada, '/agents', 'lang', agent => $agnes->{id}, lang => 'spanish<');
    is $res->{status}, 400, 'not a language tag: 400';
    like $res->{content}, qr/&#39;spanish&lt;&#39; is not a language tag/, 'saying why, escaped';
    my $bobs_agent = person($other, 'agent');
    is form_post($ada, '/agents', 'lang', agent => $bobs_agent->{id}, lang => 'fr')->{status}, 404,
        'another client\'s agent: 404';
    is form_post($sue, '/agents', 'lang', agent => $agnes->{id}, lang => 'fr')->{status}, 403, 'a supervisor: 403';
    is form_post($agnes, '/agents', 'lang', agent => $agnes->{id}, lang => 'fr')->{status}, 403,
        'an agent cannot use the Agents page, even for herself';
    is col('agent', 'lang', "id = $agnes->{id}"), 'es', 'unchanged';
    is col('agent', 'lang', "id = $bobs_agent->{id}"), 'en', 'the other client\'s agent untouched';

    $res = form_post($agnes, '/profile', 'lang', lang => 'pt-BR');
    is $res->{status}, 200, 'an agent sets her own language on her profile';
    is col('agent', 'lang', "id = $agnes->{id}"), 'pt-BR', 'stored';
    like $res->{content}, qr/id="profile-lang" name="lang" value="pt-BR"/, 'shown';
    is form_post($agnes, '/profile', 'lang', lang => 'x')->{status}, 400, 'a bad tag: 400';
    unlike $agnes->{browser}->get('/profile')->{content}, qr/id="digest-form"/, 'an agent gets no digest to choose';

    like $sue->{browser}->get('/profile')->{content}, qr/id="digest-state">You get a weekly digest/, 'a supervisor gets the digest';
    $res = form_post($sue, '/profile', 'digest', digest => 0);
    is $res->{status}, 200, 'and stops it herself';
    is col('agent', 'digest_opt_out', "id = $sue->{id}"), 1, 'stored';
    like $res->{content}, qr/id="digest-state">You get no weekly digest/, 'shown';
    $res = form_post($ada, '/agents', 'digest', agent => $sue->{id}, digest => 1);
    is $res->{status}, 200, 'the administrator turns it back on for her';
    like $res->{content}, qr/gets the weekly digest/, 'saying so';
    is col('agent', 'digest_opt_out', "id = $sue->{id}"), 0, 'stored';
    is audit_count('account.digest', "account $sue->{email}"), 2, 'both on record';
    is form_post($bob, '/agents', 'digest', agent => $sue->{id}, digest => 0)->{status}, 404,
        'another client\'s administrator: 404';
    is form_post($ada, '/agents', 'digest', agent => $sue->{id}, digest => 7)->{status}, 400, 'digest 7: 400';
    is col('agent', 'digest_opt_out', "id = $sue->{id}"), 0, 'unchanged';
};

subtest 'canned phrases\' translations (Canned phrases)' => sub {
    my $title = random_name('Wait');
    form_post($ada, '/canned', 'phrase-add', title => $title, text => 'One moment, please.', for => 'all');
    my $id = col('canned_phrase', 'id', "title = '$title'");
    my $res = form_post($ada, '/canned', 'translate', id => $id, lang => 'es-MX', text => 'Un momento, <por favor>.');
    is $res->{status}, 200, 'the administrator writes a phrase\'s Spanish';
    like $res->{content}, qr/in es is saved/, 'kept under the base language';
    is col('canned_phrase_translation', 'body', "phrase_id = $id AND lang = 'es'"), 'Un momento, <por favor>.', 'stored';
    like $res->{content}, qr{<textarea id="translation-$id-es" name="text"[^>]*>Un momento, &lt;por favor&gt;\.</textarea>}, 'shown, escaped';
    is audit_count('canned.translation', "phrase $title", actor => $ada->{email}), 1, 'on record';
    is form_post($ada, '/canned', 'translate', id => $id, lang => 'es', text => 'Un momentito.')->{status}, 200, 'edited';
    is sql("SELECT COUNT(*), MAX(body) FROM canned_phrase_translation WHERE phrase_id = $id")->[0][1], 'Un momentito.', 'in place';
    $res = form_post($ada, '/canned', 'translate', id => $id, lang => 'spanish', text => 'x');
    is $res->{status}, 400, 'a bad language: 400';
    like $res->{content}, qr/&#39;spanish&#39; is not a language tag/, 'saying why';
    is form_post($agnes, '/canned', 'translate', id => $id, lang => 'fr', text => 'Un instant.')->{status}, 403,
        'an agent may not translate everyone\'s phrase';
    is form_post($bob, '/canned', 'translate', id => $id, lang => 'fr', text => 'Un instant.')->{status}, 404,
        'another client\'s administrator: 404';
    is form_post($rex, '/canned', 'translate', id => $id, lang => 'fr', text => 'Un instant.')->{status}, 403, 'a reseller: 403';
    is col('canned_phrase_translation', 'COUNT(*)', "phrase_id = $id AND lang = 'fr'"), 0, 'nothing stored';
    my $mine = random_name('Mine');
    form_post($agnes, '/canned', 'phrase-add', title => $mine, text => 'Mine.');
    my $mine_id = col('canned_phrase', 'id', "title = '$mine'");
    is form_post($agnes, '/canned', 'translate', id => $mine_id, lang => 'de', text => 'Meins.')->{status}, 200,
        'an agent translates her own';
    is form_post($ada, '/canned', 'translate', id => $id, lang => 'es', text => '')->{status}, 200, 'an empty text removes one';
    is col('canned_phrase_translation', 'COUNT(*)', "phrase_id = $id"), 0, 'gone';
    like admin(undef, 'canned', 'translate', $client, $title, 'it', 'Un attimo.'), qr/in it is saved/,
        'baton-admin, naming the phrase by title, calls the same action';
    is audit_count('canned.translation', "phrase $title"), 4, 'on record too';
};

subtest 'the event rate (the operator\'s Rates)' => sub {
    my $res = form_post($oscar, '/rates', 'event-rate', slug => $client, event_unit => 'seat_minute', event_rate => '0.02');
    is $res->{status}, 200, 'the operator sets what a client\'s events cost';
    like $res->{content}, qr/Events cost 2 cents per seat_minute/, 'saying so';
    is_deeply sql("SELECT event_rate_unit, event_rate_cents FROM client WHERE id = $cid")->[0], ['seat_minute', 2], 'stored in cents';
    like $res->{content}, qr/id="event-rate-\Q$client\E" name="event_rate" value="0\.02"/, 'shown as money';
    like $res->{content}, qr{<td>0\.02 per seat-minute</td>}, 'and as an entry of the rate history';
    is audit_count('client.event_rate', 'event rate', actor => $oscar->{email}), 1, 'on record';
    $res = form_post($oscar, '/rates', 'event-rate', slug => $client, event_unit => 'seat', event_rate => '1');
    is $res->{status}, 400, 'an unknown unit: 400';
    like $res->{content}, qr/per attendee or per seat_minute, not &#39;seat&#39;/, 'saying why';
    is form_post($oscar, '/rates', 'event-rate', slug => $client, event_unit => 'attendee', event_rate => 'lots')->{status}, 400,
        'words for money: 400';
    is form_post($oscar, '/rates', 'event-rate', slug => 'no-such-client', event_unit => 'attendee', event_rate => '1')->{status}, 404,
        'an unknown client: 404';
    is form_post($ada, '/rates', 'event-rate', slug => $client, event_unit => 'attendee', event_rate => '0')->{status}, 403,
        'the client\'s administrator: 403';
    is form_post($rex, '/rates', 'event-rate', slug => $client, event_unit => 'attendee', event_rate => '0')->{status}, 403,
        'a reseller: 403';
    is col('client', 'event_rate_cents', "id = $cid"), 2, 'unchanged';
};

subtest 'the translation engine, tried on the Health page' => sub {
    my $res = form_post($oscar, '/installation', 'translate', from => 'es', to => 'en', text => 'Buenos días');
    is $res->{status}, 200, 'the operator tries the engine';
    like $res->{content}, qr/The translation engine answers\./, 'saying it answers';
    like $res->{content}, qr/id="handover-link" class="copy" readonly value="Good (morning|day)/i, 'with the translation';
    $res = form_post($oscar, '/installation', 'translate', from => 'es', to => 'xx', text => 'Hola');
    is $res->{status}, 409, 'a language the engine has no pair for: 409';
    like $res->{content}, qr/cannot translate es to xx/, 'saying so';
    $res = form_post($oscar, '/installation', 'translate', from => 'spanish<', to => 'en', text => 'Hola');
    is $res->{status}, 400, 'not a language tag: 400';
    like $res->{content}, qr/&#39;spanish&lt;&#39; is not a language tag/, 'saying why, escaped';
    is form_post($oscar, '/installation', 'translate', from => 'es', to => 'en')->{status}, 400, 'no text: 400';
    is form_post($ada, '/installation', 'translate', from => 'es', to => 'en', text => 'Hola')->{status}, 403,
        'a client\'s administrator: 403';
    is form_post($rex, '/installation', 'translate', from => 'es', to => 'en', text => 'Hola')->{status}, 403, 'a reseller: 403';
};

done_testing;
