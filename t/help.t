#!/usr/bin/perl
# The help link: the site check (key and the Referer's domain, refusals
# logged per client), the visitor cookie and returning visitors, the question
# form (saying what the desk is like) or straight into the queue, one request
# per waiting visitor and back to it (or to the conversation) from any page,
# the page asked from, the pages inside the widget's panel (framed only by
# the site's domains), and bad input.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use IO::Socket::INET;
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $page = Baton::Test::visitor_page();

# A GET sent over a plain socket, for headers HTTP::Tiny will not send.
sub raw_get {
    my ($path, $referer) = @_;
    my $sock = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $s->{PORT}, Timeout => 10)
        or die "connect: $!";
    print {$sock} "GET $path HTTP/1.0\r\nHost: 127.0.0.1:$s->{PORT}\r\nReferer: $referer\r\n\r\n";
    local $/;
    return scalar <$sock>;
}

sub refusals {
    my ($client_id, $reason) = @_;
    return sql("SELECT COUNT(*) FROM refused_link WHERE client_id = $client_id AND reason = '$reason'")->[0][0];
}

subtest 'a link from a registered domain, or a subdomain of it' => sub {
    my ($key, $client) = Baton::Test::new_help_site(domains => ['127.0.0.1', 'shop.example']);
    my $v = Baton::Test::Browser->new;
    my $res = $v->click_help($key);
    is $res->{status}, 200, 'from the registered host: 200';
    like $res->{content}, qr/<h1>Live help from Client \Q$client\E<\/h1>/, 'the page names the client';
    like $res->{content}, qr/<form method="post" action="\/help" id="help-form">/, 'and asks for a question';
    like $res->{content}, qr/name="page" value="\Q$page\E"/, 'carrying the page the visitor came from';
    like $res->{content}, qr/name="site" value="$key"/, 'and the site key';

    for my $referer ('https://www.shop.example/cart?item=3', 'http://a.b.shop.example:8080/', 'https://SHOP.Example/') {
        is $v->click_help($key, referer => $referer)->{status}, 200, "from $referer: 200";
    }
    my $cid = Baton::Test::client_id($client);
    for my $referer ('https://evilshop.example/', 'https://shop.example.evil.test/x', 'https://example/') {
        my $r = $v->click_help($key, referer => $referer);
        is $r->{status}, 403, "a look-alike domain ($referer) is refused";
    }
    is refusals($cid, 'unregistered_domain'), 3, 'each look-alike was logged as unregistered';
};

subtest 'a link from an unregistered domain' => sub {
    my ($key, $client) = Baton::Test::new_help_site(domains => ['shop.example']);
    my $cid = Baton::Test::client_id($client);
    my $v = Baton::Test::Browser->new;
    my $res = $v->click_help($key, referer => 'https://copycat.test/help.html');
    is $res->{status}, 403, 'from another domain: 403';
    like $res->{content}, qr/The site copycat\.test is not registered with Baton for live help, so this link cannot connect you\./,
        'the page says the site is not registered';
    ok !$v->cookie('baton_visitor'), 'no visitor is made for a refused link';
    $v->click_help($key, referer => 'http://copycat.test/other');
    is refusals($cid, 'unregistered_domain'), 2, 'each attempt is counted for the client';
    my $row = sql("SELECT site_key, referer, ip, site_id = (SELECT id FROM site WHERE site_key = '$key')"
        . " FROM refused_link WHERE client_id = $cid ORDER BY id LIMIT 1")->[0];
    is_deeply $row, [$key, 'https://copycat.test/help.html', '127.0.0.1', 1],
        'with the key, the Referer, the address and the site';
    is sql("SELECT COUNT(*) FROM help_request WHERE client_id = $cid")->[0][0], 0, 'and no request';
};

subtest 'an unknown site key' => sub {
    my $v = Baton::Test::Browser->new;
    my $unknown = sprintf '%032x', int rand 2**31;
    my $res = $v->click_help($unknown);
    is $res->{status}, 403, 'an unknown key: 403';
    like $res->{content}, qr/This help link does not belong to any site registered with Baton\./, 'saying so';
    my $rows = sql("SELECT reason, client_id IS NULL, referer FROM refused_link WHERE site_key = '$unknown'");
    is_deeply $rows, [['unknown_key', 1, $page]], 'logged as unknown_key, for no client';
    $res = $v->get('/help?site=%FF');
    is $res->{status}, 400, 'a key that is not UTF-8: 400';
    like $res->{content}, qr/A parameter is not valid UTF-8 text\./, 'saying so';
    $res = $v->get('/help');
    is $res->{status}, 400, 'no key at all: 400';
    like $res->{content}, qr/The field &#39;site&#39; is required\./, 'naming the field';
};

