#!/usr/bin/perl
# The short variant of `make test-cluster` inside `make test`: a private
# three-node Galera cluster, three app hosts and haproxy (tools/cluster, in
# a network namespace of their own), and t/cluster/faults.t's faults with a
# small conversation load running: kill -9 the writer node, stop an app
# host, rejoin by IST, partition and heal, reload haproxy; nothing lost,
# doubled or reordered. About two minutes. Needs root (the namespace and
# its firewall rules); skipped otherwise. The whole set, with the migration
# and the watcher's cost and the figures for bench/CLUSTER.md, is
# `make test-cluster`.
use strict;
use warnings;
use Test::More;

my $root = $ENV{BATON_ROOT} // '.';
plan skip_all => 'needs root for a network namespace (make test-cluster explains)' if $> != 0;
for my $need (['/usr/lib/galera/libgalera_smm.so', 'galera-4'], ['/usr/bin/mariabackup', 'mariadb-backup'],
    ['/usr/sbin/haproxy', 'haproxy'], ['/usr/bin/socat', 'socat'], ["$root/bench/loadgen", 'make bench/loadgen']) {
    plan skip_all => "$need->[0] missing ($need->[1])" unless -x $need->[0] || -r $need->[0];
}

my $out = qx{cd "$root" && CLUSTER_PAIRS=8 CLUSTER_RECORD=0 TESTS=t/cluster/faults.t tools/test-cluster 2>&1};
my $status = $?;
is $status, 0, 'the cluster came up and went through every fault with nothing lost, doubled or reordered'
    or diag $out;
diag $_ for grep { /longest wait|^\| / } split /\n/, $out;
done_testing;
