#!/usr/bin/perl
# Pages seen and the time on them (issue 16; cgi-bin/pageview.c,
# lib/page_view.c): the site script's beacons are kept on the tab's trail,
# become the visitor's with the help click that carries the trail, show in
# the visitor's own view and the agent's visitor panel, feed the rules
# ("came from the pricing page"), and are bounded: size, rate, the newest
# 50 a trail, the client's retention, the visitor's decline of tracking and
# the deletion of their profile. Bad beacons get a clear 4xx.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Digest::SHA ();
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name wait_for);
use Baton::Profiles qw(waiting_id ask);

my $s = stack();
my ($shop, $client) = Baton::Test::new_help_site(ask_question => 1, name => 'Shop');
my $cid = Baton::Test::client_id($client);

sub esc { my ($v) = @_; $v =~ s/([^A-Za-z0-9._~-])/sprintf '%%%02X', ord $1/ge; $v }
sub trail { join '', map { sprintf '%02x', int rand 256 } 1 .. 16 }

# A beacon as the site script sends it from a page of the shop.
sub beacon {
    my (%o) = @_;
    my $page = $o{page} // "$s->{URL}/demo/shop.html";
    my $body = $o{body} // join '&', "site=" . ($o{site} // $shop), "trail=$o{trail}",
        'page=' . esc($page), 'seconds=' . ($o{seconds} // 12);
    my ($origin) = ($o{origin} // $page) =~ m{^(https?://[^/]+)};
    return Baton::Test::Browser->new->post('/pageview', content => $body,
        headers => { 'Content-Type' => 'application/x-www-form-urlencoded;charset=UTF-8', Origin => $origin,
            Referer => "$origin/" });
}

sub views_of_trail {
    my ($t) = @_;
    my $hash = Digest::SHA::sha256_hex($t);
    return sql("SELECT url, seconds, COALESCE(visitor_id, 0) FROM page_view WHERE client_id = $cid"
        . " AND trail = '$hash' ORDER BY id");
}

subtest 'bad beacons are refused, saying why' => sub {
    my $t = trail();
    my $res = beacon(trail => $t, body => 'site=' . $shop);
    is $res->{status}, 400, 'a beacon without its fields';
    like $res->{content}, qr/trail/, 'names what is missing';
    is beacon(trail => $t, seconds => 90000)->{status}, 400, 'more than a day on a page';
    $res = beacon(trail => $t, page => 'javascript:alert(1)', origin => $s->{URL});
    is $res->{status}, 400, 'a page that is not http(s)';
    like $res->{content}, qr/http or https/, 'saying so';
    $res = beacon(trail => $t, body => 'site=' . $shop . '&trail=' . $t . '&page=' . ('x' x 3000) . '&seconds=1');
    is $res->{status}, 413, 'a body over the size limit';
    is beacon(trail => $t, site => '0' x 32)->{status}, 404, 'an unknown site';
    $res = beacon(trail => $t, page => 'http://elsewhere.example/pricing', origin => 'http://elsewhere.example');
    is $res->{status}, 403, 'a page of a domain the site does not have';
    like $res->{content}, qr/not on a domain of the site/, 'saying so';
    is beacon(trail => $t, origin => 'http://elsewhere.example')->{status}, 403, 'a beacon from another origin';
    is scalar @{ views_of_trail($t) }, 0, 'none of them kept';
};

subtest 'the path to the help click becomes the visitor\'s, with time on each page' => sub {
    my $t = trail();
    my $res = beacon(trail => $t, page => "$s->{URL}/demo/pricing.html", seconds => 42);
    is $res->{status}, 200, 'a page seen is reported';
    like $res->{content}, qr/"kept":true/, 'and kept';
    beacon(trail => $t, page => "$s->{URL}/demo/blog.html", seconds => 7);
    is_deeply [map { $_->[2] } @{ views_of_trail($t) }], [0, 0], 'on the trail, nobody\'s yet';
    my $v = Baton::Test::Browser->new;
    my ($help, $id) = ask($v, $shop, '/demo/shop.html', name => 'Paula', query => "&trail=$t");
    ok $id, 'the visitor asks, the help link carrying the trail';
    my $vid = sql("SELECT visitor_id FROM help_request WHERE public_id = '$id'")->[0][0];
    is_deeply [map { $_->[2] } @{ views_of_trail($t) }], [$vid, $vid], 'the trail is the visitor\'s now';
    beacon(trail => $t, page => "$s->{URL}/demo/shop.html", seconds => 30);
    is views_of_trail($t)->[2][2], $vid, 'and so is what they see after the click';
    my $mine = $v->get("/myprofile?site=$shop")->{content};
    like $mine, qr{id="profile-pages".*/demo/pricing\.html</span> <span class="seconds">42 seconds}s,
        'the visitor sees the pages and the time on them';
    my $agent = Baton::Test::signed_in_agent(client => $client, state => 'break');
    $res = $agent->{browser}->post('/accept', form => [csrf => $agent->{browser}->session_csrf, request => $id]);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$} or diag $res->{content};
    my $panel = $agent->{browser}->get("/channel?id=$channel")->{content};
    like $panel, qr{id="visitor-profile-pages".*/demo/pricing\.html</span> <span class="muted">42 s}s,
        'the agent sees them in the visitor panel';
    like $panel, qr{id="visitor-profile-pages".*/demo/blog\.html</span> <span class="muted">7 s}s, 'each of them';
    # Deleting the profile removes the pages.
    my $form = $v->get("/myprofile?site=$shop")->{content};
    sql("UPDATE help_request SET state = 'closed' WHERE public_id = '$id'");
    $res = $v->post('/myprofile', form => [csrf => Baton::Test::csrf_from($form), site => $shop]);
    is $res->{status}, 303, 'the visitor deletes their profile';
    is sql("SELECT COUNT(*) FROM page_view WHERE client_id = $cid AND visitor_id = $vid")->[0][0], 0,
        'and the pages seen go with it';
};

subtest 'a page left just before the click, reported after it, is the visitor\'s' => sub {
    my $t = trail();
    my (undef, $id) = ask(Baton::Test::Browser->new, $shop, '/demo/shop.html', query => "&trail=$t");
    my $vid = sql("SELECT visitor_id FROM help_request WHERE public_id = '$id'")->[0][0];
    beacon(trail => $t, page => "$s->{URL}/demo/pricing.html", seconds => 3);
    is_deeply views_of_trail($t), [["$s->{URL}/demo/pricing.html", 3, $vid]], 'it joins the visitor\'s profile';
};

subtest 'rules see where the visitor came from and what they saw' => sub {
    my ($key, $slug) = Baton::Test::new_help_site(ask_question => 1, name => 'Pricing shop');
    admin(undef, 'level', 'set', $slug, 'default', 'chat');
    admin(undef, 'level', 'set', $slug, 'sales', 'chat,video', '--rank', '5');
    like admin(undef, 'rule', 'add', $slug, 'From pricing', 'from contains /pricing', '5', 'sales'),
        qr/rule/i, 'a rule on the page seen before';
    admin(undef, 'rule', 'add', $slug, 'Read the blog', 'seen contains blog.html', '3');
    like admin(undef, 'rule', 'test', $slug, 'plan=gold'), qr/level default/, 'a profile without pages is default';
    my $t = trail();
    beacon(site => $key, trail => $t, page => "$s->{URL}/demo/blog.html", seconds => 5);
    beacon(site => $key, trail => $t, page => "$s->{URL}/demo/pricing.html", seconds => 60);
    my (undef, $id) = ask(Baton::Test::Browser->new, $key, '/demo/shop.html', query => "&trail=$t");
    is_deeply sql("SELECT level, score, why FROM help_request WHERE public_id = '$id'"),
        [['sales', 8, 'From pricing, Read the blog']], 'came from pricing: sales, and the blog counts too';
    my $u = trail();
    beacon(site => $key, trail => $u, page => "$s->{URL}/demo/pricing.html", seconds => 60);
    beacon(site => $key, trail => $u, page => "$s->{URL}/demo/shop.html", seconds => 9);
    (undef, $id) = ask(Baton::Test::Browser->new, $key, '/demo/blog.html', query => "&trail=$u");
    is_deeply sql("SELECT level, score FROM help_request WHERE public_id = '$id'"), [['default', 0]],
        'pricing seen, but the shop came between: not from pricing';
    like((eval { admin(undef, 'rule', 'add', $slug, 'Bad', 'seen > 3', '1') } // $@), qr/seen is text/,
        'seen is text: compared with =, != or contains');
};

subtest 'bounds: rate, the newest 50 a trail, retention' => sub {
    my $t = trail();
    my $limited;
    for my $n (1 .. 21) {
        my $res = beacon(trail => $t, seconds => $n);
        $limited = $res if $res->{status} == 429;
        last if $limited;
    }
    ok $limited, 'a trail reporting more than 20 pages a minute is refused';
    like $limited->{content} // '', qr/20 pages a minute/, 'saying why';
    is scalar @{ views_of_trail($t) }, 20, 'the 20 are kept';
    my $hash = Digest::SHA::sha256_hex($t);
    sql("UPDATE page_view SET at = NOW(3) - INTERVAL 2 MINUTE WHERE trail = '$hash'");
    sql("INSERT INTO page_view (client_id, site_id, trail, url, seconds, at) SELECT client_id, site_id, trail,"
        . " url, seconds, at FROM page_view WHERE trail = '$hash'") for 1 .. 2;
    is scalar @{ views_of_trail($t) }, 80, '80 on the trail';
    is beacon(trail => $t, seconds => 99)->{status}, 200, 'another, a minute later';
    my $kept = views_of_trail($t);
    is scalar @$kept, 50, 'only the newest 50 stay';
    is $kept->[-1][1], 99, 'the newest among them';
    Baton::Test::set_client($client, profile_retention_days => 30);
    sql("UPDATE page_view SET at = NOW(3) - INTERVAL 40 DAY WHERE trail = '$hash'");
    ask(Baton::Test::Browser->new, $shop, '/demo/shop.html');
    is scalar @{ views_of_trail($t) }, 0, 'pages older than the retention go';
};

subtest 'a visitor who declines tracking keeps no pages' => sub {
    my $t = trail();
    beacon(trail => $t, page => "$s->{URL}/demo/pricing.html", seconds => 20);
    my (undef, $id) = ask(Baton::Test::Browser->new, $shop, '/demo/shop.html', query => "&trail=$t&track=0");
    ok $id, 'the visitor asks, having declined the site\'s tracking';
    is scalar @{ views_of_trail($t) }, 0, 'what the trail held is forgotten';
};

done_testing;