subtest 'no Referer' => sub {
    my ($key, $client) = Baton::Test::new_help_site();
    my $cid = Baton::Test::client_id($client);
    my $v = Baton::Test::Browser->new;
    my $res = $v->click_help($key, no_referer => 1);
    is $res->{status}, 403, 'no Referer: 403';
    like $res->{content}, qr/Baton could not tell which web site you came from, so it cannot connect you\. Please use the help link on the site&#39;s own page\./,
        'the page says why';
    $res = $v->click_help($key, referer => 'file:///home/me/page.html');
    is $res->{status}, 403, 'a Referer that is not a web page: 403 too';
    is refusals($cid, 'no_referer'), 2, 'both logged as no_referer for the client';
};

subtest 'long and odd Referers are recorded safely' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $cid = Baton::Test::client_id($client);
    my $long = "$page?" . ('a' x 3000);
    my $v = Baton::Test::Browser->new;
    my $res = $v->click_help($key, referer => $long);
    is $res->{status}, 303, 'a Referer of over 3,000 characters: into the queue all the same';
    my ($id) = ($res->{headers}{location} // '') =~ m{r=([0-9a-f]{32})};
    my $stored = $id ? Baton::Test::request_row($id)->{page_url} : '';
    is length $stored, 2000, 'the page is recorded, cut to the column\'s 2,000 characters';
    is $stored, substr($long, 0, 2000), 'from its start';
    $res = Baton::Test::Browser->new->click_help($key, referer => "https://copycat.test/?" . ('b' x 3000));
    is $res->{status}, 403, 'refused from an unregistered domain, however long';
    is sql("SELECT LENGTH(referer) FROM refused_link WHERE client_id = $cid ORDER BY id DESC LIMIT 1")->[0][0], 2000,
        'and logged, cut to 2,000 characters';

    # Browsers send non-ASCII bytes %-escaped, and HTTP::Tiny will not send
    # them raw: a raw request does.
    my $raw = raw_get("/help?site=$key", "$page?caf\xe9");
    like $raw, qr{^HTTP/1\.[01] 303 }, 'a Referer with bytes that are not UTF-8 text: into the queue';
    ($id) = $raw =~ m{\r\nLocation: /wait\?r=([0-9a-f]{32})\r\n};
    is $id ? Baton::Test::request_row($id)->{page_url} : '', "$page?caf%E9", 'the page recorded with those bytes %-escaped';
    $raw = raw_get("/help?site=$key", "https://copycat.test/caf\xe9 x");
    like $raw, qr{^HTTP/1\.[01] 403 }, 'refused from an unregistered domain';
    is sql("SELECT referer FROM refused_link WHERE client_id = $cid ORDER BY id DESC LIMIT 1")->[0][0],
        'https://copycat.test/caf%E9%20x', 'and logged, escaped';

    my ($qkey) = Baton::Test::new_help_site(client => $client, ask_question => 1);
    my $q = Baton::Test::Browser->new;
    $res = $q->click_help($qkey, referer => $long);
    is $res->{status}, 200, 'with a question first, the form is shown';
    my ($form_page) = $res->{content} =~ /name="page" value="([^"]*)"/;
    is length($form_page // ''), 2000, 'carrying the page address cut to 2,000 characters';
    $res = $q->post('/help', form => [csrf => $q->form_csrf, site => $qkey, page => $form_page, question => 'long page']);
    is $res->{status}, 303, 'and the question can be sent';
};

