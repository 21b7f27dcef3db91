#!/usr/bin/perl
# Every program the stack starts runs under tools/baton-supervise, which
# starts it again when it dies. In the middle of a conversation - one party
# posting a line every 50 ms the way channel.js does (each line retried with
# its own id until it is stored), the other long-polling - each kind of
# process is killed with SIGKILL in turn: the poll program, a posting
# program's master and one of its workers, nginx and MariaDB. Each time a
# new process takes over within 2 s, delivery resumes within 2 s of the
# kill, and at the end every line has arrived exactly once, in order.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use JSON::PP ();
use POSIX ();
use Time::HiRes qw(time sleep);
use Test::More;
use Baton::Test qw(stack sql wait_for);

my $s = stack();
my $JSON = JSON::PP->new->utf8->canonical;
my $RESUME = 2;     # seconds from a kill to delivery again
my $TAKEOVER = 2;   # seconds from a kill to a new process

sub slurp_pid {
    my ($file) = @_;
    open my $fh, '<', $file or return 0;
    my ($pid) = (<$fh> // '') =~ /(\d+)/;
    return $pid // 0;
}

sub alive {
    my ($pid) = @_;
    open my $fh, '<', "/proc/$pid/stat" or return 0;
    my ($state) = (<$fh> // '') =~ /\)\s+(\S)/;
    return defined $state && $state ne 'Z';
}

sub children_of {
    my ($pid) = @_;
    opendir my $dh, '/proc' or return ();
    my @kids;
    for my $p (grep { /^\d+$/ } readdir $dh) {
        open my $fh, '<', "/proc/$p/stat" or next;
        my ($ppid) = (<$fh> // '') =~ /\)\s+\S\s+(\d+)/;
        push @kids, $p if defined $ppid && $ppid == $pid && alive($p);
    }
    return @kids;
}

# Runs $code in a child; its result comes back as JSON through a pipe.
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
    return { pid => $pid, rd => $rd };
}

sub result {
    my ($kid) = @_;
    my $rd = $kid->{rd};
    local $/;
    my $text = <$rd>;
    waitpid $kid->{pid}, 0;
    my $d = eval { $JSON->decode($text // '') };
    return $d ? $d->{result} : { error => 'no answer' };
}

my $c = Baton::Test::open_channel(agent_name => 'Rae Restart');
my $ch = $c->{channel};
my $stop_file = "$s->{DIR}/tmp/restart-stop-$$";
unlink $stop_file;
my $start = time;
my $deadline = $start + 180;

# The visitor long-polls, as channel.js does: after anything but a good
# answer (a dropped connection, 502, 503) it asks again shortly.
my $reader = spawn(sub {
    my $me = Baton::Test::party_clone($c->{visitor}, timeout => 35);
    my ($after, @got, @seen, @slow, %status) = (2);
    while (time < $deadline) {
        my $asked = time;
        my ($res, $d) = Baton::Test::chat_poll($me, $ch, after => $after);
        $status{ $res->{status} }++;
        push @slow, sprintf('%.2f-%.2f s: %s after=%s %s', $asked - $start, time - $start, $res->{status},
            $after, substr((split /\n/, $res->{content} // '')[0] // '', 0, 60)) if time - $asked > 1 || $res->{status} != 200;
        if ($res->{status} != 200 || !$d || !$d->{events}) {
            sleep 0.05 if $res->{status} != 200;
            next;
        }
        my $now = time;
        push @got, map { [$_->{seq}, $_->{cmid}, $now] } grep { $_->{kind} eq 'line' } @{ $d->{events} };
        # Every event's seq, whatever its kind (the accept's "address", a
        # translation...): the lines' seqs alone have gaps where those are.
        push @seen, map { $_->{seq} } @{ $d->{events} };
        $after = $d->{last_seq};
        last if @got && $got[-1][1] eq 'end';
    }
    return { lines => \@got, seen => \@seen, status => \%status, slow => \@slow };
});

# The agent posts a line every 50 ms, each retried with its own id until
# it is stored.
my $poster = spawn(sub {
    my $me = Baton::Test::party_clone($c->{agent}, timeout => 10);
    my (@sent, %status);
    for (my $k = 1; !-e $stop_file && time < $deadline; $k++) {
        my $first = time;
        my ($seq, $tries) = (undef, 0);
        while (!defined $seq && time < $deadline) {
            $tries++;
            my ($res, $d) = Baton::Test::chat_say($me, $ch, "line $k", cmid => "k$k");
            $status{ $res->{status} }++;
            if ($res->{status} == 200 && $d && $d->{seq}) { $seq = $d->{seq} } else { sleep 0.05 }
        }
        push @sent, ["k$k", $first, $seq, $tries];
        sleep 0.05;
    }
    return { sent => \@sent, status => \%status };
});

# What to kill, in turn, and how to find its pid: the program's own pid
# file (run/child/NAME.pid) beside its supervisor's (run/NAME.pid). A stack
# without supervisors has only the latter, naming the program itself.
my $run = "$s->{DIR}/run";
sub program_pid {
    my ($name) = @_;
    return slurp_pid(-e "$run/child/$name.pid" ? "$run/child/$name.pid" : "$run/$name.pid");
}
my @kinds = (
    ['the poll program', sub { program_pid('poll') }],
    ['the posting program (say.fcgi master)', sub { program_pid('say') }],
    ['a posting worker (say.fcgi worker)', sub { (sort { $a <=> $b } children_of(program_pid('say')))[0] // 0 }],
    ['nginx (master)', sub { program_pid('nginx') }],
    ['MariaDB (mariadbd)', sub { program_pid('mariadb') }],
);

sleep 1.5;   # the conversation is under way
my @kills;
for my $kind (@kinds) {
    my ($what, $find) = @$kind;
    my $pid = $find->();
    ok $pid && alive($pid), "$what runs (pid $pid)";
    my $at = time;
    kill 'KILL', $pid;
    my $new = 0;
    my $back = wait_for("$what again", 10, sub {
        $new = $find->();
        $new && $new != $pid && alive($new);
    });
    my $took = time - $at;
    ok $back && $took < $TAKEOVER, sprintf '%s: a new process (pid %s) took over %.2f s after kill -9', $what, $new, $took;
    push @kills, [$what, $at];
    note sprintf '%.2f s: killed %s', $at - $start, $what;
    sleep 2.5;   # lines flow again before the next kill
}

open my $fh, '>', $stop_file or die;
close $fh;
my $sent = result($poster);
my ($res) = Baton::Test::chat_say($c->{agent}, $ch, 'the end', cmid => 'end');
is $res->{status}, 200, 'a last line';
my $got = result($reader);
unlink $stop_file;
ok !$sent->{error} && !$got->{error}, 'poster and reader finished' or diag explain [$sent->{error}, $got->{error}];

my @sent = @{ $sent->{sent} || [] };
my @lines = @{ $got->{lines} || [] };
note 'post answers: ' . join(', ', map { "$_ x $sent->{status}{$_}" } sort keys %{ $sent->{status} || {} });
note 'poll answers: ' . join(', ', map { "$_ x $got->{status}{$_}" } sort keys %{ $got->{status} || {} });
note "a slow or failed poll: $_" for @{ $got->{slow} || [] };
ok @sent > 100, scalar(@sent) . ' lines posted';
is scalar(grep { !defined $_->[2] } @sent), 0, 'every line was stored in the end';
is_deeply [map { $_->[1] } @lines], [(map { $_->[0] } @sent), 'end'], 'every line arrived exactly once, in the order posted';
# Nothing skipped or doubled: the events (of every kind) came under
# consecutive seqs, and the lines among them in increasing order.
my @seen = @{ $got->{seen} || [] };
is_deeply \@seen, [$seen[0] .. $seen[0] + $#seen], 'every event under consecutive seqs, none skipped or doubled'
    if @seen;
my @seqs = map { $_->[0] } @lines;
ok !(grep { $seqs[$_] <= $seqs[$_ - 1] } 1 .. $#seqs), 'the lines under increasing seqs';

# Delivery resumed: the first line posted after each kill arrived soon.
my %arrived = map { $_->[1] => $_->[2] } @lines;
for my $k (@kills) {
    my ($what, $at) = @$k;
    my ($next) = grep { $_->[1] >= $at } @sent;
    my $when = $next ? $arrived{ $next->[0] } : undef;
    ok defined $when && $when - $at < $RESUME,
        sprintf '%s killed: the next line arrived %.2f s later', $what, defined $when ? $when - $at : -1;
}

ok wait_for('a healthy stack', 20, sub { system("\"$s->{ROOT}/tools/stack\" status \"$s->{DIR}\" >/dev/null 2>&1") == 0 }),
    'the stack is whole again';
done_testing;
