#!/usr/bin/perl
# The delivery guarantees of issue 3: no event lost, doubled or reordered
#   1. when many people post at once (20 posters x 50 lines, 5 pollers);
#   2. when a poll times out, and when a client stops polling for a while;
#   3. when the browser drops a poll (network gone) and comes back;
#   4. when the poll program is restarted in the middle of it all;
#   5. and a held poll answers promptly after a post.
# Posters and pollers are separate processes (fork), talking back through
# pipes read with IO::Select; the whole file is bounded in time.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use IO::Select;
use JSON::PP ();
use POSIX ();
use Time::HiRes qw(time sleep);
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $JSON = JSON::PP->new->utf8->canonical;
my $t0 = time;
my $DEADLINE = $t0 + 240;  # the whole file; each part has its own bound too

# ---- processes ------------------------------------------------------------

# Runs $code in a child; its return value comes back as JSON through a pipe.
sub spawn {
    my ($code) = @_;
    pipe my $rd, my $wr or die "pipe: $!";
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        close $rd;
        my $out = eval { $code->() };
        $out = { error => "$@" } if $@;
        print {$wr} $JSON->encode({ result => $out });
        close $wr;
        POSIX::_exit(0);
    }
    close $wr;
    return { pid => $pid, rd => $rd, buf => '' };
}

# Reads every child's answer (all pipes at once, so none blocks on a full
# pipe) until they are done or `seconds` pass; stragglers are ended (only
# the children we started, by pid). Returns their results, in order.
sub gather {
    my ($kids, $seconds) = @_;
    my $until = time + $seconds;
    my $sel = IO::Select->new(map { $_->{rd} } @$kids);
    my %by_fh = map { fileno($_->{rd}) => $_ } @$kids;
    while ($sel->count && time < $until) {
        for my $fh ($sel->can_read($until - time)) {
            my $kid = $by_fh{ fileno $fh };
            my $n = sysread $fh, my $chunk, 65536;
            if ($n) { $kid->{buf} .= $chunk; next }
            $sel->remove($fh);
            close $fh;
        }
    }
    my $late = 0;
    for my $kid (@$kids) {
        if ($sel->exists($kid->{rd})) {
            $late++;
            kill 'TERM', $kid->{pid};
        }
        waitpid $kid->{pid}, 0;
    }
    ok !$late, sprintf('all %d processes finished within %d s', scalar @$kids, $seconds) or diag "$late were ended";
    return [map { my $d = eval { $JSON->decode($_->{buf}) }; $d ? $d->{result} : { error => 'no answer' } } @$kids];
}

# ---- polling like channel.js ---------------------------------------------

# Long-polls from `after`, following last_seq, retrying after anything but a
# good answer (a dropped connection, 502 while the program restarts, 503),
# until `want` lines matching `re` have come or the deadline passes.
sub follow {
    my ($who, $ch, %o) = @_;
    my $after = $o{after} // 0;
    my (@events, %status);
    my $lines = 0;
    while ($lines < $o{want} && time < $o{deadline}) {
        my ($res, $d) = Baton::Test::chat_poll($who, $ch, after => $after);
        $status{ $res->{status} }++;
        if ($res->{status} != 200 || !$d || !$d->{events}) {
            sleep $res->{status} == 200 ? 0.01 : 0.1;
            next;
        }
        for my $e (@{ $d->{events} }) {
            push @events, [@$e{qw(seq kind cmid from body)}];
            $lines++ if $e->{kind} eq 'line' && $e->{cmid} =~ $o{re};
        }
        $after = $d->{last_seq};
    }
    return { events => \@events, status => \%status, after => $after };
}

sub seqs { [map { $_->[0] } @{ $_[0] }] }

# The poll program itself (run/poll.pid names its supervisor).
sub poll_pid {
    open my $fh, '<', "$s->{DIR}/run/child/poll.pid" or return;
    my ($pid) = <$fh> =~ /(\d+)/;
    return $pid;
}

my $c = Baton::Test::open_channel(agent_name => 'Dee Delivery');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
my $channel_id = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];

