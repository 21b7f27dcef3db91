#!/usr/bin/perl
# A poll's answer is one moment of the channel: the address it says
# everyone is on ("url") and the leader are those of the last event it
# carries, never older. Found by t/browser-viewer.t failing once: the
# answer carried the new leader's 'address' event but the address before
# it, read a moment earlier; the agent's browser, having seen the event's
# seq, never asked for it again and stayed on the old page. Here the
# leader leads while three followers poll as fast as they can, and every
# answer is checked against the addresses its events say.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX ();
use Time::HiRes qw(time);
use Test::More;
use Baton::Test qw(stack);

my $s = stack();
my $c = Baton::Test::open_channel(agent_name => 'Sam Snapshot');
my $ch = $c->{channel};
my $leads = 120;
my $done = "$s->{DIR}/tmp/poll-snapshot-done.$$";
unlink $done;

# A follower polls until the leader is done, and reports on a pipe every
# answer whose url is not the body of the newest address event up to its
# last_seq (every event is seen, from seq 0, so that newest is known).
sub follower {
    my ($who, $wr) = @_;
    my ($after, $newest, $answers, $wrong, $moved) = (0, undef, 0, 0, 0);
    my $until = time + 120;
    while (time < $until) {
        my ($res, $d) = Baton::Test::chat_poll($who, $ch, after => $after);
        die "poll: $res->{status}" unless $res->{status} == 200 && $d;
        for my $ev (@{ $d->{events} || [] }) {
            $newest = $ev->{body} if $ev->{kind} eq 'address';
        }
        $after = $d->{last_seq} if defined $d->{last_seq};
        if (!$d->{again}) {
            $answers++;
            $moved++ if @{ $d->{events} || [] };
            if (defined $newest && ($d->{url} // '') ne $newest) {
                $wrong++;
                print {$wr} "wrong at seq $after: url $d->{url}, its last address $newest\n";
            }
        }
        my $final = do { my $f; open($f, '<', $done) ? 0 + (readline($f) // 0) : 0 };
        last if $final && $after >= $final;
    }
    print {$wr} "summary $answers $moved $wrong $after\n";
}

my @kids;
for my $who ($c->{visitor}, $c->{visitor}, $c->{agent}) {
    pipe my $rd, my $wr or die "pipe: $!";
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        close $rd;
        my $ok = eval { follower(Baton::Test::party_clone($who), $wr); 1 };
        print {$wr} "died: $@" unless $ok;
        close $wr;
        POSIX::_exit(0);
    }
    close $wr;
    push @kids, { pid => $pid, rd => $rd };
}

my $led = 0;
for my $n (1 .. $leads) {
    my ($res) = Baton::Test::party_post($c->{agent}, '/go', $ch, [url => "https://shop.example/p-$n", mode => 'frame']);
    $led++ if $res->{status} == 200;
}
is $led, $leads, "the agent led everyone $leads times";
# The end: a line after the last address, whose seq the followers wait
# for (a follower up to date would otherwise be held for the whole hold).
my $before = Baton::Test::channel_snapshot($c->{agent}, $ch);
open my $fh, '>', $done or die "$done: $!";
print {$fh} $before->{last_seq} + 1;
close $fh;
my ($said) = Baton::Test::chat_say(Baton::Test::party_clone($c->{agent}), $ch, 'That was the last page');
is $said->{status}, 200, 'the agent says so';
my $last = Baton::Test::channel_snapshot($c->{agent}, $ch);
is $last->{url}, "https://shop.example/p-$leads", 'the channel is on the last address led to';
for my $k (@kids) {
    my @lines = readline $k->{rd};
    waitpid $k->{pid}, 0;
    my ($summary) = grep { /^summary / } @lines;
    my @wrong = grep { /^(wrong|died)/ } @lines;
    ok $summary, 'a follower polled till the end' or diag @lines;
    my (undef, $answers, $moved, $wrong, $seq) = split ' ', $summary // 'summary 0 0 0 0';
    is scalar(@wrong), 0, "none of its $answers answers ($moved with events) had an address older than its events"
        or diag @wrong[0 .. ($#wrong < 4 ? $#wrong : 4)];
    is $seq, $last->{last_seq}, 'and it saw every event';
}
unlink $done;

done_testing;
