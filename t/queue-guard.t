#!/usr/bin/perl
# Guarding a client's queue (lib/queue_guard.c):
#   - help requests are limited per address (open requests, and requests a
#     minute) and per visitor (requests an hour): 100 forged requests from
#     one address with a fresh cookie each put 5 in the queue, not 100;
#   - a request whose waiting page stopped asking about it (closed, with
#     JavaScript off so no cancel was sent) leaves the queue as abandoned
#     after abandon_after_seconds, while pages that refresh (every 5 s
#     without JavaScript) or poll keep theirs; the places of the others, the
#     agents' console and the queue report follow.
# The limits are checked with the program run as plain CGI from addresses
# of the documentation ranges, under the default settings (the test stack
# raises them: every test asks from 127.0.0.1).
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX qw(strftime);
use Test::More;
use Baton::Test qw(stack sql wait_for);

my $s = stack();

# baton.conf without the raised limits: the defaults apply.
my $conf = "$s->{DIR}/tmp/queue-guard.conf";
{
    open my $in, '<', $s->{CONF} or die;
    open my $out, '>', $conf or die;
    print {$out} grep { !/^\s*help_(requests_per|open_requests)/ } <$in>;
}

my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
my $client_id = Baton::Test::client_id($client);
my $referer = "$s->{URL}/demo/page.html";

# GET /help?site=KEY as plain CGI: (status, Location, Retry-After, body, cookie).
sub click {
    my ($ip, %o) = @_;
    local $ENV{BATON_CONF} = $conf;
    local @ENV{qw(REQUEST_METHOD SCRIPT_NAME QUERY_STRING REMOTE_ADDR HTTP_HOST HTTP_REFERER HTTP_COOKIE)}
        = ('GET', '/help', "site=$key", $ip, "127.0.0.1:$s->{PORT}", $referer, $o{cookie} // '');
    my $out = qx{"$s->{ROOT}/cgi-bin/help.fcgi" < /dev/null};
    my ($status) = $out =~ /^Status: (\d+)/;
    my ($location) = $out =~ /^Location: (\S+)\r?$/m;
    my ($retry) = $out =~ /^Retry-After: (\d+)/m;
    my ($cookie) = $out =~ /^Set-Cookie: (baton_visitor=[0-9a-f]+)/m;
    return ($status // 0, $location, $retry, $out, $cookie // $o{cookie});
}

sub requests_from {
    my ($ip, $state) = @_;
    return sql("SELECT COUNT(*) FROM help_request WHERE ip = '$ip'"
        . ($state ? " AND state IN ('waiting', 'offered')" : ''))->[0][0];
}

subtest '100 forged requests from one address: five reach the queue' => sub {
    my $ip = '198.51.100.77';
    my %status;
    my ($refused_body, $retry);
    for (1 .. 100) {
        my ($st, undef, $r, $body) = click($ip);
        $status{$st}++;
        ($refused_body, $retry) = ($body, $r) if $st == 429;
    }
    is_deeply \%status, { 303 => 5, 429 => 95 }, 'five sent to the waiting page, 95 refused with 429';
    is requests_from($ip, 1), 5, 'five requests wait in the queue';
    ok $retry >= 1, "the refusal says when to try again (Retry-After: $retry)";
    like $refused_body, qr/Too many requests for help come from your network right now/, 'and why';
    is((click('198.51.100.78'))[0], 303, 'another address is not held back');

    # The open ones leave (served, say): now it is the rate that limits.
    sql("UPDATE help_request SET state = 'cancelled' WHERE ip = '$ip'");
    my @more = map { (click($ip))[0] } 1 .. 7;
    is_deeply \@more, [303, 303, 303, 303, 303, 429, 429], 'ten a minute from one address, then 429';
};

subtest 'one visitor asking again and again' => sub {
    my $cookie;
    my @got;
    for my $n (1 .. 11) {
        my ($st, $loc, undef, undef, $c) = click("203.0.113.$n", cookie => $cookie);
        $cookie = $c;
        push @got, $st;
        # Each is cancelled before the next (a second click while one is open
        # just finds the open one).
        sql("UPDATE help_request SET state = 'cancelled' WHERE ip = '203.0.113.$n'");
    }
    is_deeply \@got, [(303) x 10, 429], 'ten requests an hour per visitor, whatever the address';
    my (undef, undef, undef, $body) = click('203.0.113.99', cookie => $cookie);
    like $body, qr/You have asked for help many times in the last hour/, 'saying so';
};

subtest 'a request whose page was closed leaves the queue' => sub {
    my ($key2, $client2) = Baton::Test::new_help_site(ask_question => 0);
    my $cid2 = Baton::Test::client_id($client2);
    my $agent = Baton::Test::signed_in_agent(client => $client2, name => 'Quinn Queue', state => 'away');
    my $abandon = do {
        open my $fh, '<', $s->{CONF} or die;
        my ($v) = map { /^\s*abandon_after_seconds\s*=\s*(\d+)/ ? $1 : () } <$fh>;
        $v // 90;   # the default
    };
    my %v = map { $_ => Baton::Test::Browser->new } qw(refresher poller leaver);
    my %r = map { $_ => $v{$_}->ask_help($key2) } sort keys %v;
    $v{$_}->get("/wait?r=$r{$_}") for keys %v;
    is scalar(@{ Baton::Test::Browser::console_snapshot($agent->{browser})->{queue} }), 3,
        'three visitors wait';
    # As if all three had waited until just before the limit.
    my $ago = $abandon - 6;
    sql("UPDATE help_request SET seen_at = NOW(3) - INTERVAL $ago SECOND WHERE client_id = $cid2");

    # The refresher's page reloads itself (as the meta refresh does every 5
    # s), the poller's page polls, the leaver's page is gone.
    my $gone = wait_for('the leaver abandoned', 30, sub {
        $v{refresher}->get("/wait?r=$r{refresher}");
        $v{poller}->request_status($r{poller});
        Baton::Test::request_row($r{leaver})->{state} ne 'waiting';
    });
    ok $gone, "within a few seconds of $abandon s without a word from its page, the request left";
    is Baton::Test::request_row($r{leaver})->{state}, 'closed', 'closed (not served)';
    is_deeply Baton::Test::request_events($r{leaver}), ['created', 'abandoned'], 'and recorded as abandoned';
    is Baton::Test::request_row($r{refresher})->{state}, 'waiting', 'a page that refreshes keeps its place';
    is Baton::Test::request_row($r{poller})->{state}, 'waiting', 'so does a page that polls';

    my $next = Baton::Test::Browser->new;
    my $rn = $next->ask_help($key2);
    is $next->request_status($rn)->{position}, 2, 'a new visitor has two ahead, not three';
    like $next->get("/wait?r=$rn")->{content}, qr/There are 2 people ahead of you\./, 'and is told so';
    my @queue = map { $_->{id} } @{ Baton::Test::Browser::console_snapshot($agent->{browser})->{queue} };
    is_deeply [sort @queue], [sort @r{qw(refresher poller)}, $rn], 'the agents\' console no longer lists it';
    like $v{leaver}->get("/wait?r=$r{leaver}")->{content}, qr/your request left the queue/,
        'its page, if opened again, says what happened';

    my $sup = Baton::Test::signed_in_agent(client => $client2, role => 'supervisor', state => 'away');
    my $today = strftime('%Y-%m-%d', gmtime);
    my $res = $sup->{browser}->get("/report?kind=queue&from=$today&to=$today&format=csv&table=outcomes");
    like $res->{content}, qr/^"?Gone without being accepted"?,1\r?$/m, 'the queue report counts it as abandoned';
};

done_testing;
