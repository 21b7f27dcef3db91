#!/usr/bin/perl
# A schema migration on the running cluster: conversations go on through
# haproxy while `baton-admin migrate` applies, through the writer port, the
# newest migration that is only an online index change (make test-cluster
# starts the cluster without it: tools/test-cluster says which and why).
# Galera runs the DDL on every node in the same place of the commit order
# (total order isolation); an online change (ALGORITHM=INPLACE, LOCK=NONE,
# on a table of this size) holds the writes back for moments only. Nothing
# may be lost, and every node must end with the same schema.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Time::HiRes qw(time);
use Baton::Cluster qw(cluster_env node_sql wait_until conversation_start conversation_stop
    timeline window_figures);

my $env = cluster_env();
my $newest = $env->{SCHEMA_NEWEST} or plan skip_all => 'CLUSTER_SCHEMA_NEWEST unset: run through `make test-cluster`';
my $applied = node_sql(1, "SELECT COUNT(*) FROM schema_migration WHERE version = $newest");
plan skip_all => "migration $newest is applied already" if $applied && $applied->[0][0];
my ($file) = glob "$ENV{BATON_ROOT}/schema/" . sprintf('%03d', $newest) . '-*.sql';
my ($name) = $file =~ m{([^/]+)$};

my $pairs = 12;
my $convo = conversation_start(pairs => $pairs);
ok $convo, "$pairs conversations running";

my $t0 = time;
# The whole of schema/, as an upgrade has it (the cluster started from a
# copy without the one left out).
my $out = qx{BATON_SCHEMA_DIR="$ENV{BATON_ROOT}/schema" "$ENV{BATON_ROOT}/tools/baton-admin" --conf "$env->{DIR}/admin.conf" migrate 2>&1};
my $took = time - $t0;
is $?, 0, "baton-admin migrate applies $name while they run" or diag $out;
like $out, qr/applied \Q$name\E/, 'the migration left out was applied';

# Lines sent after the migration reach the other side.
ok wait_until(120, sub {
    grep({ $_->{what} eq 'deliver' && $_->{t} - $_->{fields}[3] / 1000 > $t0 + $took } @{ timeline($convo) }) >= 2 * $pairs
}), 'the conversations go on after it';
my $f = window_figures($convo, $t0, time);
my ($status, $report) = conversation_stop($convo);
is $status, 0, 'nothing lost, doubled or reordered' or diag $report;
is $f->{$_}, 0, "while migrating: lines $_: 0" for qw(lost doubled reordered);

# The same schema and the same record on every node.
my %schema;
for my $n (1 .. 3) {
    my $r = node_sql($n, "SELECT GROUP_CONCAT(CONCAT_WS(':', TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX, COLUMN_NAME)"
        . " ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX SEPARATOR ',') FROM information_schema.STATISTICS"
        . " WHERE TABLE_SCHEMA = 'baton'");
    $schema{ $r ? $r->[0][0] : "node $n unreachable" }++;
    my $m = node_sql($n, "SELECT COUNT(*) FROM schema_migration WHERE version = $newest");
    is $m && $m->[0][0], 1, "node $n records migration $newest";
}
is scalar(keys %schema), 1, 'the three nodes have the same tables and indexes';

diag sprintf 'migration %s: %.2f s; meanwhile the longest wait of a line %.0f ms, %d posts resent',
    $newest, $took, $f->{longest_wait_ms}, $f->{resent};
if (my $results = $ENV{CLUSTER_RESULTS}) {
    open my $fh, '>>', $results or die;
    printf $fh "\n### A migration while %d conversations run\n\n", $pairs;
    printf $fh "`baton-admin migrate` applied %s through the writer port in %.2f s (Galera total order"
        . " isolation: every node runs it at the same point). Meanwhile: lines lost %d, doubled %d, out of"
        . " order %d; the longest wait of a line %.1f s; posts resent by clients %d.\n",
        $name, $took, @$f{qw(lost doubled reordered)},
        $f->{longest_wait_ms} / 1000, $f->{resent};
}
done_testing;
