#!/usr/bin/perl
# Writes under concurrency either complete or roll back whole: 50 accepts
# and then 500 chat posts, many at once, on one stack, and every answer is
# checked against the database - an accept answered 303 made exactly that
# channel with that agent and visitor, a post answered with a seq stored
# exactly that line at that seq, once; no answer is a 5xx and nothing is
# left half done (a channel nobody was told about, a line stored twice).
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX ();
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $WORKERS = 20;
my ($ACCEPTS, $AGENTS, $POSTS) = (50, 10, 500);

my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
# Ten agents, available, with room for ten sessions each: routing offers
# each newcomer to one of them while others accept theirs.
my @agents = map {
    my $a = Baton::Test::signed_in_agent(client => $client, name => "Con Agent $_");
    sql("UPDATE agent SET max_sessions = 10 WHERE id = $a->{id}");
    $a->{csrf} = $a->{browser}->session_csrf or die 'no csrf';
    $a;
} 1 .. $AGENTS;
my %agent_by_id = map { $_->{id} => $_ } @agents;
Baton::Test::set_client($client, seat_cap => 1000);

my $log = "$s->{DIR}/log/baton.log";
my $log_from = -s $log // 0;

# Runs jobs in $WORKERS forked processes at once; each job returns one
# line of text, collected in job order.
sub in_parallel {
    my (@jobs) = @_;
    my @answers;
    my @children;
    for my $w (0 .. $WORKERS - 1) {
        pipe my $rd, my $wr or die "pipe: $!";
        my $pid = fork // die "fork: $!";
        if ($pid == 0) {
            close $rd;
            for (my $i = $w; $i < @jobs; $i += $WORKERS) {
                my $line = eval { $jobs[$i]->() } // "died: $@";
                $line =~ s/\n/ /g;
                print {$wr} "$i\t$line\n";
            }
            close $wr;
            POSIX::_exit(0);
        }
        close $wr;
        push @children, [$pid, $rd];
    }
    for my $c (@children) {
        my $rd = $c->[1];
        while (my $line = <$rd>) {
            chomp $line;
            my ($i, $text) = split /\t/, $line, 2;
            $answers[$i] = $text;
        }
        waitpid $c->[0], 0;
    }
    return @answers;
}

# ---- 50 visitors ask for help and are accepted, many at once ----------------
# Each visitor clicks the help link; the agent it was offered to accepts it
# (or, while it still waits, an agent of our choosing takes it directly; a
# 409 means someone else was quicker, and the one it went to accepts).
# Every answer on the way is recorded.
my @visitors = map { { browser => Baton::Test::Browser->new } } 1 .. $ACCEPTS;
my @accepted = in_parallel(map {
    my ($n, $v) = ($_, $visitors[$_]);
    sub {
        my @statuses;
        my $res = $v->{browser}->click_help($key);
        push @statuses, $res->{status};
        my ($r) = ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$}
            or return "- @statuses - - -";
        for my $try (1 .. 20) {
            my $row = Baton::Test::request_row($r);
            my $agent = $row->{offered_agent_id} ? $agent_by_id{ $row->{offered_agent_id} }
                : $agents[($n + $try) % $AGENTS];
            last if $row->{state} eq 'accepted';
            $res = $agent->{browser}->clone->post('/accept',
                form => [csrf => $agent->{csrf}, request => $r], headers => { Origin => $s->{URL} });
            push @statuses, $res->{status};
            my ($ch) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$};
            return $v->{browser}->cookie('baton_visitor') . " @statuses $r $ch $agent->{id}"
                if $res->{status} == 303 && $ch;
            last unless $res->{status} == 409;
        }
        return $v->{browser}->cookie('baton_visitor') . " @statuses $r - -";
    };
} 0 .. $ACCEPTS - 1);

