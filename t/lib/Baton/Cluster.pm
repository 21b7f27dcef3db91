# Baton::Cluster - helpers for the cluster tests (t/cluster/*.t, run by
# `make test-cluster` inside the cluster's network namespace): tools/cluster
# commands, SQL on one node, haproxy's view, a conversation load running in
# the background (bench/loadgen through haproxy) and what its timeline says
# about a stretch of time.
package Baton::Cluster;
use strict;
use warnings;
use Exporter 'import';
use Test::More;
use Time::HiRes qw(time);

our @EXPORT_OK = qw(cluster_env cluster node_sql lb_servers wait_until writer_node
    conversation_start conversation_stop timeline window_figures);

sub cluster_env {
    plan skip_all => 'no cluster: run through `make test-cluster`' unless $ENV{CLUSTER_DIR};
    return { map { /^CLUSTER_(.*)/ ? ($1 => $ENV{$_}) : () } keys %ENV };
}

# tools/cluster COMMAND DIR ARGS...; dies with its output when it fails.
sub cluster {
    my ($cmd, @args) = @_;
    my $out = qx{"$ENV{BATON_ROOT}/tools/cluster" $cmd "$ENV{CLUSTER_DIR}" @{[map { quotemeta } @args]} 2>&1};
    die "tools/cluster $cmd @args failed:\n$out" if $?;
    return $out;
}

# SQL as root on node N's socket: rows as arrays; undef when it fails.
sub node_sql {
    my ($n, $query, $db) = @_;
    # A node that is down is an answer here, not a message on the terminal.
    open my $saved, '>&', \*STDERR or die;
    open STDERR, '>', '/dev/null' or die;
    my $ok = open my $fh, '-|', 'mariadb', '--no-defaults', "--socket=$ENV{\"CLUSTER_NODE${n}_SOCKET\"}",
        '-uroot', '--connect-timeout=2', '--batch', '--skip-column-names', $db // 'baton', '-e', $query;
    open STDERR, '>&', $saved or die;
    return undef unless $ok;
    my @rows = map { chomp; [split /\t/] } <$fh>;
    close $fh or return undef;
    return \@rows;
}

# haproxy's servers of one proxy: { NAME => 'UP' | 'DOWN' | ... }.
sub lb_servers {
    my ($proxy) = @_;
    my %state;
    my $out = eval { cluster('lb', "show servers state $proxy") } // '';
    for (split /\n/, $out) {
        next if /^#/ || !/\S/;
        my @f = split ' ';
        next unless @f > 6;
        $state{ $f[3] } = $f[5] == 2 ? 'UP' : $f[5] == 0 ? 'DOWN' : "state$f[5]";
    }
    return \%state;
}

sub writer_node {
    my $w = eval { cluster('writer') } // '';
    return $w =~ /(\d+)/ ? $1 : undef;
}

# Until $check returns true; the time it did, or undef after $seconds.
sub wait_until {
    my ($seconds, $check) = @_;
    my $until = time + $seconds;
    while (time < $until) {
        return time if $check->();
        select undef, undef, undef, 0.1;
    }
    return undef;
}

# A test that dies leaves no load running.
my @running;
END { kill 'TERM', @running if @running }

# A conversation load through haproxy until conversation_stop: bench/setup.pl
# makes the channels, bench/loadgen runs them and writes a timeline.
sub conversation_start {
    my (%o) = @_;
    my $dir = "$ENV{CLUSTER_DIR}/convo-" . int(time * 1000);
    mkdir $dir or die "mkdir $dir: $!";
    my $root = $ENV{BATON_ROOT};
    my $out = qx{BATON_ROOT="$root" perl "$root/bench/setup.pl" --url "$ENV{CLUSTER_URL}" --conf "$ENV{CLUSTER_DIR}/admin.conf" --socket "$ENV{CLUSTER_NODE1_SOCKET}" --pairs $o{pairs} --out "$dir/fixtures" 2>&1};
    die "bench/setup.pl failed:\n$out" if $?;
    my $pid = fork // die "fork: $!";
    if (!$pid) {
        open STDOUT, '>', "$dir/report.md" or die;
        open STDERR, '>', "$dir/loadgen.log" or die;
        exec "$root/bench/loadgen", 'convo', '--url', $ENV{CLUSTER_URL}, '--fixtures', "$dir/fixtures",
            '--pairs', $o{pairs}, '--duration', 0, '--warmup', 1, '--drain', $o{drain} // 120,
            '--pause', $o{pause} // '1000-3000', '--timeline', "$dir/timeline";
        die "exec loadgen: $!";
    }
    my $c = { dir => $dir, pid => $pid, pairs => $o{pairs} };
    push @running, $pid;
    # Running once lines arrive through the window.
    wait_until(60, sub { scalar(grep { $_->{what} eq 'deliver' } @{ timeline($c) }) >= $o{pairs} })
        or die "the conversation load did not start (see $dir/loadgen.log)";
    return $c;
}

# Stops starting lines, waits for those in flight; loadgen's report and
# exit status (0: nothing lost, doubled or reordered).
sub conversation_stop {
    my ($c) = @_;
    kill 'USR1', $c->{pid};
    waitpid $c->{pid}, 0;
    my $status = $? >> 8;
    @running = grep { $_ != $c->{pid} } @running;
    open my $fh, '<', "$c->{dir}/report.md" or die;
    local $/;
    return ($status, scalar <$fh>);
}

# The timeline so far: [{ t, what, fields => [...] }], in order.
sub timeline {
    my ($c) = @_;
    open my $fh, '<', "$c->{dir}/timeline" or return [];
    my @rows;
    while (<$fh>) {
        chomp;
        my ($t, $what, @f) = split ' ';
        next unless defined $what;
        push @rows, { t => $t, what => $what, fields => \@f };
    }
    return \@rows;
}

# What the conversation went through from $t0 to $t1: lines delivered, the
# integrity failures, the longest a line waited (from its /say to the other
# side's poll), the longest stretch without any delivery, posts the clients
# had to send again, and when it was back to normal (the last delivery of a
# line that took longer than $late_ms, counted from $t0; 0 if none did).
sub window_figures {
    my ($c, $t0, $t1, $late_ms) = @_;
    $late_ms //= 2000;
    my %f = (delivered => 0, lost => 0, doubled => 0, reordered => 0, resent => 0,
        longest_wait_ms => 0, longest_silence_ms => 0, normal_after_s => 0);
    my $last = $t0;
    for my $r (@{ timeline($c) }) {
        next if $r->{t} < $t0 || $r->{t} > $t1;
        my $w = $r->{what};
        if ($w eq 'deliver') {
            my $lat = $r->{fields}[3];
            $f{delivered}++;
            $f{longest_wait_ms} = $lat if $lat > $f{longest_wait_ms};
            my $gap = ($r->{t} - $last) * 1000;
            $f{longest_silence_ms} = $gap if $gap > $f{longest_silence_ms};
            $last = $r->{t};
            $f{normal_after_s} = $r->{t} - $t0 if $lat > $late_ms;
        } elsif ($w eq 'resend') {
            $f{resent}++;
        } elsif ($w =~ /-(lost|doubled|reordered)$/) {
            $f{$1} += $w eq 'line-lost' ? $r->{fields}[1] : $w eq 'event-lost' ? $r->{fields}[0] : 1;
        }
    }
    return \%f;
}

1;
