#!/usr/bin/perl
# nginx keeps its connections to the poll program between polls
# (fastcgi_keep_conn, conf/nginx.conf.in; lib/fcgi_kept.h), and the
# program reads the next poll on them (issue 21: a new connection per
# re-poll was two thirds of the idle CPU). Polls answered at once, and held
# polls answered by news, leave their connection open; twenty polls one
# after another come on no more connections than nginx has workers, every
# one answered as before. (A held poll whose client goes away is still
# freed: t/delivery.t, 3; the unit test: t/unit/fcgi_kept.c.)
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX ();
use Test::More;
use Baton::Test qw(stack);

my $s = stack();

sub pid_in {
    my ($file) = @_;
    open my $fh, '<', "$s->{DIR}/run/child/$file" or return;
    my ($pid) = (<$fh> // '') =~ /(\d+)/;
    return $pid;
}

# The poll program's connections from nginx: its sockets that the kernel
# lists as connected on the path of its listening socket.
sub poll_connections {
    my $pid = pid_in('poll.pid') or return;
    opendir my $dh, "/proc/$pid/fd" or return;
    my %mine = map { (readlink("/proc/$pid/fd/$_") // '') =~ /^socket:\[(\d+)\]$/ ? ($1 => 1) : () } readdir $dh;
    open my $unix, '<', '/proc/net/unix' or return;
    my $path = "$s->{DIR}/run/poll.sock";
    my @inodes;
    while (<$unix>) {
        my (undef, undef, undef, undef, undef, $state, $inode, $name) = split ' ';
        push @inodes, $inode if defined $name && $name eq $path && $state eq '03' && $mine{$inode};
    }
    return @inodes;
}

sub nginx_workers {
    my $master = pid_in('nginx-master.pid') or return 0;
    my $n = 0;
    opendir my $dh, '/proc' or return 0;
    for my $p (grep { /^\d+$/ } readdir $dh) {
        open my $st, '<', "/proc/$p/stat" or next;
        my $ppid = (split ' ', scalar <$st> // '')[3] // 0;
        $n++ if $ppid == $master;
    }
    return $n;
}

my $workers = nginx_workers();
ok $workers >= 1, "nginx runs $workers workers";

my $c = Baton::Test::open_channel(agent_name => 'Kit Kept');
my $ch = $c->{channel};
my ($res, $first) = Baton::Test::chat_poll($c->{visitor}, $ch, after => 0);
is $res->{status}, 200, 'a poll behind the channel is answered at once';
my $last = $first->{last_seq};
ok $last > 0, "with the channel's events (last seq $last)";

subtest 'polls answered at once' => sub {
    my (%seen, @bad);
    for my $k (1 .. 20) {
        my ($r, $d) = Baton::Test::chat_poll($c->{visitor}, $ch, after => 0);
        push @bad, "$k: $r->{status}" unless $r->{status} == 200 && $d && $d->{last_seq} == $last;
        $seen{$_}++ for poll_connections();
    }
    is_deeply \@bad, [], 'twenty polls, one after another, each answered in full';
    my $used = keys %seen;
    ok $used >= 1 && $used <= $workers,
        "they came on $used connection(s) to the poll program, kept between them (nginx has $workers workers)";
    my @open = poll_connections();
    ok @open >= 1, 'and the connections are still open after the last answer: kept for the next';
};

subtest 'held polls answered by news' => sub {
    my @before = poll_connections();
    my %seen = map { $_ => 1 } @before;
    for my $k (1 .. 3) {
        my $held = Baton::Test::poll_held();
        my $pid = fork // die "fork: $!";
        if ($pid == 0) {
            Baton::Test::wait_parked($held) or POSIX::_exit(1);
            my $agent = Baton::Test::party_clone($c->{agent});
            my ($r) = Baton::Test::chat_say($agent, $ch, "news $k", cmid => "kept-$k");
            POSIX::_exit($r->{status} == 200 ? 0 : 2);
        }
        my ($r, $d) = Baton::Test::chat_poll($c->{visitor}, $ch, after => $last);
        waitpid $pid, 0;
        is $? >> 8, 0, "news $k is posted while the visitor's poll is held";
        is_deeply [map { $_->{cmid} } @{ $d->{events} || [] }], ["kept-$k"], "the held poll is answered with it";
        $last = $d->{last_seq} if $d && $d->{last_seq};
        $seen{$_}++ for poll_connections();
    }
    my $used = keys %seen;
    ok $used >= 1 && $used <= $workers, "the held polls and their answers came on $used connection(s) (nginx has $workers workers)";
    ok poll_connections() >= 1, 'kept after a held poll\'s answer too';
};

done_testing();
