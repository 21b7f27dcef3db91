#!/usr/bin/perl
# The settings page: each of the client's sites with its help link and the
# button snippet, ready to copy (escaped), the optional co-browsing site
# script, the desk settings; only for
# signed-in staff, and only their own client's sites.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

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

done_testing;
