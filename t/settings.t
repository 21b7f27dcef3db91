#!/usr/bin/perl
# The settings page: each of the client's sites with its help link and the
# button snippet, ready to copy (escaped), the optional co-browsing site
# script, the desk settings; only for
# signed-in staff, and only their own client's sites.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql new_client);
use Baton::Admin qw(person operator reseller form_post audit_count);

my $s = stack();
my $base = $s->{URL};

my ($key, $client) = Baton::Test::new_help_site(name => 'Main <b>Shop</b> & Co', domains => ['shop.example', 'www.shop.example']);
my ($key2) = Baton::Test::new_help_site(client => $client, name => 'Support portal', domains => ['help.shop.example']);
my ($foreign_key) = Baton::Test::new_help_site(name => 'Someone Else');
Baton::Test::set_client($client, seat_cap => 4);

my $anon = Baton::Test::Browser->new;
my $res = $anon->get('/settings');
is $res->{status}, 303, 'not signed in: redirect';
is $res->{headers}{location}, '/signin', 'to sign-in';
$res = $anon->get('/settings', headers => { Accept => 'application/json' });
is $res->{status}, 401, 'a script without a session: 401';

my $agent = Baton::Test::signed_in_agent(client => $client, role => 'admin');
$res = $agent->{browser}->get('/settings');
is $res->{status}, 200, 'signed in: 200';
my $html = $res->{content};
like $html, qr/<h1>Settings for Client \Q$client\E<\/h1>/, 'for the agent\'s client';
like $html, qr/<h3>Main &lt;b&gt;Shop&lt;\/b&gt; &amp; Co <span class="muted">\(shop\.example,www\.shop\.example\)<\/span><\/h3>/,
    'each site with its domains, the name escaped';
like $html, qr/<h3>Support portal <span class="muted">\(help\.shop\.example\)<\/span><\/h3>/, 'the second site too';

my $link = qq(&lt;a href=&quot;$base/help?site=$key&quot; referrerpolicy=&quot;no-referrer-when-downgrade&quot;&gt;Talk to us&lt;/a&gt;);
like $html, qr/<textarea id="link-0" class="copy" readonly rows="2">\Q$link\E<\/textarea>/,
    'the help link …/help?site=KEY, ready to copy (escaped in a read-only box)';
my $button = qq(&lt;a href=&quot;$base/help?site=$key&quot; referrerpolicy=&quot;no-referrer-when-downgrade&quot; data-baton-help&gt;Talk to us&lt;/a&gt;\n)
    . qq(&lt;script src=&quot;$base/js/help-button.js&quot; async&gt;&lt;/script&gt;);
like $html, qr/<textarea id="button-0" class="copy" readonly rows="3">\Q$button\E<\/textarea>/,
    'the button snippet: the link and the script';
like $html, qr/<textarea id="link-1" class="copy" readonly rows="2">&lt;a href=&quot;\Q$base\E\/help\?site=$key2&quot; /,
    'the second site\'s link';
unlike $html, qr/<a href="[^"]*help\?site=/, 'no snippet is live markup on the page';
unlike $html, qr/\Q$foreign_key\E/, 'another client\'s site never appears';
unlike $html, qr/Someone Else/, 'not even its name';
like $html, qr/<dd id="seat-cap">4<\/dd>/, 'the desk settings: the seat cap';

is $anon->get('/js/help-button.js')->{status}, 200, 'the script the snippet loads is served';
like $html, qr{<textarea id="site-script" class="copy" readonly rows="2">\Q&lt;script src=&quot;$base/js/baton-site.js&quot; async&gt;&lt;/script&gt;\E</textarea>},
    'the optional co-browsing site script, ready to copy';
is $anon->get('/js/baton-site.js')->{status}, 200, 'and it is served';

# The snippet works: the link it gives, clicked on the registered site, leads into help.
my $v = Baton::Test::Browser->new;
my ($href) = $link =~ /href=&quot;\Q$base\E([^&]+)&quot;/;
$res = $v->get($href, headers => { Referer => 'https://www.shop.example/products' });
is $res->{status}, 200, 'the copied link works from the site';

