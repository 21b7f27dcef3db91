#!/usr/bin/perl
# Two app stacks (each its own nginx and FastCGI programs, as two app hosts
# would be) on one MariaDB work as one: a visitor on one and the agent on
# the other chat with the same guarantees, and news crosses between them
# within about one watcher interval (watch_interval_ms, 250 ms by default).
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Time::HiRes qw(time sleep);
use Test::More;
use Baton::Test qw(stack sql admin new_client new_agent wait_for);

my $s = stack();
my $second = "$s->{DIR}/app2";
# The same help-request limits as the test stack (tools/test-run): every
# test's visitor comes from 127.0.0.1.
my $limits = join ' ', map { "--set $_=100000" }
    qw(help_requests_per_address_per_minute help_open_requests_per_address help_requests_per_visitor_per_hour);
my $out = qx{"$s->{ROOT}/tools/stack" start "$second" --db-of "$s->{DIR}" $limits 2>&1};
is $?, 0, 'a second app stack starts on the first one\'s database' or diag $out;
my $parent = $$;
# Forked pollers and posters below must not stop the second stack as they exit.
END { system("\"$s->{ROOT}/tools/stack\" stop \"$second\" >/dev/null 2>&1") if $second && $$ == $parent }
my ($port2) = do { open my $fh, '<', "$second/env" or die; join('', <$fh>) =~ /BATON_PORT=(\d+)/ };
my $url2 = "http://127.0.0.1:$port2";
isnt $url2, $s->{URL}, "on its own port ($url2)";
like qx{"$s->{ROOT}/tools/stack" status "$second"}, qr/mariadb\s+up\s+shared with/, 'its status names the shared database';

my $client = new_client();
my ($key) = admin(undef, 'site', 'add', $client, 'Shop', '127.0.0.1') =~ /its key is ([0-9a-f]{32})/;
sql("UPDATE site SET ask_question = 0 WHERE site_key = '$key'");
my ($email, $password) = new_agent(client => $client);

# The agent works on host 1, the visitor on host 2.
my $agent = Baton::Test::Browser->new;
is $agent->sign_in($email, $password, state => 'available')->{status}, 303, 'the agent signs in on host 1';
my $visitor = Baton::Test::Browser->new(base => $url2);
my $res = $visitor->get("/help?site=$key", headers => { Referer => "$url2/demo/page.html" });
is $res->{status}, 303, 'the visitor asks for help on host 2';
my ($request) = $res->{headers}{location} =~ /r=([0-9a-f]{32})/;

ok wait_for('offer', 5, sub { $agent->get('/poll?console=1&version=0')->{content} =~ /"offered_to_me":"1"/ }),
    'host 1\'s agent is offered the request made on host 2';
$res = $agent->post('/accept', form => [csrf => $agent->session_csrf, request => $request]);
is $res->{status}, 303, 'and accepts it';
my ($channel) = $res->{headers}{location} =~ /id=([0-9a-f]{32})/;
my ($agent_token) = $agent->get("/channel?id=$channel")->{content} =~ /data-token="([0-9a-f]{64})"/;
my $page = $visitor->get("/channel?id=$channel");
is $page->{status}, 200, 'the visitor opens the channel on host 2';
my ($visitor_token) = $page->{content} =~ /data-token="([0-9a-f]{64})"/;

sub say_on {
    my ($who, $token, $text, $cmid) = @_;
    my $r = $who->post('/say', form => [channel => $channel, token => $token, text => $text, cmid => $cmid],
        headers => { Accept => 'application/json' });
    return $r->{status} == 200 && $r->{content} =~ /"seq":(\d+)/ ? $1 : undef;
}

