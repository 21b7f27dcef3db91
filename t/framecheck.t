#!/usr/bin/perl
# The frame check (GET /framecheck?channel=&url=): may the viewer frame this
# page? It reads the page's headers: X-Frame-Options (DENY, SAMEORIGIN from
# another origin) and CSP frame-ancestors refuse, also after a redirect.
# Addresses that are not public (private, loopback, link-local,
# documentation, benchmarking, multicast, and IPv6 forms carrying such an
# IPv4 address) are refused without a request. The setting
# frame_check_private_addresses (off by default; the test stack turns it on,
# as the demo does) lets a client's registered domains on private addresses
# through (here 127.0.0.1, where this test runs a small HTTP server with the
# headers it needs); with it off they are refused like any other. Refused,
# unreachable and unknown addresses get one and the same answer, so the
# check cannot map what listens where. Only people in an open session may
# ask. Answers are kept (per client) for a while.
#
# No traffic leaves this machine: the only server contacted is ours on
# 127.0.0.1; for the private-range cases the program must refuse before
# connecting, which the quick answer, the reason and our server's request
# log show.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use File::Temp qw(tempdir);
use IO::Socket::INET;
use POSIX ();
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $c = Baton::Test::open_channel(agent_name => 'Fran Frame');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
my ($ours) = $s->{URL} =~ m{^(https?://[^/]+)};

my $NOT_CHECKED = 'Baton could not check this page; it opens in its own window.';
my $PRIVATE = qr/^\Q$NOT_CHECKED\E$/;
my $XFO = "The page's X-Frame-Options refuses framing.";
my $CSP = "The page's Content-Security-Policy (frame-ancestors) refuses framing.";

# ---- a tiny HTTP server on 127.0.0.1 with canned answers --------------------
my $log = tempdir(CLEANUP => 1) . '/requests.log';
my $listen = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0, Listen => 32,
    ReuseAddr => 1, Proto => 'tcp') or die "listen: $!";
my $port = $listen->sockport;
my $site = "http://127.0.0.1:$port";
my %routes = (
    '/ok'             => [200, []],
    '/ok-cached'      => [200, []],
    '/ok-client'      => [200, []],
    '/deny'           => [200, ['X-Frame-Options' => 'DENY']],
    '/deny-lower'     => [200, ['x-frame-options' => 'deny']],
    '/sameorigin'     => [200, ['X-Frame-Options' => 'SAMEORIGIN']],
    '/csp-none'       => [200, ['Content-Security-Policy' => "default-src 'self'; frame-ancestors 'none'; img-src *"]],
    '/csp-self'       => [200, ['Content-Security-Policy' => "frame-ancestors 'self'"]],
    '/csp-ours'       => [200, ['Content-Security-Policy' => "frame-ancestors https://partner.example $ours"]],
    '/csp-star'       => [200, ['Content-Security-Policy' => 'frame-ancestors *']],
    '/csp-over-xfo'   => [200, ['X-Frame-Options' => 'DENY', 'Content-Security-Policy' => "frame-ancestors $ours"]],
    '/csp-no-fa'      => [200, ['Content-Security-Policy' => "default-src 'self'"]],
    '/redirect-deny'  => [302, [Location => "$site/deny"]],
    '/redirect-rel'   => [301, [Location => '/csp-none']],
    '/redirect-ok'    => [302, [Location => "$site/ok"]],
    '/redirect-private' => [302, [Location => 'http://10.20.30.40/admin']],
    '/redirect-localhost' => [302, [Location => "http://localhost:$port/ok"]],
    '/redirect-loop'  => [302, [Location => '/redirect-loop']],
    '/redirect-odd'   => [302, [Location => 'deny']],
    '/redirect-ftp'   => [302, [Location => 'ftp://127.0.0.1/x']],
);
my $server = fork // die "fork: $!";
if ($server == 0) {
    alarm 300;  # never outlive the test by much
    for my $n (1 .. 500) {
        my $conn = $listen->accept or last;
        my $line = readline($conn) // '';
        while (defined(my $h = readline $conn)) { last if $h =~ /^\r?\n$/ }
        my ($path) = $line =~ m{^[A-Z]+ (\S+)};
        $path //= '?';
        open my $fh, '>>', $log or die "log: $!";
        print {$fh} "$path\n";
        close $fh;
        my ($status, $headers) = @{ $routes{$path} // [404, []] };
        my $head = "HTTP/1.1 $status Canned\r\nContent-Type: text/html\r\nContent-Length: 13\r\nConnection: close\r\n";
        for (my $i = 0; $i < @$headers; $i += 2) { $head .= "$headers->[$i]: $headers->[$i + 1]\r\n" }
        print {$conn} "$head\r\n<p>hello</p>";
        close $conn;
    }
    POSIX::_exit(0);
}
close $listen;
END { local $?; if ($server) { kill 'TERM', $server; waitpid $server, 0 } }

sub requests {
    open my $fh, '<', $log or return [];
    return [map { chomp; $_ } <$fh>];
}

sub uri_escape { my ($x) = @_; $x =~ s/([^A-Za-z0-9_.~-])/sprintf '%%%02X', ord $1/ge; $x }

# Asks as a party: (response, decoded JSON, seconds taken).
sub check {
    my ($who, $url, %o) = @_;
    my $res = $who->{browser}->get('/framecheck?channel=' . ($o{channel} // $ch) . '&url=' . uri_escape($url),
        headers => { Accept => 'application/json' });
    return ($res, Baton::Test::json_decode($res->{content}));
}

sub verdict {
    my ($url, $frameable, $reason, $what, %o) = @_;
    my ($res, $d) = check($o{who} // $visitor, $url, %o);
    is $res->{status}, 200, "$what: 200";
    is_deeply [$d->{frameable} ? 1 : 0, $d->{reason}], [$frameable ? 1 : 0, $reason],
        "$what: " . ($frameable ? 'frameable' : "refused ($reason)");
    return $d;
}

subtest 'what the page\'s headers say' => sub {
    my ($res, $d) = check($visitor, "$site/ok");
    is $res->{status}, 200, 'GET /framecheck: 200';
    like $res->{headers}{'content-type'}, qr{^application/json}, 'JSON';
    is_deeply $d, { frameable => JSON::PP::true(), reason => '' }, 'a page without refusing headers is frameable';
    is_deeply requests(), ['/ok'], 'our server was asked for it once';
    verdict("$site/deny", 0, $XFO, 'X-Frame-Options: DENY');
    verdict("$site/deny-lower", 0, $XFO, 'x-frame-options: deny (any case)');
    verdict("$site/sameorigin", 0, $XFO, 'X-Frame-Options: SAMEORIGIN from another origin');
    verdict("$site/csp-none", 0, $CSP, "CSP frame-ancestors 'none'");
    verdict("$site/csp-self", 0, $CSP, "CSP frame-ancestors 'self' (another origin)");
    verdict("$site/csp-ours", 1, '', 'CSP frame-ancestors naming our origin');
    verdict("$site/csp-star", 1, '', 'CSP frame-ancestors *');
    verdict("$site/csp-over-xfo", 1, '', 'CSP frame-ancestors allowing us wins over X-Frame-Options');
    verdict("$site/csp-no-fa", 1, '', 'a CSP without frame-ancestors');
    verdict("$site/deny", 0, $XFO, 'the agent asks too', who => $agent);
};

subtest 'redirects are followed, and checked at every hop' => sub {
    verdict("$site/redirect-deny", 0, $XFO, 'a redirect to a refusing page');
    verdict("$site/redirect-rel", 0, $CSP, 'a relative redirect to a refusing page');
    verdict("$site/redirect-ok", 1, '', 'a redirect to a frameable page');
    my $before = scalar @{ requests() };
    verdict("$site/redirect-loop", 0, 'The page redirects too often.', 'a redirect loop');
    is scalar(@{ requests() }) - $before, 4, 'followed at most three times';
    # Refused by its address, not by failing to connect: unreachable and
    # refused answer alike, so the hop after a redirect is shown checked by
    # the next case, whose private address is our own server, never asked.
    verdict("$site/redirect-private", 0, $NOT_CHECKED,
        'a redirect into a private network is refused');
    $before = scalar @{ requests() };
    my $d = verdict("$site/redirect-localhost", 0, $NOT_CHECKED,
        'a redirect to localhost (not a registered domain)');
    is scalar(@{ requests() }) - $before, 1, 'the redirect was not followed to our server';
    my ($res);
    ($res, $d) = check($visitor, "$site/redirect-odd");
    is $res->{status}, 200, 'a redirect to a relative address without a slash: 200, not the asker\'s error';
    ok !$d->{frameable}, 'not frameable';
    ($res, $d) = check($visitor, "$site/redirect-ftp");
    is $res->{status}, 200, 'a redirect to ftp: 200';
    ok !$d->{frameable}, 'not frameable';
};

# Which addresses are not public is the classifier's to say (t/unit/webaddr.c,
# every range here); this shows the program asks it before any fetch: the
# same answer, and our server, reachable through the loopback names, is
# never asked.
subtest 'private networks are refused without a request' => sub {
    my $before = scalar @{ requests() };
    for my $url ('http://10.1.2.3/', 'http://192.168.0.1/', 'http://172.16.5.4/', 'http://172.31.255.1/x',
        'http://169.254.169.254/latest/meta-data/', 'http://100.64.0.1/', 'https://10.0.0.1:8443/',
        "http://0.0.0.0:$port/ok", "http://localhost:$port/ok", "http://LOCALHOST:$port/ok",
        "http://127.1:$port/ok", "http://2130706433:$port/ok", "http://0x7f000001:$port/ok",
        "http://127.0.0.2:$port/ok", "http://[::1]:$port/ok", "http://[::]:$port/ok",
        "http://[::ffff:127.0.0.1]:$port/ok", "http://[::127.0.0.1]:$port/ok", 'http://[fe80::1]/',
        'http://[fc00::1]/', 'http://[fd12:3456::1]:8080/') {
        my ($res, $d) = check($visitor, $url);
        is $res->{status}, 200, "$url: 200";
        ok !$d->{frameable}, "$url: not frameable";
        like $d->{reason}, $PRIVATE, "$url: the one answer for what is not checked";
    }
    is scalar(@{ requests() }), $before, 'our server, reachable through several of those names, got no request';
};

subtest 'answers are kept, per client' => sub {
    verdict("$site/ok-cached", 1, '', 'a first check');
    verdict("$site/ok-cached", 1, '', 'a second check');
    is scalar(grep { $_ eq '/ok-cached' } @{ requests() }), 1, 'fetched once';

    # Another client whose sites are elsewhere: for it 127.0.0.1 is a private
    # address like any other, whatever this client's answer was.
    my $other = Baton::Test::open_channel();
    my $oid = Baton::Test::client_id($other->{client});
    sql("DELETE d FROM site_domain d JOIN site s ON s.id = d.site_id WHERE s.client_id = $oid");
    my $d = verdict("$site/ok-cached", 0, $NOT_CHECKED,
        'another client, without 127.0.0.1, does not get this client\'s kept answer',
        who => $other->{visitor}, channel => $other->{channel});
    verdict("$site/ok-client", 0, $NOT_CHECKED,
        'it asks first about another page', who => $other->{visitor}, channel => $other->{channel});
    verdict("$site/ok-client", 1, '', 'which this client may still check for itself');
    is scalar(grep { $_ eq '/ok-client' } @{ requests() }), 1, 'fetched once, for this client';
};

subtest 'unreachable pages and bad addresses' => sub {
    my $closed = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0, Proto => 'tcp', Listen => 1)
        or die "listen: $!";
    my $free = $closed->sockport;
    close $closed;
    verdict("http://127.0.0.1:$free/", 0, $NOT_CHECKED, 'nothing listening');
    my $before = scalar @{ requests() };
    for my $bad ('javascript:alert(1)', 'data:text/html,x', 'ftp://127.0.0.1/', '/relative', '127.0.0.1/x', '',
        "http://user\@127.0.0.1:$port/ok", "http://127.0.0.1:$port\@10.0.0.1/", 'http://127.0.0.1:99999/',
        'http://127.0.0.1:0/', 'http://127.0.0.1:80x/', 'http://[evil.example]/', 'http://[::1/', "http://[::1]x:$port/",
        'http://' . ('a' x 300) . '.example/', 'https://shop.example/' . ('a' x 1980)) {
        my ($res) = check($visitor, $bad);
        is $res->{status}, 400, "'" . substr($bad, 0, 60) . "': 400";
    }
    is scalar(@{ requests() }), $before, 'none was fetched';
};

subtest 'only people in the channel may ask' => sub {
    my $before = scalar @{ requests() };
    my $stranger = Baton::Test::Browser->new;
    my $res = $stranger->get("/framecheck?channel=$ch&url=" . uri_escape("$site/ok?stranger"),
        headers => { Accept => 'application/json' });
    is $res->{status}, 403, 'a browser with no cookie: 403';
    my $other = Baton::Test::open_channel();
    for my $who ([$other->{visitor}, 'a visitor of another channel'], [$other->{agent}, 'an agent of another client']) {
        ($res) = check($who->[0], "$site/ok?outsider");
        is $res->{status}, 403, "$who->[1]: 403";
    }
    my $colleague = Baton::Test::signed_in_agent(client => $c->{client}, state => 'away');
    ($res) = check($colleague, "$site/ok?colleague");
    is $res->{status}, 403, 'another agent of the same client, not in the channel: 403';
    ($res) = check($visitor, "$site/ok?unknown", channel => 'f' x 32);
    is $res->{status}, 403, 'an unknown channel: 403';
    is scalar(@{ requests() }), $before, 'and nothing was fetched for them';
    $res = $visitor->{browser}->post('/framecheck', form => [channel => $ch, url => "$site/ok"],
        headers => { Accept => 'application/json', Origin => $s->{URL} });
    is $res->{status}, 405, 'POST is not a way to ask';
};

subtest 'special ranges, and IPv6 forms that carry a private IPv4 address' => sub {
    my $before = scalar @{ requests() };
    for my $url ('http://198.18.0.1/', 'http://198.19.255.254/', 'http://192.0.0.8/', 'http://192.0.2.10/',
        'http://198.51.100.7/', 'http://203.0.113.9/', 'http://192.88.99.1/', 'http://224.0.0.1/',
        'http://255.255.255.255/', "http://[2002:7f00:1::1]:$port/ok", 'http://[2002:c0a8:101::1]/',
        "http://[64:ff9b::7f00:1]:$port/ok", 'http://[64:ff9b::a00:1]/', 'http://[64:ff9b:1::1]/',
        'http://[2001:db8::1]/', 'http://[2001::1]/', 'http://[::ffff:10.0.0.1]/', 'http://[ff02::1]/',
        'http://[fec0::1]/', 'http://[100::1]/') {
        my ($res, $d) = check($visitor, $url);
        is $res->{status}, 200, "$url: 200";
        is_deeply [$d->{frameable} ? 1 : 0, $d->{reason}], [0, $NOT_CHECKED], "$url: not checked";
    }
    is scalar(@{ requests() }), $before, 'and our server got no request';
};

subtest 'refused, unreachable and unknown get the same answer' => sub {
    my $closed = IO::Socket::INET->new(LocalAddr => '127.0.0.1', LocalPort => 0, Proto => 'tcp', Listen => 1)
        or die "listen: $!";
    my $free = $closed->sockport;
    close $closed;
    my @answers = map { (check($visitor, $_))[0]{content} }
        ("http://127.0.0.1:$free/closed", 'http://10.20.30.40:22/', 'http://no-such-host.invalid/',
         "http://127.0.0.2:$port/ok");
    is scalar(keys %{ { map { $_ => 1 } @answers } }), 1, 'a closed port, a private address, an unknown host: one answer'
        or diag explain \@answers;
};

subtest 'with frame_check_private_addresses off (the default)' => sub {
    # The program run as plain CGI with the test stack's settings but that one.
    my $conf = "$s->{DIR}/tmp/framecheck-default.conf";
    {
        open my $in, '<', $s->{CONF} or die;
        open my $out, '>', $conf or die;
        print {$out} grep { !/^\s*frame_check_private_addresses/ } <$in>;
    }
    my $cookies = join '; ', map { "$_=$visitor->{browser}{jar}{$_}" } sort keys %{ $visitor->{browser}{jar} };
    my $before = scalar @{ requests() };
    for my $path ('/ok-default', '/deny?default') {
        local $ENV{BATON_CONF} = $conf;
        local @ENV{qw(REQUEST_METHOD SCRIPT_NAME QUERY_STRING REMOTE_ADDR HTTP_HOST HTTP_COOKIE HTTP_ACCEPT)}
            = ('GET', '/framecheck', "channel=$ch&url=" . uri_escape("$site$path"), '127.0.0.1',
               "127.0.0.1:$s->{PORT}", $cookies, 'application/json');
        my $out = qx{"$s->{ROOT}/cgi-bin/framecheck.fcgi" < /dev/null};
        like $out, qr/^Status: 200 /, "$path: 200";
        like $out, qr/\{"frameable":false,"reason":"\Q$NOT_CHECKED\E"\}/,
            "$path on 127.0.0.1, a registered domain of the client: not checked";
    }
    is scalar(@{ requests() }), $before, 'our server got no request';
};

subtest 'only an open session may ask' => sub {
    my $c2 = Baton::Test::open_channel(agent_name => 'Cleo Closed');
    my ($res) = check($c2->{visitor}, "$site/ok?open", channel => $c2->{channel});
    is $res->{status}, 200, 'while the session is open: 200';
    $res = $c2->{visitor}{browser}->post('/leave', form => [channel => $c2->{channel}, token => $c2->{visitor}{token}],
        headers => { Accept => 'application/json', Origin => $s->{URL} });
    is $res->{status}, 200, 'the visitor leaves';
    my $before = scalar @{ requests() };
    ($res) = check($c2->{visitor}, "$site/ok?after-leaving", channel => $c2->{channel});
    is $res->{status}, 409, 'after leaving: 409';
    $res = $c2->{agent}{browser}->post('/leave', form => [channel => $c2->{channel}, token => $c2->{agent}{token}],
        headers => { Accept => 'application/json', Origin => $s->{URL} });
    ($res) = check($c2->{agent}, "$site/ok?closed", channel => $c2->{channel});
    is $res->{status}, 409, 'a closed session: 409';
    is scalar(@{ requests() }), $before, 'and nothing was fetched';
};

done_testing;
