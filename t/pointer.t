#!/usr/bin/perl
# Two pointers: each side's mouse pointer reaches the other's poll (peers[].
# pointer) as page coordinates (CSS pixels, from the site script) or, on the
# pointing overlay, as fractions of the view (0..1). Last value wins; a
# held poll wakes at once; anything but a plain decimal in range: 400.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $c = Baton::Test::open_channel(agent_name => 'Pia Pointer');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
my $ids = Baton::Test::participant_ids($agent, $ch);
my ($ap, $vp) = @$ids{qw(agent visitor)};

sub point {
    my ($who, $mode, $x, $y, %o) = @_;
    return Baton::Test::party_post($who, '/pointer', $ch, [mode => $mode, x => $x, y => $y], %o);
}
sub pointer_of {
    my ($reader, $id, %since) = @_;
    my ($res, $d) = Baton::Test::chat_poll($reader, $ch, after => $since{after} // 0, signals => $since{signals} // 0);
    my ($p) = grep { $_->{id} == $id } @{ $d->{peers} // [] };
    return ($p && $p->{pointer}, $d);
}

subtest 'page coordinates reach the other side' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch);
    my ($res, $d) = point($visitor, 'page', 120, '2400.5');
    is $res->{status}, 200, 'the visitor\'s pointer on the page: 200';
    is_deeply $d, { ok => JSON::PP::true() }, '{"ok":true}';
    my ($p, $poll) = pointer_of($agent, $vp, after => $before->{last_seq}, signals => $before->{signals});
    is_deeply $p, { mode => 'page', x => 120, y => 2400.5 }, 'the agent\'s poll: the visitor\'s pointer in page pixels';
    is_deeply $poll->{events}, [], 'no log entry for it';
    my ($vp_peer) = grep { $_->{id} == $vp } @{ $poll->{peers} };
    is_deeply [@$vp_peer{qw(name role)}], ['Visitor', 'visitor'], 'named, with the role (for colour and label)';
    is Baton::Test::channel_snapshot($agent, $ch)->{last_seq}, $before->{last_seq}, 'the event log is untouched';
    my ($own) = pointer_of($visitor, $vp);
    ok !defined $own, 'the visitor\'s own poll does not echo their pointer';
};

subtest 'overlay fractions reach the other side' => sub {
    my ($res) = point($agent, 'overlay', '0.25', '0.75');
    is $res->{status}, 200, 'the agent points on the overlay';
    my ($p) = pointer_of($visitor, $ap);
    is_deeply $p, { mode => 'overlay', x => 0.25, y => 0.75 }, 'the visitor sees fractions, with the overlay mode';
    for my $edge (['0', '0'], ['1', '1'], ['1.0', '0.000001'], ['0.5', '1.']) {
        ($res) = point($agent, 'overlay', @$edge);
        is $res->{status}, 200, "overlay ($edge->[0], $edge->[1]) is in range";
    }
};

subtest 'last value wins' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch);
    for my $x (1 .. 5) {
        my ($res) = point($visitor, 'page', $x * 10, $x * 100);
        die "pointer: $res->{status}" unless $res->{status} == 200;
    }
    my ($res) = point($visitor, 'overlay', '0.5', '0.125');
    my ($p, $poll) = pointer_of($agent, $vp, after => $before->{last_seq}, signals => $before->{signals});
    is scalar(grep { $_->{id} == $vp } @{ $poll->{peers} }), 1, 'six moves since: the visitor is listed once';
    is_deeply $p, { mode => 'overlay', x => 0.5, y => 0.125 }, 'with the newest value, mode and all';
};

subtest 'bad coordinates: 400' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch)->{signals};
    my @bad = (['overlay', '1.5', '0.5', 'overlay x over 1'], ['overlay', '0.5', '1.0001', 'overlay y over 1'],
        ['overlay', '-0.1', '0.5', 'a negative fraction'], ['page', '-1', '5', 'a negative pixel'],
        ['page', '1e3', '5', 'an exponent'], ['overlay', '1e-1', '0', 'a small exponent'],
        ['page', 'NaN', '5', 'NaN'], ['page', 'nan', '5', 'nan'], ['page', 'inf', '5', 'infinity'],
        ['page', 'Infinity', '5', 'Infinity'], ['page', '0x10', '5', 'hex'], ['page', '+5', '5', 'a plus sign'],
        ['page', ' 5', '5', 'a leading space'], ['page', '5 ', '5', 'a trailing space'], ['page', '.5', '5', 'no leading digit'],
        ['page', '1.2.3', '5', 'two points'], ['page', '5', '', 'an empty y'], ['page', '10000001', '5', 'past 10,000,000 pixels'],
        ['page', '1' x 21, '5', 'over 20 characters'], ['page', "5\x00", '5', 'a NUL'], ['page', '5,5', '5', 'a comma']);
    for my $case (@bad) {
        my ($mode, $x, $y, $what) = @$case;
        my ($res) = point($visitor, $mode, $x, $y);
        is $res->{status}, 400, "$what ($mode $x, $y): 400";
    }
    my ($res, $d) = point($visitor, 'overlay', '1.5', '0');
    like $d->{error}, qr/fractions from 0 to 1/, 'saying what the overlay takes';
    ($res) = point($visitor, 'mouse', '1', '1');
    is $res->{status}, 400, 'an unknown mode: 400';
    ($res) = Baton::Test::party_post($visitor, '/pointer', $ch, [x => 1, y => 1]);
    is $res->{status}, 400, 'no mode: 400';
    ($res) = point($visitor, 'page', 1, 1, token => 'd' x 64);
    is $res->{status}, 403, 'a wrong token: 403';
    ($res) = point($visitor, 'page', 1, 1, origin => 'https://evil.example');
    is $res->{status}, 403, 'another Origin: 403';
    is Baton::Test::channel_snapshot($agent, $ch)->{signals}, $before, 'none of them was stored';
    my ($p) = pointer_of($agent, $vp);
    is_deeply $p, { mode => 'overlay', x => 0.5, y => 0.125 }, 'the pointer is where it was';
};

subtest 'a held poll is woken by a pointer move' => sub {
    for my $case ([$agent, 'agent', $visitor, 'visitor', $vp], [$visitor, 'visitor', $agent, 'agent', $ap]) {
        my ($reader, $rname, $mover, $mname, $mover_id) = @$case;
        my $mover2 = Baton::Test::party_clone($mover);
        my $w = Baton::Test::woken_poll($reader, $ch, sub {
            (Baton::Test::party_post($mover2, '/pointer', $ch, [mode => 'page', x => 77, y => 88]))[0]{status} });
        is $w->{status}, 200, "the $mname moves the pointer";
        ok $w->{held} > 1, "the $rname\'s poll was held until then";
        ok $w->{latency} < 1, sprintf "and answered %.0f ms after the move (< 1 s)", $w->{latency} * 1000;
        my ($p) = grep { $_->{id} == $mover_id } @{ $w->{answer}{peers} };
        is_deeply $p && $p->{pointer}, { mode => 'page', x => 77, y => 88 }, "with the $mname\'s pointer";
    }
};

subtest 'a closed channel' => sub {
    my $res = $agent->{browser}->post('/leave', form => [channel => $ch, token => $agent->{token}],
        headers => { Accept => 'application/json', Origin => $s->{URL} });
    is $res->{status}, 200, 'the agent leaves';
    ($res) = point($visitor, 'page', 1, 1);
    is $res->{status}, 409, 'pointing after the end: 409';
};

done_testing;
