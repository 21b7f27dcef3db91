#!/usr/bin/perl
# Where each participant's view is: the viewer reports the address it shows
# and its scroll position (POST /seen), and the other side's poll lists it
# under peers. When the leader's view moves to another address (a link
# clicked inside the shared page), everyone follows: an 'address' event.
# A follower's report is only shown, never led. Bad input: 400.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $c = Baton::Test::open_channel(agent_name => 'Seth Seen');
# The client's site is shop.example (visitors who lead stay on it: t/go.t).
Baton::Test::add_site_domain($c->{site_key}, 'shop.example');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
my $ids = Baton::Test::participant_ids($agent, $ch);
my ($ap, $vp) = @$ids{qw(agent visitor)};

sub seen {
    my ($who, $url, $sx, $sy, %o) = @_;
    return Baton::Test::party_post($who, '/seen', $ch,
        [url => $url, (defined $sx ? (sx => $sx) : ()), (defined $sy ? (sy => $sy) : ())], %o);
}
sub peer {
    my ($d, $id) = @_;
    my ($p) = grep { $_->{id} == $id } @{ $d->{peers} // [] };
    return $p;
}

my $led = 'https://shop.example/';
subtest 'setting the scene: the agent leads to the shop' => sub {
    my ($res) = Baton::Test::party_post($agent, '/go', $ch, [url => $led]);
    is $res->{status}, 200, 'the agent leads to the shop';
};

subtest 'the agent sees where the visitor\'s view is' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch);
    my ($res, $d) = seen($visitor, $led, 0, 640);
    is $res->{status}, 200, 'the visitor\'s viewer reports its view: 200';
    is_deeply $d, { ok => JSON::PP::true() }, '{"ok":true}';
    my ($r, $p) = Baton::Test::chat_poll($agent, $ch, after => $before->{last_seq}, signals => $before->{signals});
    is $r->{status}, 200, 'the agent\'s poll answers';
    is_deeply $p->{events}, [], 'no log entry for it';
    ok $p->{signals} > $before->{signals}, 'a newer signals version';
    my $v = peer($p, $vp);
    ok $v, 'the visitor is among the peers';
    is_deeply [@$v{qw(name role url)}, $v->{scroll}], ['Visitor', 'visitor', $led, [0, 640]],
        'with the address and scroll position';
    ok !peer($p, $ap), 'the agent is not told about themselves';

    # The follower clicks a link inside the page: the agent sees the new
    # address, and nobody is led there.
    my $at = Baton::Test::channel_snapshot($agent, $ch);
    ($res) = seen($visitor, 'https://shop.example/returns#policy', 12, 3400);
    is $res->{status}, 200, 'the visitor\'s view moved to another page';
    ($r, $p) = Baton::Test::chat_poll($agent, $ch, after => $at->{last_seq}, signals => $at->{signals});
    is_deeply [peer($p, $vp)->{url}, peer($p, $vp)->{scroll}], ['https://shop.example/returns#policy', [12, 3400]],
        'the agent sees the new address and scroll';
    is_deeply $p->{events}, [], 'no address event: a follower leads nobody';
    is $p->{url}, $led, 'the led address is unchanged';
    is Baton::Test::channel_snapshot($visitor, $ch)->{url}, $led, 'for the visitor too';

    ($res) = seen($visitor, 'https://shop.example/returns#policy');
    is $res->{status}, 200, 'a report without a scroll position';
    is_deeply peer(Baton::Test::channel_snapshot($agent, $ch), $vp)->{scroll}, [0, 0], 'counts as the top of the page';
};

