#!/usr/bin/perl
# The visitor's profile across a client's sites (issue 16; cgi-bin/myprofile.c
# shows it to the visitor and deletes it): one profile per client whatever
# site the visitor came through, never shared with another client; their
# name and e-mail filled in when they come back; the site script's events
# in the trail; deletion removes the trail.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name wait_for);
use Baton::Calls qw(phone_client);
use Baton::Profiles qw(waiting_id ask site_secret signed_event post_event);

my $s = stack();

my ($shop, $client) = Baton::Test::new_help_site(ask_question => 1, name => 'Shop');
my ($blog) = Baton::Test::new_help_site(client => $client, ask_question => 1, name => 'Blog');
my ($other) = Baton::Test::new_help_site(ask_question => 1, name => 'Elsewhere');

subtest 'one profile across the sites of a client, none across clients' => sub {
    my $v = Baton::Test::Browser->new;
    my ($help, $first) = ask($v, $shop, '/demo/shop.html', name => 'Vera Lynn', email => 'vera@example.com',
        query => '&events=viewed-pricing,added-to-cart');
    ok $first, 'a question on the shop';
    like $help->{content}, qr/id="kept"/, 'the help form says what is kept';
    sql("UPDATE help_request SET state = 'cancelled' WHERE public_id = '$first'");
    my ($again, $second) = ask($v, $blog, '/demo/blog.html');
    like $again->{content}, qr/name="name"[^>]*value="Vera Lynn"/, 'on the blog her name is filled in';
    like $again->{content}, qr/name="email"[^>]*value="vera\@example.com"/, 'and her e-mail address';
    ok $second, 'a question on the blog';
    my $vid = sql("SELECT visitor_id FROM help_request WHERE public_id = '$second'")->[0][0];
    # The agent who takes her sees the profile across both sites beside the conversation.
    my $agent = Baton::Test::signed_in_agent(client => $client, state => 'break');
    my $res = $agent->{browser}->post('/accept', form => [csrf => $agent->{browser}->session_csrf, request => $second]);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$} or diag $res->{content};
    my $panel = $agent->{browser}->get("/channel?id=$channel")->{content};
    like $panel, qr{id="visitor-profile-trail".*Shop</span> <span class="url">[^<]*/demo/shop\.html}s,
        'the agent sees the shop trail in the visitor panel';
    like $panel, qr{id="visitor-profile-trail".*Blog</span> <span class="url">[^<]*/demo/blog\.html}s, 'and the blog one';
    like $panel, qr{id="visitor-profile-events".*added-to-cart}s, "and the site script's events";
    sql("UPDATE help_request SET state = 'closed' WHERE public_id = '$second'");
    is sql("SELECT COUNT(*) FROM visitor_profile WHERE visitor_id = $vid")->[0][0], 1, 'one profile';
    my $page = $v->get("/myprofile?site=$blog");
    is $page->{status}, 200, 'the visitor sees their profile';
    like $page->{content}, qr{Shop</span> <span class="url">[^<]*/demo/shop.html}, 'with the shop trail';
    like $page->{content}, qr{Blog</span> <span class="url">[^<]*/demo/blog.html}, 'and the blog trail';
    like $page->{content}, qr/viewed-pricing/, 'and the events the site script saw';
    my $es = $v->get("/myprofile?site=$blog", headers => { 'Accept-Language' => 'es-ES,es;q=0.9' })->{content};
    like $es, qr/<html lang="es">.*Sus preguntas y las páginas desde las que preguntó.*Borrar mi perfil/s,
        'in the visitor\'s language';

    my ($elsewhere) = ask($v, $other, '/demo/else.html');
    unlike $elsewhere->{content}, qr/value="Vera Lynn"/, "another client's site does not know her name";
    my $theirs = $v->get("/myprofile?site=$other")->{content};
    unlike $theirs, qr{shop\.html|blog\.html|viewed-pricing}, 'nor her trail with the first client';

    $res = $v->post('/myprofile', form => [csrf => $v->form_csrf, site => $shop]);
    is $res->{status}, 303, 'the visitor deletes their profile';
    $page = $v->get("/myprofile?site=$shop")->{content};
    like $page, qr/id="profile-none"/, 'it is gone';
    is sql("SELECT COUNT(*) FROM profile_event WHERE visitor_id = $vid")->[0][0], 0, 'with its events';
    is sql("SELECT COUNT(*) FROM help_request WHERE visitor_id = $vid AND client_id = "
        . Baton::Test::client_id($client) . " AND page_url IS NOT NULL AND state = 'cancelled'")->[0][0], 0,
        'and the pages of its past requests';
    like $v->get("/myprofile?site=$other")->{content}, qr/id="profile-facts"/, "the other client's stays";
};