my (%status, @wrong, @pairs);
for my $i (0 .. $#visitors) {
    my $v = $visitors[$i];
    my ($cookie, @f) = split ' ', $accepted[$i] // '- none - - -';
    my ($agent_id, $ch, $r) = (pop @f, pop @f, pop @f);
    $v->{browser}->set_cookie(baton_visitor => $cookie) if $cookie ne '-';
    $status{$_}++ for @f;
    @$v{qw(request channel)} = ($r, $ch);
    my $row = $r ne '-' ? Baton::Test::request_row($r) : { state => 'none' };
    my $db_channel = $row->{channel_id}
        ? sql("SELECT public_id FROM channel WHERE id = $row->{channel_id}")->[0][0] : '-';
    push @wrong, "visitor $i: answered @f $ch by $agent_id, the request is $row->{state} in $db_channel"
        unless $f[-1] eq '303' && $row->{state} eq 'accepted' && $db_channel eq $ch
            && $row->{accepted_agent_id} eq $agent_id;
    push @pairs, [$agent_by_id{$agent_id} // $agents[0], $v];
}
is scalar(grep { /^5/ } keys %status), 0, 'no answer on the way was a 5xx'
    or diag join ', ', map { "$_: $status{$_}" } sort keys %status;
is scalar(@wrong), 0, "all $ACCEPTS were accepted, each answer naming the channel made, for that agent"
    or diag join "\n", @wrong;
is sql("SELECT COUNT(*) FROM channel WHERE client_id = " . Baton::Test::client_id($client))->[0][0],
    $ACCEPTS, 'no other channel was made';
my $bad_people = sql("SELECT ch.public_id FROM channel ch WHERE ch.client_id = "
    . Baton::Test::client_id($client) . " AND ((SELECT COUNT(*) FROM participant p"
    . " WHERE p.channel_id = ch.id AND p.left_at IS NULL) <> 2"
    . " OR (SELECT COUNT(*) FROM channel_event e WHERE e.channel_id = ch.id AND e.kind = 'join') <> 2"
    # The accept may also open with the question and the page (lib/channel.c):
    # whatever it wrote, every seq up to last_seq is there once.
    . " OR ch.last_seq <> (SELECT COUNT(DISTINCT e.seq) FROM channel_event e WHERE e.channel_id = ch.id))");
is_deeply $bad_people, [], 'every channel holds its agent and visitor, their two joins, and no gap';

# ---- 500 posts at once, to all the channels ---------------------------------
for my $i (0 .. $#pairs) {
    my ($agent, $v) = @{ $pairs[$i] };
    $v->{agent} = { browser => $agent->{browser}->clone };
    $v->{agent}{token} = Baton::Test::channel_token($v->{agent}{browser}->get("/channel?id=$v->{channel}")->{content})
        or die "no agent token for channel $i";
    $v->{browser}->get("/wait?r=$v->{request}");
    $v->{token} = Baton::Test::channel_token($v->{browser}->get("/channel?id=$v->{channel}")->{content})
        or die "no visitor token for channel $i";
}
my @posts = map {
    my $v = $visitors[$_ % $ACCEPTS];
    my $who = $_ % 2 ? { browser => $v->{browser}, token => $v->{token} } : $v->{agent};
    [$v, $who, "line $_ of the crowd", "cmid-$_"];
} 0 .. $POSTS - 1;
my @said = in_parallel(map {
    my ($v, $who, $text, $cmid) = @$_;
    sub {
        my $me = { browser => $who->{browser}->clone, token => $who->{token} };
        my ($res, $d) = Baton::Test::chat_say($me, $v->{channel}, $text, cmid => $cmid);
        return "$res->{status} " . ($d && defined $d->{seq} ? $d->{seq} : '-');
    };
} @posts);

%status = ();
@wrong = ();
for my $i (0 .. $#posts) {
    my ($v, $who, $text, $cmid) = @{ $posts[$i] };
    my ($code, $seq) = split ' ', $said[$i] // 'none -';
    $status{$code}++;
    my $rows = sql("SELECT e.seq, e.body FROM channel_event e JOIN channel ch ON ch.id = e.channel_id"
        . " WHERE ch.public_id = '$v->{channel}' AND e.client_msg_id = '$cmid'");
    push @wrong, "post $i: answered $code seq $seq, stored " . join(' ', map { "[$_->[0] $_->[1]]" } @$rows)
        unless $code eq '200' && @$rows == 1 && $rows->[0][0] eq $seq && $rows->[0][1] eq $text;
}
is_deeply \%status, { 200 => $POSTS }, "every post answered 200";
is scalar(@wrong), 0, 'and each stored its line once, at the seq it answered' or diag join "\n", @wrong;
my $gaps = sql("SELECT ch.public_id, ch.last_seq, COUNT(e.seq), MIN(e.seq), MAX(e.seq) FROM channel ch"
    . " JOIN channel_event e ON e.channel_id = ch.id WHERE ch.client_id = " . Baton::Test::client_id($client)
    . " GROUP BY ch.id HAVING COUNT(e.seq) <> ch.last_seq OR MIN(e.seq) <> 1 OR MAX(e.seq) <> ch.last_seq");
is_deeply $gaps, [], 'every channel\'s events run 1..last_seq without a gap';
is sql("SELECT COUNT(*) FROM channel_event e JOIN channel ch ON ch.id = e.channel_id WHERE ch.client_id = "
    . Baton::Test::client_id($client) . " AND e.kind = 'line'")->[0][0], $POSTS, "$POSTS lines stored in all";

open my $fh, '<', $log or die "$log: $!";
seek $fh, $log_from, 0;
my @fivexx = grep { /answered 5\d\d|error: / } <$fh>;
is scalar(@fivexx), 0, 'the log shows no error and no 5xx answer' or diag @fivexx;

# ---- an accept that committed is answered as a success ----------------------
# Routing runs after every accept, in its own transaction. Here it cannot
# finish: another session holds the row of the request it would offer next,
# and (for this subtest only) a lock wait gives up after one second. The
# accept itself committed, so it must answer 303, not 500; the routing
# failure is logged, and the sweep routes again once the lock is gone.
subtest 'an accept that committed is a success even when routing after it fails' => sub {
    my ($key2, $client2) = Baton::Test::new_help_site(ask_question => 0);
    my $taker = Baton::Test::signed_in_agent(client => $client2, name => 'Tess Taker', state => 'away');
    my $r1 = Baton::Test::Browser->new->ask_help($key2);
    my $r2 = Baton::Test::Browser->new->ask_help($key2);
    my $free = Baton::Test::signed_in_agent(client => $client2, name => 'Fred Free', state => 'away');
    my $r2_id = Baton::Test::request_row($r2)->{id};

    # Every program reconnects (its statements are retried on a new
    # connection) and so takes the one-second lock wait.
    my $reconnect = sub {
        my $ids = sql("SELECT id FROM information_schema.processlist WHERE user = 'baton'");
        eval { sql("KILL CONNECTION $_->[0]") } for @$ids;
    };
    sql('SET GLOBAL innodb_lock_wait_timeout = 1');
    $reconnect->();
    my $restore = sub { sql('SET GLOBAL innodb_lock_wait_timeout = 50'); $reconnect->() };

    # A session of our own holds r2's row until we say; the named lock it
    # takes next shows the row lock is held.
    open my $db, '|-', "mariadb --no-defaults --socket=$s->{DB_SOCKET} -uroot baton >/dev/null"
        or die "mariadb: $!";
    select((select($db), $| = 1)[0]);
    print {$db} "BEGIN; SELECT id FROM help_request WHERE id = $r2_id FOR UPDATE;"
        . " SELECT GET_LOCK('baton-test-r2-held', 10);\n";
    ok Baton::Test::wait_for('the row lock', 10,
        sub { sql("SELECT IS_USED_LOCK('baton-test-r2-held') IS NOT NULL")->[0][0] }),
        'another session holds the row of the next waiting request';

    # Fred turned r1 down earlier, so routing can only ever offer him r2:
    # without this the periodic sweep may offer him r1 in the moment between
    # his becoming available and Tess's accept, and her accept of a request
    # offered to someone else is rightly refused.
    my $r1_id = Baton::Test::request_row($r1)->{id};
    sql("INSERT INTO request_refusal (request_id, agent_id) VALUES ($r1_id, $free->{id})");
    # Fred becomes available: routing now wants to offer him r2.
    sql("UPDATE agent SET state = 'available' WHERE id = $free->{id}");
    my $res = $taker->{browser}->post('/accept', form => [csrf => $taker->{browser}->session_csrf,
        request => $r1], headers => { Origin => $s->{URL} });
    my $row = Baton::Test::request_row($r1);
    my ($ch) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$};
    print {$db} "ROLLBACK; SELECT RELEASE_LOCK('baton-test-r2-held');\n";
    close $db;
    $restore->();

    is $row->{state}, 'accepted', 'the accept committed';
    is $res->{status}, 303, 'and was answered as a success';
    my $db_channel = $row->{channel_id} ? sql("SELECT public_id FROM channel WHERE id = $row->{channel_id}")->[0][0] : '';
    is $ch, $db_channel, 'naming the channel it made';
    ok Baton::Test::wait_for('r2 offered to Fred', 15,
        sub { (Baton::Test::request_row($r2)->{offered_agent_id} // 0) == $free->{id} }),
        'once the lock is gone, routing offers the next visitor to Fred';
    open my $lf, '<', $log or die;
    seek $lf, $log_from, 0;
    ok scalar(grep { /routing client \d+ left to the next sweep/ } <$lf>), 'the routing failure was logged';
};

done_testing;