subtest 'when the leader clicks a link, everyone follows' => sub {
    my $before = Baton::Test::channel_snapshot($visitor, $ch);
    my ($res) = seen($agent, 'https://shop.example/delivery', 0, 0);
    is $res->{status}, 200, 'the agent (leading) reports a new address';
    for my $who ([$visitor, 'visitor'], [$agent, 'agent']) {
        my ($r, $p) = Baton::Test::chat_poll($who->[0], $ch, after => $before->{last_seq});
        is_deeply [map { [@$_{qw(kind from body)}] } @{ $p->{events} }], [['address', $ap, 'https://shop.example/delivery']],
            "$who->[1]: an address event from the leader";
        is $p->{url}, 'https://shop.example/delivery', "$who->[1]: the poll's url follows";
    }
    is peer(Baton::Test::channel_snapshot($visitor, $ch), $ap)->{url}, 'https://shop.example/delivery',
        'the visitor sees where the agent\'s view is';

    my $now = Baton::Test::channel_snapshot($visitor, $ch)->{last_seq};
    ($res) = seen($agent, 'https://shop.example/delivery', 0, 900);
    is $res->{status}, 200, 'the leader scrolls on the same page';
    is Baton::Test::channel_snapshot($visitor, $ch)->{last_seq}, $now, 'no new address event for a scroll';
    is_deeply peer(Baton::Test::channel_snapshot($visitor, $ch), $ap)->{scroll}, [0, 900], 'only the scroll changes';

    # The lead passes: now the visitor's clicks lead, the agent's do not.
    ($res) = Baton::Test::party_post($agent, '/lead', $ch, [to => $vp]);
    is $res->{status}, 200, 'the agent passes the lead to the visitor';
    $now = Baton::Test::channel_snapshot($agent, $ch)->{last_seq};
    ($res) = seen($visitor, 'https://shop.example/size-guide', 0, 0);
    my ($r, $p) = Baton::Test::chat_poll($agent, $ch, after => $now);
    is_deeply [map { [@$_{qw(kind from body)}] } @{ $p->{events} }], [['address', $vp, 'https://shop.example/size-guide']],
        'the leading visitor\'s click leads the agent';
    $now = $p->{last_seq};
    ($res) = seen($agent, 'https://shop.example/agent-wandered', 0, 0);
    is $res->{status}, 200, 'the agent (following) reports another page';
    ($r, $p) = Baton::Test::chat_poll($visitor, $ch, after => 0);
    is $p->{last_seq}, $now, 'no address event';
    is $p->{url}, 'https://shop.example/size-guide', 'the led address stays the visitor\'s';
};

subtest 'bad input' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch);
    for my $bad ('javascript:alert(1)', 'data:text/html,x', 'ftp://shop.example/', '/relative', 'shop.example/x', '') {
        my ($res) = seen($visitor, $bad, 0, 0);
        is $res->{status}, 400, "url '$bad': 400";
    }
    my ($res, $d) = seen($visitor, 'https://shop.example/' . ('a' x 1980));
    is $res->{status}, 400, 'an address over 2000 characters: 400';
    for my $case ([-1, 0], [0, -5], ['1e3', 0], [0, 'NaN'], ['12px', 0], [0, '10000001'], [0, '1.5']) {
        ($res) = seen($visitor, 'https://shop.example/x', @$case);
        is $res->{status}, 400, "scroll ($case->[0], $case->[1]): 400";
    }
    ($res, $d) = seen($visitor, 'https://shop.example/x', 0, -5);
    like $d->{error}, qr/sy/, 'naming the field';
    ($res) = seen($visitor, 'https://shop.example/x', 0, 0, token => 'c' x 64);
    is $res->{status}, 403, 'a wrong token: 403';
    ($res) = seen($visitor, 'https://shop.example/x', 0, 0, origin => 'https://evil.example');
    is $res->{status}, 403, 'another Origin: 403';
    my $other = Baton::Test::open_channel();
    ($res) = seen($other->{visitor}, 'https://shop.example/x', 0, 0, token => $visitor->{token});
    is $res->{status}, 403, 'an outsider with a stolen token: 403';
    my $after = Baton::Test::channel_snapshot($agent, $ch);
    is $after->{signals}, $before->{signals}, 'nothing was stored';
    is peer($after, $vp)->{url}, 'https://shop.example/size-guide', 'the visitor\'s view is as it was';
};

subtest 'a closed channel' => sub {
    my $res = $agent->{browser}->post('/leave', form => [channel => $ch, token => $agent->{token}],
        headers => { Accept => 'application/json', Origin => $s->{URL} });
    is $res->{status}, 200, 'the agent leaves';
    ($res) = seen($visitor, 'https://shop.example/later', 0, 0);
    is $res->{status}, 409, 'a report after the end: 409';
};

done_testing;
