#!/usr/bin/perl
# Leading: the leader (the agent at first) sends everyone to an address
# (an 'address' event in every poll, and the poll's url), or opens a page in
# a new window on the followers' side (a 'window' event, url unchanged). A
# follower cannot lead; only web addresses, at most 2000 characters; a wrong
# token, another Origin or an outsider: 403; a closed channel: 409; a held
# poll wakes within a second.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $c = Baton::Test::open_channel(agent_name => 'Gus Go');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
my $ids = Baton::Test::participant_ids($agent, $ch);

sub go {
    my ($who, $url, %o) = @_;
    return Baton::Test::party_post($who, '/go', $ch, [url => $url, (defined $o{mode} ? (mode => $o{mode}) : ())], %o);
}

sub new_events {
    my ($who, $after) = @_;
    my ($res, $d) = Baton::Test::chat_poll($who, $ch, after => $after);
    is $res->{status}, 200, 'the poll answers 200';
    return $d;
}

subtest 'the leader leads everyone to an address' => sub {
    my $start = Baton::Test::channel_snapshot($agent, $ch);
    is $start->{leader}, $ids->{agent}, 'the agent leads at first';
    is $start->{url}, "$s->{URL}/demo/x.html", 'the view starts on the page the visitor asked from';

    my ($res, $d) = go($agent, 'https://shop.example/orders?id=7&x=<y>', mode => 'frame');
    is $res->{status}, 200, 'POST /go (frame): 200';
    is $res->{headers}{'content-type'}, 'application/json; charset=utf-8', 'JSON';
    is_deeply $d, { seq => 4 }, 'stored as the next event (seq 4)';
    for my $who ([$agent, 'agent'], [$visitor, 'visitor']) {
        my $p = new_events($who->[0], 3);
        is_deeply [map { [@$_{qw(seq kind from role body)}] } @{ $p->{events} }],
            [[4, 'address', $ids->{agent}, 'agent', 'https://shop.example/orders?id=7&x=<y>']],
            "$who->[1]: one 'address' event from the agent, the address as sent";
        is $p->{url}, 'https://shop.example/orders?id=7&x=<y>', "$who->[1]: the poll's url is the address";
        is $p->{leader}, $ids->{agent}, "$who->[1]: the agent still leads";
    }

    ($res, $d) = go($agent, 'http://shop.example/plain');
    is $res->{status}, 200, 'without a mode it is a frame address';
    is new_events($visitor, 4)->{events}[0]{kind}, 'address', 'an address event';
    is Baton::Test::channel_snapshot($visitor, $ch)->{url}, 'http://shop.example/plain', 'and the url follows';
};

subtest 'a page in a new window leaves the view as it is' => sub {
    my $before = Baton::Test::channel_snapshot($visitor, $ch);
    my ($res, $d) = go($agent, 'https://docs.example/manual.pdf', mode => 'window');
    is $res->{status}, 200, 'POST /go (window): 200';
    is $d->{seq}, $before->{last_seq} + 1, 'stored as the next event';
    my $p = new_events($visitor, $before->{last_seq});
    is_deeply [map { [@$_{qw(kind from body)}] } @{ $p->{events} }],
        [['window', $ids->{agent}, 'https://docs.example/manual.pdf']], 'the visitor gets a window event';
    is $p->{url}, 'http://shop.example/plain', 'the shared view\'s url is unchanged';
    ($res) = go($agent, 'https://docs.example/', mode => 'tab');
    is $res->{status}, 400, 'an unknown mode: 400';
};

subtest 'a follower cannot lead' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch)->{last_seq};
    my ($res, $d) = go($visitor, 'https://elsewhere.example/');
    is $res->{status}, 403, 'the visitor (following) tries /go: 403';
    like $d->{error}, qr/Only the leader/, 'saying only the leader leads';
    ($res) = go($visitor, 'https://elsewhere.example/', mode => 'window');
    is $res->{status}, 403, 'nor open a window for everyone';
    my $after = Baton::Test::channel_snapshot($agent, $ch);
    is $after->{last_seq}, $before, 'nothing was stored';
    is $after->{url}, 'http://shop.example/plain', 'the url is unchanged';
};