subtest 'the question form' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
    my $v = Baton::Test::Browser->new;
    my $from = "$page?q=1&x=<b>";
    my $res = $v->click_help($key, referer => $from, topic => 'billing');
    is $res->{status}, 200, 'the form';
    like $res->{content}, qr/name="page" value="\Q$page\E\?q=1&amp;x=&lt;b&gt;"/, 'the page address is escaped in the form';
    like $res->{content}, qr/name="topic" value="billing"/, 'the topic travels with it';
    my $cookie = join "\n", grep { /^baton_visitor=/ } ref $res->{headers}{'set-cookie'} ? @{ $res->{headers}{'set-cookie'} } : $res->{headers}{'set-cookie'};
    like $cookie, qr/^baton_visitor=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=63072000$/,
        'a visitor cookie: random, HttpOnly, SameSite=Lax, two years';
    my $csrf = Baton::Test::csrf_from($res->{content});
    is $csrf, $v->form_csrf, 'the form carries the form token';
    is sql("SELECT COUNT(*) FROM help_request WHERE client_id = " . Baton::Test::client_id($client))->[0][0], 0,
        'no request before the question is sent';

    $res = $v->post('/help', form => [csrf => $csrf, site => $key, topic => 'billing', page => $from,
        name => 'Vera Visitor', question => "Where is my parcel?\nOrder 42 & <b>co</b>"]);
    is $res->{status}, 303, 'sending the question: 303';
    my ($id) = ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$};
    ok $id, 'to the waiting page';
    my $row = Baton::Test::request_row($id);
    is $row->{name}, 'Vera Visitor', 'the name is recorded';
    is $row->{question}, 'Where is my parcel?\nOrder 42 & <b>co</b>', 'the question (newline kept)';
    is $row->{page_url}, $from, 'the page the visitor came from';
    is $row->{topic}, 'billing', 'the topic';
    is $row->{state}, 'waiting', 'waiting (nobody is signed in)';
    is_deeply Baton::Test::request_events($id), ['created'], 'its creation is archived';
    my $vid = sql("SELECT v.id FROM visitor v WHERE v.token_hash = SHA2('" . $v->cookie('baton_visitor') . "', 256)")->[0][0];
    is $row->{visitor_id}, $vid, 'for the visitor of the cookie (stored hashed)';
    is sql("SELECT name, visits FROM visitor_profile WHERE visitor_id = $vid")->[0][1], 1, 'whose profile has one visit';
    is sql("SELECT name FROM visitor_profile WHERE visitor_id = $vid")->[0][0], 'Vera Visitor', 'and the name';

    $res = $v->post('/help', form => [csrf => $csrf, site => $key, page => 'https://copycat.test/',
        question => 'hi']);
    is $res->{status}, 403, 'a form whose page was changed to another domain: 403 (checked again)';
    like $res->{content}, qr/The site copycat\.test is not registered/, 'saying so';
};

subtest 'straight into the queue when the site asks no question' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $v = Baton::Test::Browser->new;
    my $res = $v->click_help($key);
    is $res->{status}, 303, 'the GET answers 303';
    my ($id) = ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$};
    ok $id, 'to the waiting page';
    like $v->cookie('baton_visitor'), qr/^[0-9a-f]{64}$/, 'with a visitor cookie';
    my $row = Baton::Test::request_row($id);
    is $row->{state}, 'waiting', 'the request waits';
    is $row->{page_url}, $page, 'the page is recorded';
    ok !defined $row->{question}, 'without a question';

    $res = $v->click_help($key);
    is $res->{headers}{location}, "/wait?r=$id", 'a second click while waiting: the same request';
    ok !$res->{headers}{'set-cookie'} || $res->{headers}{'set-cookie'} !~ /baton_visitor/, 'and no new cookie';
    my $other_tab = $v->click_help($key, referer => "$page#other");
    is $other_tab->{headers}{location}, "/wait?r=$id", 'from another tab too';
    is sql("SELECT COUNT(*) FROM help_request WHERE client_id = " . Baton::Test::client_id($client))->[0][0], 1,
        'one request in all';

    my $other = Baton::Test::Browser->new;
    my $res2 = $other->click_help($key);
    my ($id2) = ($res2->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$};
    ok $id2 && $id2 ne $id, 'another browser gets a request of its own';
};