# A held poll on one host is woken by a post on the other.
my @latency;
for my $round (1 .. 10) {
    my ($poller, $poster, $token) = $round % 2 ? ($agent, $visitor, $visitor_token) : ($visitor, $agent, $agent_token);
    my $last = sql("SELECT last_seq FROM channel WHERE public_id = '$channel'")->[0][0];
    my $poll_dir = $poller == $agent ? $s->{DIR} : $second;
    my $before = Baton::Test::poll_held($poll_dir);
    my $pid = open my $fh, '-|';
    die "fork: $!" unless defined $pid;
    if (!$pid) {
        my $r = $poller->get("/poll?channel=$channel&after=$last&signals=999999999");
        print time, "\n", $r->{content};
        exit 0;
    }
    Baton::Test::wait_parked($before, dir => $poll_dir) or diag "round $round: the poll was not seen parked";
    my $sent = time;
    say_on($poster, $token, "crossing $round", "x$round") or fail("post $round");
    my $answered = <$fh>;
    my $body = join '', <$fh>;
    close $fh;
    like $body, qr/"body":"crossing $round"/, "round $round: the line crossed hosts";
    push @latency, $answered - $sent;
}
@latency = sort { $a <=> $b } @latency;
diag sprintf 'cross-host delivery: median %.0f ms, worst %.0f ms', 1000 * $latency[@latency / 2], 1000 * $latency[-1];
ok $latency[-1] < 1.0, 'every crossing took less than a second (one watcher interval plus work)';

# Both sides post at once through different hosts: one order, nothing lost or doubled.
my @kids;
for my $side ([$agent, $agent_token, 'a'], [$visitor, $visitor_token, 'v']) {
    my $pid = fork // die;
    if (!$pid) {
        my ($who, $token, $tag) = @$side;
        say_on($who, $token, "$tag-$_", "$tag$_") for 1 .. 40;
        exit 0;
    }
    push @kids, $pid;
}
waitpid $_, 0 for @kids;
my ($from1, $from2) = map {
    my $b = $_;
    my (@lines, $after);
    $after = 0;
    while (1) {
        my $r = $b->get("/poll?channel=$channel&after=$after&signals=999999999");
        my @seqs = $r->{content} =~ /"seq":(\d+)/g;
        push @lines, $r->{content} =~ /"body":"([av]-\d+)"/g;
        last unless @seqs;
        ($after) = $r->{content} =~ /"last_seq":(\d+)/;
        last if $after >= sql("SELECT last_seq FROM channel WHERE public_id = '$channel'")->[0][0];
    }
    \@lines;
} $agent, $visitor;
is scalar @$from1, 80, 'host 1 sees all 80 lines';
is_deeply $from2, $from1, 'host 2 sees the same lines in the same order';
my %count;
$count{$_}++ for @$from1;
is scalar(grep { $count{$_} != 1 } keys %count), 0, 'none doubled';

# Each host's say processes remember a sender (lib/line_senders.c); what
# can change is checked as the line is stored, so leaving through one host
# stops the next line through the other at once.
ok defined(say_on($visitor, $visitor_token, "remembered on host 2 $_", "r$_")), "the visitor's line $_ through host 2"
    for 1 .. 6;
my $visitor_on_1 = Baton::Test::Browser->new;
$visitor_on_1->{jar} = { %{ $visitor->{jar} } };
$res = $visitor_on_1->post('/leave', form => [channel => $channel, token => $visitor_token],
    headers => { Accept => 'application/json', Origin => $s->{URL} });
is $res->{status}, 200, 'the visitor leaves through host 1';
my @after = map {
    $visitor->post('/say', form => [channel => $channel, token => $visitor_token, text => "after leaving $_"],
        headers => { Accept => 'application/json' })->{status}
} 1 .. 6;
is_deeply \@after, [(409) x 6], 'and every line through host 2 straight after is refused (409)';
is sql("SELECT COUNT(*) FROM channel_event e JOIN channel c ON c.id = e.channel_id"
    . " WHERE c.public_id = '$channel' AND e.body LIKE 'after leaving %'")->[0][0], 0, 'none of them stored';
done_testing;
