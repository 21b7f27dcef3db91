#!/usr/bin/perl
# Faults with a conversation running: visitors and agents talk through
# haproxy, so each line is posted on one of the three app hosts and polled
# on any of them, while the test kills the writer node (kill -9), stops an
# app host and starts it again, restarts the killed node (it rejoins by IST),
# partitions the node then writing (a firewall rule inside the cluster's
# network namespace) and heals it, and reloads haproxy. For each fault:
# lines lost, doubled and out of order (all must be 0), the longest a line
# waited, the longest silence, posts the clients had to send again, and the
# time until the conversation and the cluster were back to normal. With
# CLUSTER_RESULTS set, the figures are written there (make test-cluster
# appends them to bench/CLUSTER.md).
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Time::HiRes qw(time);
use POSIX qw(strftime);
use Baton::Cluster qw(cluster_env cluster node_sql lb_servers wait_until writer_node
    conversation_start conversation_stop timeline window_figures);

my $env = cluster_env();
my $pairs = $ENV{CLUSTER_PAIRS} // 18;
my $deadline = 240;    # seconds for anything to recover on a busy machine
my (@rows, $convo);

sub state_of { my $r = node_sql($_[0], "SHOW GLOBAL STATUS LIKE 'wsrep_local_state'", 'mysql'); $r && @$r ? $r->[0][1] : '' }
sub size_of  { my $r = node_sql($_[0], "SHOW GLOBAL STATUS LIKE 'wsrep_cluster_size'", 'mysql'); $r && @$r ? $r->[0][1] : '' }
sub synced   { my ($size, @nodes) = @_; !grep { state_of($_) ne '4' || size_of($_) ne $size } @nodes }

# Lines sent after $since have reached the other side: the conversation flows.
sub flowing_since {
    my ($since) = @_;
    return wait_until($deadline, sub {
        my $n = grep { $_->{what} eq 'deliver' && $_->{t} - $_->{fields}[3] / 1000 >= $since } @{ timeline($convo) };
        return $n >= 2 * $pairs;
    });
}

# One fault: inject it, wait for the cluster to say it has dealt with it
# (the steps: [what, action, ready condition]), then for the conversation.
sub fault {
    my ($name, @steps) = @_;
    my $t0 = time;
    my ($whole, $note) = (0, '');
    for my $step (@steps) {
        my ($what, $action, $ready) = @$step;
        my $began = time;
        my $extra = $action->();
        $note .= $extra if defined $extra && !ref $extra;
        my $at = wait_until($deadline, $ready);
        ok $at, "$name: $what" or diag cluster('status');
        $at //= time;
        $whole += $at - $began;
        flowing_since($at) or fail("$name: the conversation flows again after '$what'");
    }
    my $f = window_figures($convo, $t0, time);
    cmp_ok $f->{delivered}, '>', 0, "$name: lines were delivered meanwhile";
    is $f->{$_}, 0, "$name: lines $_: 0" for qw(lost doubled reordered);
    push @rows, { name => $name, %$f, whole_s => $whole, note => $note };
    diag sprintf '%s: longest wait %.0f ms, silence %.0f ms, %d resent, normal after %.1f s, cluster whole after %.1f s%s',
        $name, @$f{qw(longest_wait_ms longest_silence_ms resent normal_after_s)}, $whole, $note;
}

# ---- start --------------------------------------------------------------------
ok synced(3, 1 .. 3), 'three nodes, Synced, in one cluster';
is_deeply lb_servers('apps'), { app1 => 'UP', app2 => 'UP', app3 => 'UP',
    'app1-open' => 'UP', 'app2-open' => 'UP', 'app3-open' => 'UP' }, 'haproxy sees the three app hosts';
my $first = writer_node() // 1;
$convo = conversation_start(pairs => $pairs);
ok $convo, "a conversation load of $pairs pairs runs through haproxy";
flowing_since(time - 1);

# ---- the faults -----------------------------------------------------------------
my $killed = $first;
fault("kill -9 the writer node ($killed)",
    ["the writes move to another node and the two left form the cluster",
     sub { cluster('node-kill', $killed); undef },
     sub { my $w = writer_node(); $w && $w != $killed && synced(2, grep { $_ != $killed } 1 .. 3) }]);