subtest 'a returning visitor is recognised' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Rita Returning');
    my $v = Baton::Test::Browser->new;
    my $first = $v->ask_help($key);
    my $cookie = $v->cookie('baton_visitor');
    my $vid = Baton::Test::request_row($first)->{visitor_id};
    is sql("SELECT visits FROM visitor_profile WHERE visitor_id = $vid")->[0][0], 1, 'first visit';
    my ($entry) = grep { $_->{id} eq $first } @{ $agent->{browser}->console_snapshot->{queue} };
    is $entry->{past_sessions}, 0, 'a new visitor has no past sessions';

    # The agent takes the session and ends it.
    my $csrf = $agent->{browser}->session_csrf;
    my $res = $agent->{browser}->post('/accept', form => [csrf => $csrf, request => $first]);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$} or die "accept: $res->{status}";
    my $token = Baton::Test::channel_token($agent->{browser}->get("/channel?id=$channel")->{content});
    $res = $agent->{browser}->post('/leave', form => [channel => $channel, token => $token]);
    is $res->{status}, 303, 'the agent ends the session';
    is sql("SELECT state FROM channel WHERE public_id = '$channel'")->[0][0], 'closed', 'the channel is closed';

    $res = $v->click_help($key);
    my ($second) = ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$};
    ok $second && $second ne $first, 'coming back makes a new request';
    ok !grep({ /^baton_visitor=/ } ref $res->{headers}{'set-cookie'} ? @{ $res->{headers}{'set-cookie'} } : ($res->{headers}{'set-cookie'} // ())),
        'without a new cookie';
    is $v->cookie('baton_visitor'), $cookie, 'the cookie is unchanged';
    is Baton::Test::request_row($second)->{visitor_id}, $vid, 'the same visitor';
    is sql("SELECT COUNT(*) FROM visitor WHERE token_hash = SHA2('$cookie', 256)")->[0][0], 1, 'one visitor row for the cookie';
    # The stamp, at most once a minute (visitor_cookie, visitor_touch).
    sql("UPDATE visitor SET last_seen_at = NOW(3) - INTERVAL 5 MINUTE WHERE id = $vid");
    $v->get("/wait?r=$second");
    is sql("SELECT last_seen_at > NOW(3) - INTERVAL 30 SECOND FROM visitor WHERE id = $vid")->[0][0], 1,
        'a visitor unseen for minutes is stamped seen on their next request';
    sql("UPDATE visitor SET last_seen_at = NOW(3) - INTERVAL 30 SECOND WHERE id = $vid");
    $v->get("/wait?r=$second");
    is sql("SELECT last_seen_at < NOW(3) - INTERVAL 20 SECOND FROM visitor WHERE id = $vid")->[0][0], 1,
        'one seen within the minute is not written again';
    is sql("SELECT visits FROM visitor_profile WHERE visitor_id = $vid")->[0][0], 2, 'the profile counts the second visit';
    my $snapshot;
    ok Baton::Test::wait_for('the new request in the console', 5, sub {
        $snapshot = $agent->{browser}->console_snapshot;
        grep { $_->{id} eq $second } @{ $snapshot->{queue} };
    }), 'the new request is in the console';
    ($entry) = grep { $_->{id} eq $second } @{ $snapshot->{queue} };
    is $entry->{past_sessions}, 1, 'showing one past session';

    my $forged = Baton::Test::Browser->new;
    $forged->set_cookie(baton_visitor => 'f' x 64);
    $res = $forged->click_help($key);
    my ($third) = ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$};
    isnt Baton::Test::request_row($third)->{visitor_id}, $vid, 'a forged cookie is a new visitor, not someone else';
    isnt $forged->cookie('baton_visitor'), 'f' x 64, 'and gets a fresh cookie';
};