my $other = Baton::Test::signed_in_agent();
$res = $other->{browser}->get('/settings');
is $res->{status}, 200, 'an agent of another client';
unlike $res->{content}, qr/\Q$key\E|\Q$key2\E/, 'never sees this client\'s sites';
unlike $res->{content}, qr/class="site"/, 'and, having none, sees no site at all';

# ---- the desk settings, changed by the client's administrators ------------------

sub desk { my ($col) = @_; sql("SELECT $col FROM client WHERE slug = '$client'")->[0][0] }
my $ada = { %$agent };
like $ada->{browser}->get('/settings')->{content}, qr/<form method="post" action="\/settings" id="desk-form"/, 'an administrator gets the forms';
$res = form_post($ada, '/settings', 'desk', seat_cap => 5, channel_participant_cap => 8, accept_timeout_seconds => 30,
    max_missed_offers => 2, wait_target_seconds => 60, time_zone => 'Europe/Paris', tell_visitors_monitored => 1,
    show_rooms => 0, greeting => "Welcome to <our> shop!", panel => 1, panel_email => 1, panel_notes => 1);
is $res->{status}, 200, 'an administrator saves the desk settings';
like $res->{content}, qr/The desk settings are saved \(\d+ changed\)\./, 'saying so';
is_deeply [map { desk($_) } qw(seat_cap channel_participant_cap accept_timeout_seconds max_missed_offers wait_target_seconds time_zone tell_visitors_monitored show_rooms greeting panel_fields)],
    [5, 8, 30, 2, 60, 'Europe/Paris', 1, 0, 'Welcome to <our> shop!', 'email,notes'], 'every one stored';
like $res->{content}, qr/<dd id="seat-cap">5<\/dd>/, 'and shown';
like $res->{content}, qr/Welcome to &lt;our&gt; shop!/, 'the greeting escaped';
is audit_count('desk.setting', 'setting seat_cap', actor => $ada->{email}), 1, 'each change on record';
is audit_count('desk.setting', 'setting greeting', actor => $ada->{email}), 1, 'the greeting too';
$res = form_post($ada, '/settings', 'desk', seat_cap => 5, greeting => "Welcome to <our> shop!");
like $res->{content}, qr/Nothing was changed\./, 'saving the same values changes nothing';
for my $bad ([[seat_cap => 0], qr/seat_cap \(sessions at once for the whole desk\) must be a whole number from 1 to 100000/, 'a seat cap of 0'],
    [[accept_timeout_seconds => 'soon'], qr/accept_timeout_seconds .* must be a whole number from 5 to 600/, 'words for seconds'],
    [[time_zone => 'Mars/Olympus'], qr/is not a time zone the database knows/, 'an unknown time zone'],
    [[panel => 1, panel_email => 1, seat_cap => 3, channel_participant_cap => 1], qr/channel_participant_cap .* from 2 to 1000/, 'one bad among good ones']) {
    my ($fields, $message, $what) = @$bad;
    $res = form_post($ada, '/settings', 'desk', @$fields);
    is $res->{status}, 400, "$what: 400";
    like $res->{content}, $message, 'saying why';
}
is desk('seat_cap'), 5, 'a refused form changes nothing, not even its good fields';

$res = form_post($ada, '/settings', 'hours', hours_0 => '09:00-12:30, 13:30-17:00', hours_1 => '08:00-18:00', hours_5 => '', hours_6 => '');
is $res->{status}, 200, 'an administrator sets the opening hours';
is_deeply sql("SELECT h.weekday, TIME_FORMAT(h.opens, '%H:%i'), TIME_FORMAT(h.closes, '%H:%i') FROM opening_hours h JOIN client c ON c.id = h.client_id WHERE c.slug = '$client' ORDER BY 1, 2"),
    [[0, '09:00', '12:30'], [0, '13:30', '17:00'], [1, '08:00', '18:00']], 'stored per day';