fault('stop app host 2, then start it again',
    ['haproxy takes app host 2 out', sub { cluster('app-stop', 2); undef },
     sub { lb_servers('apps')->{app2} eq 'DOWN' }],
    ['app host 2 is back in', sub { cluster('app-start', 2); undef },
     sub { lb_servers('apps')->{app2} eq 'UP' }]);

my $log = "$env->{DIR}/node$killed/log/mariadb.log";
my $log_size = -s $log // 0;
fault("restart node $killed: it rejoins",
    ["node $killed is Synced in a cluster of three and in haproxy's service",
     sub { cluster('node-start', $killed); undef },
     sub { synced(3, 1 .. 3) && lb_servers('db')->{"node$killed"} eq 'UP' }]);
my $transfer = do {
    open my $fh, '<', $log or die;
    seek $fh, $log_size, 0;
    local $/;
    my $text = <$fh>;
    $text =~ /IST received/ ? 'IST' : $text =~ /SST received/ ? 'SST' : 'unknown';
};
is $transfer, 'IST', "node $killed caught up by incremental state transfer (the writesets it missed)";
$rows[-1]{note} .= " ($transfer)";

my $cut = writer_node();
ok $cut, "a writer node to cut off ($cut)";
fault("partition the writer node ($cut) and heal it",
    ["writes move off node $cut and the other two form the cluster",
     sub { cluster('partition', $cut); undef },
     sub { my $w = writer_node(); $w && $w != $cut && synced(2, grep { $_ != $cut } 1 .. 3) }],
    ["node $cut rejoins when healed",
     sub { cluster('heal', $cut); undef },
     sub { synced(3, 1 .. 3) && lb_servers('db')->{"node$cut"} eq 'UP' }]);

my $writer = writer_node();
fault('reload haproxy',
    ['a new haproxy worker serves', sub { cluster('lb-reload'); undef },
     sub { lb_servers('apps')->{app1} eq 'UP' }]);
is writer_node(), $writer, "the writer is still node $writer (the stick table passed to the new process)";

# ---- the end --------------------------------------------------------------------
my ($status, $report) = conversation_stop($convo);
is $status, 0, 'loadgen: nothing lost, doubled or reordered over the whole run' or diag $report;
like $report, qr/Integrity: lines lost 0, doubled 0, out of order 0; events lost 0, doubled 0, out of order 0; acknowledged seq differing from delivered seq 0/,
    'every acknowledged line arrived once, in order, with the seq /say gave it';

ok synced(3, 1 .. 3), 'the cluster is whole again';
# Every node holds the same events, gap-free per channel.
my %sum;
for my $n (1 .. 3) {
    my $r = node_sql($n, 'CHECKSUM TABLE channel_event');
    $sum{$r->[0][1]}++ if $r;
}
is scalar(keys %sum), 1, 'the three nodes hold identical channel events';
my $gaps = node_sql(1, 'SELECT COUNT(*) FROM (SELECT e.channel_id FROM channel_event e JOIN channel c ON c.id = e.channel_id'
    . ' GROUP BY e.channel_id HAVING COUNT(*) <> MAX(e.seq) - MIN(e.seq) + 1 OR MAX(e.seq) <> MAX(c.last_seq)) g');
is $gaps->[0][0], 0, 'every channel\'s seqs are gap-free up to its last_seq';

if (my $out = $ENV{CLUSTER_RESULTS}) {
    open my $fh, '>>', $out or die "$out: $!";
    printf $fh "\n### Faults with %d conversations running (writes: %s)\n\n", $pairs, $env->{WRITES};
    print $fh "| fault | lost | doubled | out of order | longest wait of a line | longest silence | posts resent by clients | conversation normal again after | cluster whole again after |\n";
    print $fh "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n";
    for my $r (@rows) {
        printf $fh "| %s%s | %d | %d | %d | %.1f s | %.1f s | %d | %.1f s | %.1f s |\n", $r->{name}, $r->{note},
            @$r{qw(lost doubled reordered)}, $r->{longest_wait_ms} / 1000, $r->{longest_silence_ms} / 1000,
            $r->{resent}, $r->{normal_after_s}, $r->{whole_s};
    }
    my ($summary) = $report =~ /(Integrity:[^\n]*)/;
    print $fh "\nWhole run: $summary\n" if $summary;
}
done_testing;