subtest 'bad input' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
    my $cid = Baton::Test::client_id($client);
    my $v = Baton::Test::Browser->new;
    my $csrf = Baton::Test::csrf_from($v->click_help($key)->{content});
    # The form's fields, with some changed (undef: left out).
    my $form = sub {
        my %f = (csrf => $csrf, site => $key, page => $page, name => 'Bo', question => 'hello', @_);
        return [map { defined $f{$_} ? ($_ => $f{$_}) : () } sort keys %f];
    };
    my $res = $v->post('/help', form => $form->(question => undef));
    is $res->{status}, 400, 'no question: 400';
    like $res->{content}, qr/The field &#39;question&#39; is required\./, 'naming the field';
    $res = $v->post('/help', form => $form->(question => ''));
    is $res->{status}, 400, 'an empty question: 400';
    $res = $v->post('/help', form => $form->(question => 'x' x 2001));
    is $res->{status}, 400, 'a question of 2,001 characters: 400';
    like $res->{content}, qr/The field &#39;question&#39; is too long \(at most 2000 characters\)\./, 'giving the limit';
    $res = $v->post('/help', form => $form->(name => 'n' x 101));
    is $res->{status}, 400, 'a name of 101 characters: 400';
    like $res->{content}, qr/The field &#39;name&#39; is too long \(at most 100 characters\)\./, 'giving the limit';
    $res = $v->post('/help', content => "csrf=$csrf&site=$key&page=x&question=%C3%28",
        headers => { 'Content-Type' => 'application/x-www-form-urlencoded' });
    is $res->{status}, 400, 'a question that is not UTF-8: 400';
    like $res->{content}, qr/A parameter is not valid UTF-8 text\./, 'saying so';
    $res = $v->post('/help', form => $form->(question => "a\x{0}b"));
    is $res->{status}, 400, 'a NUL in the question: 400';
    $res = $v->post('/help', form => $form->(question => "a\x{7f}b\x{1b}[2J"));
    is $res->{status}, 400, 'control characters in the question: 400';
    like $res->{content}, qr/The field &#39;question&#39; holds control characters\./, 'saying so';
    $res = $v->post('/help', form => $form->(csrf => undef));
    is $res->{status}, 400, 'no csrf field: 400';
    like $res->{content}, qr/The field &#39;csrf&#39; is required\./, 'naming it';
    $res = $v->post('/help', form => $form->(csrf => 'e' x 64));
    is $res->{status}, 403, 'a wrong csrf token: 403';
    like $res->{content}, qr/The form&#39;s security token is missing or out of date\./, 'saying so';
    my $stranger = Baton::Test::Browser->new;
    $res = $stranger->post('/help', form => $form->());
    is $res->{status}, 403, 'a token without its cookie (another browser): 403';
    $res = $v->post('/help', form => $form->(), headers => { Origin => 'https://evil.test' });
    is $res->{status}, 403, 'a post from another origin: 403';
    like $res->{content}, qr/This form was sent from another site\./, 'saying so';
    is sql("SELECT COUNT(*) FROM help_request WHERE client_id = $cid")->[0][0], 0, 'none of those made a request';

    my $long = "\x{e9}" x 2000;
    utf8::encode($long);
    $res = $v->post('/help', form => $form->(question => $long));
    is $res->{status}, 303, 'a question of 2,000 two-byte characters is within the limit';
    my ($id) = ($res->{headers}{location} // '') =~ m{r=([0-9a-f]{32})};
    is sql("SELECT CHAR_LENGTH(question) FROM help_request WHERE public_id = '$id'")->[0][0], 2000, 'and stored whole';
};

subtest 'back to the open request or conversation from any page, never a second one' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
    my $agent = Baton::Test::signed_in_agent(client => $client, state => 'break');
    my $v = Baton::Test::Browser->new;
    my $id = $v->ask_help($key, question => 'Where is my order?');
    my $res = $v->click_help($key, referer => "$page?another=page");
    is $res->{status}, 303, 'the link on another page, while waiting: 303';
    is $res->{headers}{location}, "/wait?r=$id", 'to the waiting page, not a new question';
    my $csrf = $agent->{browser}->session_csrf;
    $res = $agent->{browser}->post('/accept', form => [csrf => $csrf, request => $id]);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$};
    ok $channel, 'the agent accepts';
    $res = $v->click_help($key);
    is $res->{headers}{location}, "/channel?id=$channel", 'then the link leads back into the conversation';
    my $cid = Baton::Test::client_id($client);
    is sql("SELECT COUNT(*) FROM help_request WHERE client_id = $cid")->[0][0], 1, 'one request in all';

    my $page_html = $v->get("/channel?id=$channel")->{content};
    my $token = Baton::Test::channel_token($page_html);
    $res = $v->post('/leave', form => [channel => $channel, token => $token], headers => { Origin => $s->{URL} });
    is $res->{status}, 303, 'the visitor leaves';
    $res = $v->click_help($key);
    is $res->{status}, 200, 'after leaving, the link asks a new question';
};