subtest 'only web addresses' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch)->{last_seq};
    for my $bad ('javascript:alert(document.cookie)', 'JavaScript:alert(1)', 'data:text/html,<script>alert(1)</script>',
        'ftp://files.example/x', 'file:///etc/passwd', '/relative/page', 'shop.example/page', '//shop.example/x',
        'vbscript:msgbox', ' https://lead.example/', 'http:/one-slash.example') {
        my ($res, $d) = go($agent, $bad);
        is $res->{status}, 400, "'$bad': 400";
    }
    my ($res, $d) = go($agent, 'javascript:alert(1)');
    like $d->{error}, qr{http:// or https://}, 'saying what an address looks like';
    ($res) = go($agent, '');
    is $res->{status}, 400, 'an empty address: 400';
    ($res) = go($agent, "https://shop.example/\x01");
    is $res->{status}, 400, 'a control character: 400';

    my $long = 'https://shop.example/' . ('a' x (2000 - length 'https://shop.example/'));
    is length $long, 2000, 'an address of 2000 characters';
    ($res) = go($agent, $long);
    is $res->{status}, 200, 'is taken';
    ($res, $d) = go($agent, "${long}b");
    is $res->{status}, 400, 'one of 2001: 400';
    like $d->{error}, qr/too long/, 'too long';
    my $after = Baton::Test::channel_snapshot($agent, $ch);
    is $after->{last_seq}, $before + 1, 'only the 2000-character address was stored';
    is $after->{url}, $long, 'and it is the url';
};

subtest 'tokens, origins and outsiders' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch)->{last_seq};
    my ($res, $d) = go($agent, 'https://evil.example/', token => 'a' x 64);
    is $res->{status}, 403, 'a wrong token: 403';
    like $d->{error}, qr/security token/, 'saying so';
    ($res) = go($agent, 'https://evil.example/', token => $visitor->{token});
    is $res->{status}, 403, 'the visitor\'s token from the agent\'s browser: 403';
    ($res, $d) = go($agent, 'https://evil.example/', origin => 'https://evil.example');
    is $res->{status}, 403, 'another Origin: 403';
    like $d->{error}, qr/another site/, 'saying so';
    $res = $agent->{browser}->post('/go', form => [channel => $ch, token => $agent->{token}, url => 'https://evil.example/'],
        headers => { Accept => 'application/json', Referer => 'https://evil.example/page' });
    is $res->{status}, 403, 'no Origin but a foreign Referer: 403';
    $res = $agent->{browser}->get("/go?channel=$ch&token=$agent->{token}&url=https://evil.example/");
    is $res->{status}, 405, 'GET does not lead';

    my $other = Baton::Test::open_channel();
    ($res, $d) = go($other->{agent}, 'https://evil.example/', token => $agent->{token});
    is $res->{status}, 403, 'an agent of another client with a stolen token: 403';
    like $d->{error}, qr/not in this conversation/, 'not in this conversation';
    ($res) = go($other->{visitor}, 'https://evil.example/', token => $visitor->{token});
    is $res->{status}, 403, 'another visitor with a stolen token: 403';
    is Baton::Test::channel_snapshot($agent, $ch)->{last_seq}, $before, 'nothing was stored';
    isnt Baton::Test::channel_snapshot($visitor, $ch)->{url}, 'https://evil.example/', 'the url is not the intruders\'';
};

subtest 'a held poll wakes at once' => sub {
    for my $reader ([$visitor, 'visitor'], [$agent, 'agent']) {
        my $url = "https://shop.example/woken-$reader->[1]";
        my $agent2 = Baton::Test::party_clone($agent);
        my $w = Baton::Test::woken_poll($reader->[0], $ch, sub { (go($agent2, $url))[0]{status} });
        is $w->{status}, 200, 'the agent leads';
        ok $w->{held} > 1, "the $reader->[1]'s poll was held until then";
        ok $w->{latency} < 1, sprintf "and answered %.0f ms after /go (< 1 s)", $w->{latency} * 1000;
        is_deeply [map { [$_->{kind}, $_->{body}] } @{ $w->{answer}{events} }], [['address', $url]],
            'with the address';
        is $w->{answer}{url}, $url, 'and the url';
    }
};

subtest 'a closed channel takes no more addresses' => sub {
    my $res = $agent->{browser}->post('/leave', form => [channel => $ch, token => $agent->{token}],
        headers => { Accept => 'application/json', Origin => $s->{URL} });
    is $res->{status}, 200, 'the agent leaves (the channel closes)';
    my $d;
    ($res, $d) = go($agent, 'https://shop.example/after');
    is $res->{status}, 409, 'the agent, after the end: 409';
    like $d->{error}, qr/ended/, 'saying it has ended';
    ($res) = go($visitor, 'https://shop.example/after');
    is $res->{status}, 409, 'the visitor too';
    isnt Baton::Test::channel_snapshot($visitor, $ch)->{url}, 'https://shop.example/after', 'the url stays';
};