# Part 2's held poll runs in the background from the start: a quiet channel
# of its own, so it is held the full 25 s and times out.
my $quiet = Baton::Test::open_channel(agent_name => 'Quinn Quiet');
my $timeout_kid = spawn(sub {
    my $me = Baton::Test::party_clone($quiet->{visitor});
    my $start = time;
    my ($res, $d) = Baton::Test::chat_poll($me, $quiet->{channel}, after => 3, signals => 999999);
    return { status => $res->{status}, answer => $d, held => time - $start };
});

subtest '1. 20 posters x 50 lines while 5 pollers read' => sub {
    my ($posters, $lines, $pollers) = (20, 50, 5);
    my $bound = 120;
    my $start = time;
    my $deadline = $start + $bound;
    my @readers = map {
        spawn(sub {
            my $me = Baton::Test::party_clone($_ % 2 ? $visitor : $agent);
            return follow($me, $ch, after => 0, want => $posters * $lines, re => qr/^p\d+-\d+$/, deadline => $deadline);
        })
    } 1 .. $pollers;
    # The pollers read from seq 0, so when they start makes no difference.
    my @writers = map {
        my $i = $_;
        spawn(sub {
            # Several processes share each participant, as tabs of one person would.
            my $me = Baton::Test::party_clone($i % 2 ? $visitor : $agent);
            my @sent;
            for my $j (1 .. $lines) {
                my ($res, $d) = Baton::Test::chat_say($me, $ch, "poster $i line $j", cmid => "p$i-$j");
                push @sent, ["p$i-$j", $res->{status}, $d ? $d->{seq} : undef];
            }
            return \@sent;
        })
    } 0 .. $posters - 1;
    my $sent = gather(\@writers, $bound);
    my $posted = time;
    my $read = gather(\@readers, $deadline - time + 5);
    my $done = time;
    note sprintf '%d lines posted in %.1f s (%.0f/s); every poller had all of them %.1f s after the start',
        $posters * $lines, $posted - $start, $posters * $lines / ($posted - $start), $done - $start;
    ok $done - $start < $bound, "within $bound s";

    my %seq_of;
    my $ok_posts = 0;
    for my $p (@$sent) {
        for my $line (ref $p eq 'ARRAY' ? @$p : ()) {
            $ok_posts++ if $line->[1] == 200 && $line->[2];
            $seq_of{ $line->[0] } = $line->[2];
        }
    }
    is $ok_posts, $posters * $lines, 'every post was answered 200 with a seq';
    is scalar(keys %{ { reverse %seq_of } }), $posters * $lines, 'each with a seq of its own';

    my $total = 3 + $posters * $lines; # the joins and the page led to, then the lines
    my $reference;
    for my $n (0 .. $#$read) {
        my $r = $read->[$n];
        my $ev = $r->{events} || [];
        my $who = 'poller ' . ($n + 1);
        note "$who: poll answers by status: " . join ', ', map { "$_ x $r->{status}{$_}" } sort keys %{ $r->{status} || {} };
        is_deeply seqs($ev), [1 .. $total], "$who: seqs 1..$total, each once, no gaps" or do {
            my %n; $n{$_}++ for @{ seqs($ev) };
            diag "$who got " . scalar(@$ev) . ' events; doubled: ' . join(',', grep { $n{$_} > 1 } sort { $a <=> $b } keys %n);
        };
        my @lines = grep { $_->[1] eq 'line' } @$ev;
        is scalar(@lines), $posters * $lines, "$who: all " . $posters * $lines . ' lines';
        my %cmids = map { $_->[2] => 1 } @lines;
        is scalar(keys %cmids), $posters * $lines, "$who: every line exactly once";
        is_deeply [map { $_->[1] } @$ev[0 .. 2]], ['join', 'join', 'address'], "$who: after the two joins and the page led to";
        ok !(grep { $_->[4] ne do { my ($i, $j) = $_->[2] =~ /^p(\d+)-(\d+)$/; "poster $i line $j" } } @lines),
            "$who: each line's text belongs to its cmid";
        my %last;
        my $in_order = 1;
        for my $l (@lines) {
            my ($i, $j) = $l->[2] =~ /^p(\d+)-(\d+)$/;
            $in_order = 0 if $j != ($last{$i} // 0) + 1;
            $last{$i} = $j;
        }
        ok $in_order, "$who: each poster's lines in the order they were posted";
        ok !(grep { $seq_of{ $_->[2] } != $_->[0] } @lines), "$who: each line under the seq its poster was given";
        my $order = join ' ', map { "$_->[0]:$_->[1]:" . ($_->[2] // '') } @$ev;
        if (defined $reference) {
            is $order, $reference, "$who: the very same order as poller 1";
        } else {
            $reference = $order;
        }
    }
    is sql("SELECT last_seq FROM channel WHERE id = $channel_id")->[0][0], $total, 'the channel counted every event';
    is sql("SELECT COUNT(*) FROM channel_event WHERE channel_id = $channel_id")->[0][0], $total, 'and stored each once';
};

my $last_seen = sql("SELECT last_seq FROM channel WHERE id = $channel_id")->[0][0];

subtest '2. catching up after a pause, and a poll that times out' => sub {
    for my $k (1 .. 10) {
        my ($res) = Baton::Test::chat_say($agent, $ch, "while you were away $k", cmid => "away-$k");
        die "post: $res->{status}" unless $res->{status} == 200;
    }
    my ($res, $d) = Baton::Test::chat_poll($visitor, $ch, after => $last_seen);
    is $res->{status}, 200, 'a poll with the old last seq';
    is_deeply [map { [$_->{seq}, $_->{body}] } @{ $d->{events} }],
        [map { [$last_seen + $_, "while you were away $_"] } 1 .. 10], 'gets all 10 lines at once, in order';
    is $d->{last_seq}, $last_seen + 10, 'and the new last seq';
    $last_seen += 10;

    # The poll held on the quiet channel since the start.
    my ($t) = @{ gather([$timeout_kid], 40) };
    is $t->{status}, 200, 'a poll with nothing to say is answered 200 when its hold is up';
    ok $t->{held} > 20 && $t->{held} < 30, sprintf 'after %.1f s', $t->{held};
    is_deeply $t->{answer}, { again => JSON::PP::true(), retry_ms => 0 }, 'telling the client to ask again (t/poll-expiry.t)';
    my ($r2) = Baton::Test::chat_say($quiet->{agent}, $quiet->{channel}, 'Still there?', cmid => 'q1');
    my (undef, $after) = Baton::Test::chat_poll($quiet->{visitor}, $quiet->{channel}, after => 3);
    is_deeply [map { $_->{cmid} } @{ $after->{events} }], ['q1'], 'the next poll gets the line posted after the timeout';
};

subtest '3. a poll dropped by the client' => sub {
    my $pid = poll_pid();
    ok $pid && kill(0, $pid), "the poll program runs (pid $pid)";
    my $log_size = -s "$s->{DIR}/log/baton.log";
    # The polls it holds (none of this test's): a connection the web server
    # keeps between polls is no held poll, so its connections would not tell.
    my $before = Baton::Test::poll_held();
    my $dropper = spawn(sub {
        my $me = Baton::Test::party_clone($visitor, timeout => 1.5);
        my $start = time;
        my ($res) = Baton::Test::chat_poll($me, $ch, after => $last_seen);
        return { status => $res->{status}, reason => $res->{content}, after => time - $start };
    });
    ok Baton::Test::wait_for('the held poll', 5, sub { Baton::Test::poll_held() == $before + 1 }),
        'while the poll is held the poll program holds its connection';
    my ($d) = @{ gather([$dropper], 10) };
    is $d->{status}, 599, 'the client gives up after 1.5 s and closes the connection (as a dropped network does)';
    ok Baton::Test::wait_for('freed', 4, sub { Baton::Test::poll_held() == $before }),
        'the poll program frees the dropped poll within a few seconds';
    is Baton::Test::poll_held(), $before, 'no connection is left behind';

    for my $k (1 .. 5) {
        Baton::Test::chat_say($agent, $ch, "after the drop $k", cmid => "drop-$k");
    }
    my ($res, $got) = Baton::Test::chat_poll($visitor, $ch, after => $last_seen);
    is_deeply [map { $_->{cmid} } @{ $got->{events} }], [map { "drop-$_" } 1 .. 5],
        'reconnecting with the last seen seq: the lines posted meanwhile, once each, in order';
    $last_seen = $got->{last_seq};
    ok kill(0, $pid), 'the poll program is still the same process';
    open my $log, '<', "$s->{DIR}/log/baton.log" or die;
    seek $log, $log_size, 0;
    my @bad = grep { /poll\[\d+\]/ && !/ info: / } <$log>;
    is_deeply \@bad, [], 'and logged no error or warning about it';
};

subtest '4. the poll program restarted while lines are posted' => sub {
    my $old = poll_pid();
    my $count = 150;
    my $deadline = time + 60;
    my $reader = spawn(sub {
        my $me = Baton::Test::party_clone($agent);
        return follow($me, $ch, after => $last_seen, want => $count, re => qr/^restart-\d+$/, deadline => $deadline);
    });
    my $writer = spawn(sub {
        my $me = Baton::Test::party_clone($visitor);
        my @status;
        for my $k (1 .. $count) {
            my ($res) = Baton::Test::chat_say($me, $ch, "during the restart $k", cmid => "restart-$k");
            push @status, $res->{status};
            sleep 0.02;
        }
        return \@status;
    });
    sleep 0.5;
    ok kill('TERM', $old), "TERM to the poll program (pid $old) while a poll is held and lines are posted";
    ok Baton::Test::wait_for('exit', 10, sub { !-e "/proc/$old" || (split ' ', (do { open my $f, '<', "/proc/$old/stat"; <$f> } // ''))[2] eq 'Z' }),
        'it exits (it does not ignore TERM)';
    my $new;
    ok Baton::Test::wait_for('a new one', 5, sub { $new = poll_pid(); $new && $new != $old && kill(0, $new) }),
        'its supervisor starts a new poll program (pid ' . ($new // '?') . ')';
    my ($got, $status) = @{ gather([$reader, $writer], 70) };
    is scalar(grep { $_ == 200 } @$status), $count, "all $count posts were stored (the posting program was not touched)";
    my $statuses = join ', ', map { "$_ x $got->{status}{$_}" } sort keys %{ $got->{status} };
    note "the poller's answers: $statuses";
    # The supervisor holds the program's socket while it restarts, so polls
    # wait in its backlog: the poller may not even notice (t/restart.t).
    note "the poller's answers while the program restarted: $statuses";
    my @lines = grep { $_->[1] eq 'line' } @{ $got->{events} };
    is_deeply [map { $_->[2] } @lines], [map { "restart-$_" } 1 .. $count], 'retrying with its last seq it got every line once, in order';
    is_deeply seqs($got->{events}), [$last_seen + 1 .. $last_seen + $count], 'seqs contiguous, no gaps, no repeats';
    $last_seen = $got->{after};
};

subtest '5. a held poll answers right after a post' => sub {
    my @latency;
    for my $trial (1 .. 10) {
        my $before = Baton::Test::poll_held();
        my $reader = spawn(sub {
            my $me = Baton::Test::party_clone($visitor);
            my ($res, $d) = Baton::Test::chat_poll($me, $ch, after => $last_seen);
            return { at => time, status => $res->{status}, events => scalar @{ $d->{events} || [] } };
        });
        Baton::Test::wait_parked($before) or diag "trial $trial: the poll was not seen parked";
        my $posted = time;
        my ($res, $d) = Baton::Test::chat_say($agent, $ch, "ping $trial", cmid => "ping-$trial");
        my ($r) = @{ gather([$reader], 30) };
        is $r->{events}, 1, "trial $trial: the held poll returned the line";
        push @latency, $r->{at} - $posted;
        $last_seen = $d->{seq};
    }
    my @sorted = sort { $a <=> $b } @latency;
    my $ms = sub { sprintf '%.0f ms', 1000 * shift };
    note 'post-to-answer latency: median ' . $ms->($sorted[4]) . ', max ' . $ms->($sorted[-1]);
    ok $sorted[-1] < 1, 'every held poll answered within 1 s of the post (median ' . $ms->($sorted[4]) . ', max ' . $ms->($sorted[-1]) . ')';
    # DESIGN.md measured ~0.1 s for a fan-out to 1,000 polls; one poll on
    # an idle host answers in tens of ms. Only the 1 s bound is asserted,
    # so a loaded test machine does not make this fail.
    note $sorted[4] < 0.1 ? 'the median is within 100 ms' : 'the median is over 100 ms (a loaded machine?)';
};

ok time - $t0 < 240, sprintf 'the whole file took %.0f s', time - $t0;
done_testing;