subtest 'the page asked from' => sub {
    my ($key) = Baton::Test::new_help_site(ask_question => 1);
    my $v = Baton::Test::Browser->new;
    my $origin = "$s->{URL}/";
    my $exact = "$s->{URL}/demo/products.html?id=7";
    # Browsers send only the origin as the Referer to another site; the site
    # scripts add the page itself.
    my $res = $v->get("/help?site=$key&page=" . uri($exact), headers => { Referer => $origin });
    like $res->{content}, qr/name="page" value="\Q$exact\E"/, 'page= on the Referer\'s host is the page asked from';
    $res = $v->get("/help?site=$key&page=" . uri('https://elsewhere.test/x'), headers => { Referer => $origin });
    like $res->{content}, qr/name="page" value="\Q$origin\E"/, 'page= on another host is ignored for the Referer';
    $res = $v->get("/help?site=$key&page=" . uri('javascript:alert(1)'), headers => { Referer => $origin });
    like $res->{content}, qr/name="page" value="\Q$origin\E"/, 'and so is an address that is not http(s)';
};

subtest 'inside the widget\'s panel: framed by the site\'s domains only' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 1, domains => ['127.0.0.1', 'shop.example']);
    my $v = Baton::Test::Browser->new;
    my $res = $v->click_help($key);
    like $res->{headers}{'content-security-policy'}, qr/frame-ancestors 'none'/, 'the help page is never framed';
    is $res->{headers}{'x-frame-options'}, 'DENY', 'not even by old browsers';
    like $res->{content}, qr/<header class="topbar">/, 'with its top bar';

    my $framed = Baton::Test::Browser->new;
    $res = $framed->get("/help?site=$key", headers => { Referer => $page, 'Sec-Fetch-Dest' => 'iframe' });
    is $res->{status}, 200, 'asked for by a frame';
    like $res->{headers}{'content-security-policy'},
        qr/frame-ancestors 'self' 127\.0\.0\.1:\* \*\.127\.0\.0\.1:\* shop\.example:\* \*\.shop\.example:\*;/,
        'it may be framed by the site\'s domains and their subdomains';
    ok !exists $res->{headers}{'x-frame-options'}, 'and X-Frame-Options does not forbid it';
    like $res->{content}, qr/<body class="page-help in-panel">/, 'it renders for the panel';
    unlike $res->{content}, qr/<header class="topbar">/, 'without the top bar';
    like $res->{content}, qr/<script src="\/js\/panel\.js" defer><\/script>/, 'with the panel\'s script';
    like $res->{content}, qr/an agent will join you here, while you go on browsing\./, 'and says the visitor may browse on';
    my $cookie = join "\n", grep { /^baton_visitor=/ } ref $res->{headers}{'set-cookie'} ? @{ $res->{headers}{'set-cookie'} } : $res->{headers}{'set-cookie'};
    like $cookie, qr/SameSite=Lax/, 'over plain HTTP its cookie stays SameSite=Lax (Partitioned needs HTTPS)';

    my $id = $v->ask_help($key, question => 'framed');
    $res = $v->get("/wait?r=$id", headers => { 'Sec-Fetch-Dest' => 'iframe' });
    like $res->{headers}{'content-security-policy'}, qr/frame-ancestors 'self' 127\.0\.0\.1:\* /, 'the waiting page too';
    like $res->{content}, qr/Go on browsing this site: this panel stays with you from page to page\./, 'saying the panel follows';
    $res = $v->get("/wait?r=$id");
    like $res->{headers}{'content-security-policy'}, qr/frame-ancestors 'none'/, 'but not when it is not framed';

    my $other = Baton::Test::Browser->new;
    $res = $other->get("/wait?r=$id", headers => { 'Sec-Fetch-Dest' => 'iframe' });
    is $res->{status}, 403, 'someone else\'s request in a frame: 403';
    like $res->{headers}{'content-security-policy'}, qr/frame-ancestors \*;/, 'an error may show in any frame (it holds no action)';
    unlike $res->{content}, qr/\Q$id\E/, 'and shows nothing of the request';
};

done_testing;

sub uri {
    my ($text) = @_;
    $text =~ s/([^A-Za-z0-9_.~-])/sprintf '%%%02X', ord $1/ge;
    return $text;
}