# A visitor who holds the baton could lead the agent to a look-alike page.
# Their lead goes straight only to the client's registered domains (here
# the stack's own host, 127.0.0.1); anything else is put to the agents as a
# proposal with the full address, and leads only when an agent follows it.
subtest 'a visitor who leads: only the client\'s sites directly, the rest asks the agent' => sub {
    my $v = Baton::Test::open_channel(agent_name => 'Vera Visit');
    my $vch = $v->{channel};
    my ($ag, $vi) = @$v{qw(agent visitor)};
    my $vids = Baton::Test::participant_ids($ag, $vch);
    my $vgo = sub {
        my ($who, $url, @more) = @_;
        return Baton::Test::party_post($who, '/go', $vch, [url => $url, @more]);
    };
    my ($res) = Baton::Test::party_post($ag, '/lead', $vch, [to => $vids->{visitor}]);
    is $res->{status}, 200, 'the agent hands the visitor the baton';
    my $before = Baton::Test::channel_snapshot($ag, $vch);

    my $evil = 'https://login.bank-example.test/verify?next=%2Faccount';
    my $proposal_of = sub {
        my ($who) = @_;
        my ($peer) = grep { $_->{id} == $vids->{visitor} } @{ Baton::Test::channel_snapshot($who, $vch)->{peers} };
        return $peer ? $peer->{proposed} : 'no peer';
    };
    my ($r, $d) = $vgo->($vi, $evil);
    is $r->{status}, 202, 'leading off the client\'s sites: 202, not done';
    is $d->{proposed}, JSON::PP::true(), 'but proposed';
    my $now = Baton::Test::channel_snapshot($ag, $vch);
    is $now->{url}, $before->{url}, 'nobody is led there';
    ok !(grep { $_->{kind} eq 'address' && $_->{body} eq $evil } @{ $now->{events} }), 'no address event';
    is $proposal_of->($ag), $evil, 'the agent sees the proposal with the full address';
    my $sup = Baton::Test::monitoring_supervisor($v->{client}, $vch);
    is $proposal_of->($sup), $evil, 'so does a supervisor watching';

    ($r, $d) = $vgo->($vi, "$s->{URL}/demo/products.html");
    is $r->{status}, 200, 'leading to a page of the client\'s own site: 200';
    is Baton::Test::channel_snapshot($ag, $vch)->{url}, "$s->{URL}/demo/products.html", 'everyone goes there';
    ($r) = $vgo->($vi, 'https://elsewhere.example/', mode => 'window');
    is $r->{status}, 202, 'a new window off the client\'s sites is a proposal too';
    is $proposal_of->($ag), 'https://elsewhere.example/', 'the latest proposal stands';
    ($r) = $vgo->($vi, $evil);
    is $proposal_of->($ag), $evil, 'and another';

    ($r) = $vgo->($ag, 'https://login.bank-example.test/other', approve => $vids->{visitor});
    is $r->{status}, 403, 'an agent cannot pass another address off as the proposal';
    ($r) = $vgo->($vi, $evil, approve => $vids->{visitor});
    is $r->{status}, 403, 'nor can the visitor approve their own';
    ($r) = $vgo->($ag, $evil, approve => $vids->{agent});
    is $r->{status}, 403, 'nor be someone else\'s proposal';
    ($r) = $vgo->($ag, $evil, approve => $vids->{visitor});
    is $r->{status}, 200, 'the agent follows it: 200';
    is Baton::Test::channel_snapshot($vi, $vch)->{url}, $evil, 'and everyone goes there';
    is $proposal_of->($ag), undef, 'the proposal is answered';

    ($r) = Baton::Test::party_post($vi, '/seen', $vch, [url => 'https://lookalike.example/a']);
    is $r->{status}, 200, 'the leading visitor\'s view moves off the sites (a link clicked)';
    ($r) = Baton::Test::party_post($vi, '/seen', $vch, [url => 'https://lookalike.example/a', sy => 40]);
    my $after = Baton::Test::channel_snapshot($ag, $vch);
    is $after->{url}, $evil, 'nobody follows';
    is $proposal_of->($ag), 'https://lookalike.example/a', 'the agents are asked';

    # visitor_lead_anywhere lifts the rule (the program as plain CGI with it).
    my $conf = "$s->{DIR}/tmp/go-anywhere.conf";
    { open my $in, '<', $s->{CONF} or die; open my $out, '>', $conf or die; print {$out} <$in>, "visitor_lead_anywhere = yes\n" }
    my $cookies = join '; ', map { "$_=$vi->{browser}{jar}{$_}" } sort keys %{ $vi->{browser}{jar} };
    my $body = "channel=$vch&token=$vi->{token}&url=" . 'https%3A%2F%2Fanywhere.example%2F';
    local $ENV{BATON_CONF} = $conf;
    local @ENV{qw(REQUEST_METHOD SCRIPT_NAME REMOTE_ADDR HTTP_HOST HTTP_ORIGIN HTTP_COOKIE HTTP_ACCEPT CONTENT_TYPE CONTENT_LENGTH)}
        = ('POST', '/go', '127.0.0.1', "127.0.0.1:$s->{PORT}", $s->{URL}, $cookies, 'application/json',
           'application/x-www-form-urlencoded', length $body);
    my $out = qx{printf '%s' '$body' | "$s->{ROOT}/cgi-bin/go.fcgi"};
    like $out, qr/^Status: 200 /, 'with visitor_lead_anywhere = yes the visitor leads anywhere';
};

done_testing;
