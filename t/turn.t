#!/usr/bin/perl
# TURN credentials against the real, private coturn (tools/parts/turn):
# the credential a call hands a browser opens a relay and carries data;
# a credential whose time is up opens none; one minted with the wrong
# secret neither. coturn's own client (turnutils_uclient) plays the browser.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $port = $ENV{BATON_TURN_PORT} or plan skip_all => 'no TURN server in this stack (tools/parts/turn)';
-x '/usr/bin/turnutils_uclient' or plan skip_all => 'no turnutils_uclient: apt-get install coturn';

# Allocates a relay with the credential and sends two messages through it
# (client to client, -y); true when they came back.
sub relays {
    my ($user, $password) = @_;
    my $out = qx{timeout 30 /usr/bin/turnutils_uclient -y -c -n 2 -m 1 -l 100 -u '$user' -w '$password' -p $port 127.0.0.1 2>&1};
    my @received = $out =~ /tot_recv_msgs=(\d+)/g;
    my $ok = @received && $received[-1] > 0 && $out !~ /Cannot complete Allocation/;
    return wantarray ? ($ok, $out) : $ok;
}

sub credential {
    my ($id, $seconds) = @_;
    my $out = Baton::Test::admin(undef, 'turn', 'credential', $id, defined $seconds ? $seconds : ());
    my ($user) = $out =~ /^username (\S+)$/m;
    my ($password) = $out =~ /^password (\S+)$/m;
    return ($user, $password);
}

subtest 'the credential a call hands out opens a relay' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Tess Turn');
    my ($res, $d) = Baton::Test::party_post($c->{agent}, '/call', $c->{channel}, [action => 'start', media => 'audio']);
    is $res->{status}, 200, 'the agent starts a call';
    my ($turn) = grep { $_->{username} } @{ $d->{ice} };
    ok $turn, 'with a TURN credential';
    ok((grep { $_ eq "turn:127.0.0.1:$port?transport=udp" } @{ $turn->{urls} }), 'for the private coturn');
    my ($ok, $out) = relays($turn->{username}, $turn->{credential});
    ok $ok, 'coturn allocates a relay with it and data goes through' or diag $out;
    ($ok, $out) = relays($turn->{username}, 'AAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    ok !$ok, 'the same username with a wrong password: refused';
};

subtest 'a credential expires' => sub {
    my ($user, $password) = credential('expiry-test', 3);
    my ($expiry) = $user =~ /^(\d+):expiry-test$/;
    ok $expiry && abs($expiry - (time + 3)) <= 2, 'baton-admin mints EXPIRY:ID, 3 s from now';
    my ($ok, $out) = relays($user, $password);
    ok $ok, 'at once it opens a relay' or diag $out;
    # Wait for the expiry itself, then try until coturn refuses (a deadline,
    # not a fixed pause: the clock decides).
    select undef, undef, undef, 0.2 while time <= $expiry;
    my $refused = Baton::Test::wait_for('coturn to refuse', 30, sub { !relays($user, $password) });
    ok $refused, 'once its time is up, coturn refuses it';
    ($ok) = relays(credential('expiry-test', 600));
    ok $ok, 'a fresh one works again';
};

subtest 'only Baton\'s secret makes credentials' => sub {
    my $other = "$s->{DIR}/other-turn.conf";
    open my $fh, '>', $other or die "$other: $!";
    print {$fh} "db_socket = $s->{DB_SOCKET}\nturn_urls = turn:127.0.0.1:$port\nturn_secret = not-the-secret\n";
    close $fh;
    my $out = qx{"$s->{ROOT}/tools/baton-admin" --conf "$other" turn credential forger 600 2>&1};
    my ($user) = $out =~ /^username (\S+)$/m;
    my ($password) = $out =~ /^password (\S+)$/m;
    ok $user && $password, 'a credential minted from another secret';
    ok !relays($user, $password), 'is refused';
    unlink $other;
    my $bad = qx{"$s->{ROOT}/tools/baton-admin" --conf "$s->{CONF}" turn credential 'a:b' 2>&1};
    like $bad, qr/letters, digits/, 'an id with a colon is refused by baton-admin';
};

done_testing;