like $res->{content}, qr/id="hours_0" name="hours_0" value="09:00-12:30, 13:30-17:00"/, 'shown as typed';
is audit_count('desk.hours', 'opening hours', actor => $ada->{email}), 1, 'on record';
for my $bad (['9-17', 'no minutes'], ['17:00-09:00', 'closing before opening'], ['09:00-25:00', 'a 25th hour']) {
    $res = form_post($ada, '/settings', 'hours', hours_2 => $bad->[0]);
    is $res->{status}, 400, "$bad->[1]: 400";
    like $res->{content}, qr/Wednesday: &#39;\Q$bad->[0]\E&#39; is not a time range/, 'saying which day and what';
}
is form_post($ada, '/settings', 'hours')->{status}, 400, 'no hours at all: 400 (choose always open)';
# Open now or not, in the client's zone: all week from 00:00 to 24:00 is open.
form_post($ada, '/settings', 'hours', map { ("hours_$_" => '00:00-24:00') } 0 .. 6);
like $ada->{browser}->get('/settings')->{content}, qr/<dd id="hours-summary">open now \(Europe\/Paris\)<\/dd>/, 'open around the clock';
my $now_paris = sql("SELECT WEEKDAY(CONVERT_TZ(NOW(), '+00:00', 'Europe/Paris'))")->[0][0];
form_post($ada, '/settings', 'hours', map { ("hours_$_" => $_ == $now_paris ? '' : '00:00-24:00') } 0 .. 6);
like $ada->{browser}->get('/settings')->{content}, qr/<dd id="hours-summary">closed now/, 'closed all of today in Paris';
is form_post($ada, '/settings', 'hours', always => 1)->{status}, 200, 'always open again';
is sql("SELECT COUNT(*) FROM opening_hours h JOIN client c ON c.id = h.client_id WHERE c.slug = '$client'")->[0][0], 0, 'no hours kept';

my $sue = person($client, 'supervisor');
unlike $sue->{browser}->get('/settings')->{content}, qr/id="desk-form"/, 'a supervisor reads the settings but gets no form';
is form_post($sue, '/settings', 'desk', seat_cap => 99)->{status}, 403, 'and cannot change them';
is form_post($other, '/settings', 'desk', client => $client, seat_cap => 99)->{status}, 404, 'nor another client\'s agent, naming this client';
is form_post(reseller(), '/settings', 'desk', seat_cap => 99)->{status}, 403, 'nor a reseller';
is desk('seat_cap'), 5, 'unchanged';
is form_post(operator(), '/settings', 'desk', client => $client, seat_cap => 6)->{status}, 200, 'the operator may, naming the client';
is desk('seat_cap'), 6, 'stored';

# What visitors see of it: the greeting, and the desk closed outside its hours.
my $visitor = Baton::Test::Browser->new;
$res = $visitor->get("/help?site=$key", headers => { Referer => 'https://shop.example/p' });
like $res->{content}, qr{<p class="greeting" id="greeting">Welcome to &lt;our&gt; shop!</p>}, 'the help form greets visitors';
unlike $res->{content}, qr/desk-closed/, 'open: no word of closing';
like $visitor->get("/availability?site=$key")->{content}, qr/"status":"(available|busy|closed)"/, 'the button asks';
form_post($ada, '/settings', 'hours', map { ("hours_$_" => $_ == $now_paris ? '' : '00:00-24:00') } 0 .. 6);
like $visitor->get("/availability?site=$key")->{content}, qr/"status":"closed"/, 'outside the hours the button says closed';
my $form = $visitor->get("/help?site=$key", headers => { Referer => 'https://shop.example/p' });
like $form->{content}, qr/id="desk-closed"/, 'the help form says the desk is closed';
# (Nobody available either, or the request would be offered to Ada at once:
# opening hours tell visitors what to expect, they do not send agents away.)
ok $ada->{browser}->post('/state', form => [csrf => $ada->{browser}->session_csrf, state => 'away'],
    headers => { Origin => $base })->{status} < 400, 'Ada steps away';
$res = $visitor->post('/help', form => [csrf => Baton::Test::csrf_from($form->{content}), site => $key,
    page => 'https://shop.example/p', question => 'Open?'], headers => { Origin => $base });
my $wait = $visitor->get($res->{headers}{location})->{content};
like $wait, qr/id="desk-closed"/, 'the waiting page says so too';
like $wait, qr/id="choose-message"/, 'and offers to leave a message';
like $wait, qr/id="choose-schedule"/, 'or to choose a time';
like $visitor->get("$res->{headers}{location}&choice=message")->{content}, qr/id="message-form"/,
    'on a page of its own';
form_post($ada, '/settings', 'hours', always => 1);

done_testing;