subtest "the client's administrator deletes a visitor's profile" => sub {
    my ($key, $slug) = Baton::Test::new_help_site(ask_question => 1, name => 'Admin shop');
    my $v = Baton::Test::Browser->new;
    my (undef, $id) = ask($v, $key, '/demo/admin-shop.html', name => 'Otto', email => 'otto@example.com');
    my $admin = Baton::Test::signed_in_agent(client => $slug, role => 'admin', state => 'break');
    my $csrf = $admin->{browser}->session_csrf;
    my $res = $admin->{browser}->post('/accept', form => [csrf => $csrf, request => $id]);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$};
    like $admin->{browser}->get("/channel?id=$channel")->{content}, qr/id="profile-delete-form"/,
        'the administrator has "Delete this visitor\'s profile" in the visitor panel';
    my $other = Baton::Test::signed_in_agent(role => 'admin', state => 'break');
    $res = $other->{browser}->post('/rules', form => [csrf => $other->{browser}->session_csrf,
        do => 'profile-delete', channel => $channel]);
    is $res->{status}, 404, "another client's administrator cannot delete it";
    $res = $admin->{browser}->post('/rules', form => [csrf => $csrf, do => 'profile-delete', channel => $channel]);
    is $res->{status}, 303, 'the administrator deletes it';
    like $v->get("/myprofile?site=$key")->{content}, qr/id="profile-none"/, 'the visitor has no profile left';
    is sql("SELECT COUNT(*) FROM audit_log WHERE action = 'profile.delete' AND client_id = "
        . Baton::Test::client_id($slug))->[0][0], 1, 'and it is audited';
};

subtest 'a visitor who declined the site\'s tracking: only what they typed' => sub {
    my ($key, $slug) = Baton::Test::new_help_site(ask_question => 1, name => 'Discreet shop');
    my $v = Baton::Test::Browser->new;
    my (undef, $first) = ask($v, $key, '/demo/tracked.html', name => 'Dora', query => '&events=seen-a');
    sql("UPDATE help_request SET state = 'closed' WHERE public_id = '$first'");
    my ($help) = ask($v, $key, '/demo/declined.html', query => '&track=0&events=seen-b');
    like $help->{content}, qr/name="name"[^>]*value="Dora"/, 'what she typed is still hers';
    my $page = $v->get("/myprofile?site=$key")->{content};
    unlike $page, qr{tracked\.html}, 'the pages of her past requests are forgotten';
    unlike $page, qr{seen-a|seen-b}, 'and the page\'s events are not kept, earlier ones neither';
    like $page, qr{I need help|Where is my parcel\?}, 'her questions are';
};

subtest 'the retention keeps the trail only so long' => sub {
    my ($key, $slug) = Baton::Test::new_help_site(ask_question => 1, name => 'Short memory');
    admin(undef, 'rule', 'settings', $slug, '60', '30');
    my $v = Baton::Test::Browser->new;
    my (undef, $old) = ask($v, $key, '/demo/old-page.html', query => '&events=old-event');
    sql("UPDATE help_request SET state = 'closed', created_at = NOW(3) - INTERVAL 40 DAY WHERE public_id = '$old'");
    sql("UPDATE profile_event SET at = NOW(3) - INTERVAL 40 DAY WHERE name = 'old-event' AND client_id = "
        . Baton::Test::client_id($slug));
    my (undef, $new) = ask($v, $key, '/demo/new-page.html', query => '&events=new-event');
    my $page = $v->get("/myprofile?site=$key")->{content};
    like $page, qr{new-page\.html}, 'the recent page is kept';
    like $page, qr{new-event}, 'and the recent event';
    unlike $page, qr{old-page\.html|old-event}, 'what is older than the 30 days kept is gone';
};

done_testing;
