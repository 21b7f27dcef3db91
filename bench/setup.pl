#!/usr/bin/env perl
# bench/setup.pl - conversations for the load generator (bench/README).
#
#   bench/setup.pl --url URL --conf DIR/baton.conf --socket DIR/run/mysql.sock
#                  --pairs N --followers F [--attendees A] --out FIXTURES [--workers W]
#
# What is real and what is not:
#   - the client, its site and its agents are made with tools/baton-admin;
#   - agents' sessions are rows made here the way signin makes them
#     (staff_session holds sha256 of a random 32-byte token, plus a CSRF
#     token), because sign-in runs PBKDF2 with 600,000 rounds (~0.2 s);
#     one agent is made by baton-admin, the others (one per --per_agent
#     conversations, default 4, as a live-chat agent handles a few at once)
#     are copies of its row by SQL; max_sessions is raised to match and the
#     client's seat_cap (baton-admin client set) to fit every conversation;
#   - every visitor clicks the site's help link (GET /help: a real visitor
#     cookie and help request) and an agent accepts it (POST /accept with the
#     session cookie and CSRF token): a real channel with both participants;
#   - the participants' tokens are read from the participant table (the
#     channel page shows the same value);
#   - the fan-out channel is one more such conversation; its F followers are
#     inserted by SQL (visitor rows with sha256 of a random token, participant
#     rows with a random token) as no program adds thousands of people to one
#     channel, and without join events.
# Fixture lines (bench/loadgen.c):
#   pair CHANNEL baton_visitor=TOKEN VISITOR_PTOKEN baton_session=TOKEN AGENT_PTOKEN
#   fan CHANNEL baton_session=TOKEN LEADER_PTOKEN
#   follower baton_visitor=TOKEN
#   stage EVENT STAGE_CHANNEL baton_session=TOKEN PARTICIPANT_TOKEN baton_session=PRODUCER_TOKEN
#                                                                    (with --attendees)
#   attendee baton_visitor=TOKEN
use strict;
use warnings;
use Digest::SHA qw(sha256_hex);
use Getopt::Long;
use HTTP::Tiny;
use JSON::PP;
use POSIX qw(ceil);
use Time::HiRes qw(time);

my %o = (workers => 4, followers => 0, attendees => 0, per_agent => 4);
GetOptions(\%o, 'url=s', 'conf=s', 'socket=s', 'pairs=i', 'followers=i', 'attendees=i', 'out=s', 'workers=i',
    'per_agent=i') or die "bad options\n";
for (qw(url conf socket pairs out)) { die "--$_ is needed\n" unless defined $o{$_} }
my $root = $ENV{BATON_ROOT} // do { my $d = __FILE__; $d =~ s{/bench/[^/]+$}{}; $d };
my $admin_bin = "$root/tools/baton-admin";
my $started = time;

sub random_hex {
    open my $fh, '<:raw', '/dev/urandom' or die "urandom: $!";
    read $fh, my $raw, 32 or die "urandom: $!";
    return unpack 'H*', $raw;
}

sub admin {
    my ($password, @args) = @_;
    local $ENV{BATON_PASSWORD} = $password // '';
    my $out = qx{"$admin_bin" --conf "$o{conf}" @{[map { quotemeta } @args]} 2>&1 < /dev/null};
    die "baton-admin @args failed: $out" if $?;
    return $out;
}

# SQL as the database's root over the private socket; rows as arrays.
sub sql {
    my ($query) = @_;
    open my $fh, '-|', 'mariadb', '--no-defaults', "--socket=$o{socket}", '-uroot', '--batch',
        '--skip-column-names', 'baton', '-e', $query or die "mariadb: $!";
    my @rows = map { chomp; [split /\t/] } <$fh>;
    close $fh or die "mariadb failed for: " . substr($query, 0, 200) . "\n";
    return \@rows;
}

sub sql_script {
    my ($text) = @_;
    open my $fh, '|-', 'mariadb', '--no-defaults', "--socket=$o{socket}", '-uroot', 'baton'
        or die "mariadb: $!";
    print $fh $text;
    close $fh or die "mariadb failed on a script\n";
}

my $conversations = $o{pairs} + ($o{followers} > 0 ? 1 : 0);
my $slug = sprintf 'bench%d%04d', time, int rand 10000;
admin(undef, 'client', 'add', $slug, "Bench $slug");
my $out = admin(undef, 'site', 'add', $slug, 'Bench site', '127.0.0.1');
my ($key) = $out =~ /key is (\S+)/ or die "no site key in: $out";
my $client_id = sql("SELECT id FROM client WHERE slug = '$slug'")->[0][0];
sql("UPDATE site SET ask_question = 0 WHERE site_key = '$key'");
admin(undef, 'client', 'set', $slug, 'seat_cap', $conversations + $o{attendees} + 10);
sql("UPDATE client SET channel_participant_cap = " . ($o{followers} + 10) . " WHERE id = $client_id");

# Agents and their sessions. The first agent is made by baton-admin; the
# others are copies of its row (same password hash: nobody signs in), which
# saves 0.2 s of PBKDF2 each. An agent holds --per_agent conversations (as
# several tabs of one browser: one session).
my $nagents = ceil($conversations / $o{per_agent}) || 1;
$nagents = 2 if $o{attendees} > 0 && $nagents < 2; # a producer and a speaker
admin('pw-' . random_hex(), 'agent', 'add', $slug, "$slug-agent1\@example.com", 'Bench Agent 1', 'agent');
if ($nagents > 1) {
    my $values = join ',', map {
        "($client_id, '$slug-agent$_\@example.com', 'Bench Agent $_', 'agent', \@hash, 'offline',"
            . " NOW(3), $o{per_agent}, NOW(3))"
    } 2 .. $nagents;
    sql_script("SELECT password_hash INTO \@hash FROM agent WHERE email = '$slug-agent1\@example.com';\n"
        . "INSERT INTO agent (client_id, email, display_name, role, password_hash, state, state_since,"
        . " max_sessions, created_at) VALUES $values;\n");
}
sql("UPDATE agent SET max_sessions = $o{per_agent} WHERE client_id = $client_id");
my @agents = map { { id => $_->[0], token => random_hex(), csrf => random_hex() } }
    @{ sql("SELECT id FROM agent WHERE client_id = $client_id ORDER BY id") };
die "expected $nagents agents\n" unless @agents == $nagents;
my $sessions = join ',', map {
    "('" . sha256_hex($_->{token}) . "', $_->{id}, '$_->{csrf}', '127.0.0.1', 'baton-bench', NOW(3),"
        . " NOW(3), NOW(3) + INTERVAL 12 HOUR, NOW(3) + INTERVAL 12 HOUR)"
} @agents;
sql_script("INSERT INTO staff_session (token_hash, agent_id, csrf_token, ip, user_agent, created_at,"
    . " last_seen_at, idle_until, expires_at) VALUES $sessions;\n");

# Visitors click the help link; agents accept: in parallel workers.
my $tmp = "$o{out}.tmp.$$";
my @kids;
for my $w (0 .. $o{workers} - 1) {
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        my $http = HTTP::Tiny->new(max_redirect => 0, timeout => 30, agent => 'baton-bench/1',
            keep_alive => 1);
        open my $fh, '>', "$tmp.$w" or die "$tmp.$w: $!";
        for (my $i = $w; $i < $conversations; $i += $o{workers}) {
            my $res = $http->get("$o{url}/help?site=$key",
                { headers => { Referer => "$o{url}/demo/bench.html" } });
            my ($request) = ($res->{headers}{location} // '') =~ m{/wait\?r=([0-9a-f]{32})}
                or die "help link: $res->{status} $res->{content}\n";
            my $set = $res->{headers}{'set-cookie'} // '';
            my ($visitor) = join(';', ref $set ? @$set : $set) =~ /baton_visitor=([0-9a-f]{64})/
                or die "no visitor cookie from /help\n";
            my $agent = $agents[$i % @agents];
            # 503 is "try again" (on a cluster writing on every node, an
            # accept can lose to other writes of the queue six times over):
            # the agent clicks again, as a person would.
            for my $try (1 .. 5) {
                $res = $http->post_form("$o{url}/accept", { csrf => $agent->{csrf}, request => $request },
                    { headers => { Cookie => "baton_session=$agent->{token}", Origin => $o{url},
                        Accept => 'application/json' } });
                last unless $res->{status} == 503;
                select undef, undef, undef, 0.2 * $try;
            }
            die "accept: $res->{status} $res->{content}\n" unless $res->{status} == 200;
            my ($channel) = $res->{content} =~ /"channel":"([0-9a-f]{32})"/
                or die "accept said: $res->{content}\n";
            print $fh "$i $channel $visitor $agent->{token}\n";
        }
        close $fh or die;
        exit 0;
    }
    push @kids, $pid;
}
my $failed = 0;
for (@kids) { waitpid $_, 0; $failed ||= $? }
die "a set-up worker failed\n" if $failed;
my %conv;
for my $w (0 .. $o{workers} - 1) {
    open my $fh, '<', "$tmp.$w" or die;
    while (<$fh>) {
        my ($i, $channel, $visitor, $agent) = split;
        $conv{$i} = { channel => $channel, visitor => $visitor, agent => $agent };
    }
    close $fh;
    unlink "$tmp.$w";
}
die "only " . keys(%conv) . " of $conversations conversations were made\n"
    unless keys %conv == $conversations;

my %ptoken;
for my $row (@{ sql("SELECT c.public_id, p.kind, p.token FROM channel c JOIN participant p"
        . " ON p.channel_id = c.id WHERE c.client_id = $client_id") }) {
    $ptoken{"$row->[0] $row->[1]"} = $row->[2];
}

open my $fx, '>', $tmp or die "$tmp: $!";
for my $i (0 .. $o{pairs} - 1) {
    my $c = $conv{$i};
    printf $fx "pair %s baton_visitor=%s %s baton_session=%s %s\n", $c->{channel}, $c->{visitor},
        $ptoken{"$c->{channel} visitor"}, $c->{agent}, $ptoken{"$c->{channel} agent"};
}
if ($o{followers} > 0) {
    my $c = $conv{ $o{pairs} };
    my $channel_id = sql("SELECT id FROM channel WHERE public_id = '$c->{channel}'")->[0][0];
    printf $fx "fan %s baton_session=%s %s\n", $c->{channel}, $c->{agent},
        $ptoken{"$c->{channel} agent"};
    my @tokens = map { random_hex() } 1 .. $o{followers};
    for (my $b = 0; $b < @tokens; $b += 500) {
        my @batch = @tokens[$b .. ($b + 499 < $#tokens ? $b + 499 : $#tokens)];
        my $v = join ',', map { "('" . sha256_hex($_) . "', NOW(3), NOW(3))" } @batch;
        my $n = $b;
        my $p = join ',', map {
            $n++;
            "($channel_id, 'visitor', (SELECT id FROM visitor WHERE token_hash = '" . sha256_hex($_)
                . "'), 'Follower $n', '" . random_hex() . "', 'owl', NOW(3))"
        } @batch;
        sql_script("INSERT INTO visitor (token_hash, created_at, last_seen_at) VALUES $v;\n"
            . "INSERT INTO participant (channel_id, kind, visitor_id, display_name, token, avatar,"
            . " joined_at) VALUES $p;\n");
    }
    print $fx "follower baton_visitor=$_\n" for @tokens;
}
# The auditorium (issue 17): an event scheduled and taken live with
# baton-admin (agent 2 produces, agent 1 speaks and leads the stage), its
# attendees registered and seated by SQL (visitor, attendee and
# attendee_visit rows, as POST /attend and its "arrive" make them).
if ($o{attendees} > 0) {
    my $out = admin(undef, 'event', 'add', $slug, 'Bench auditorium', '2031-01-01 10:00',
        "$slug-agent2\@example.com", "$slug-agent1\@example.com", $o{attendees}, 'open', 'questions');
    my ($event) = $out =~ /^([0-9a-f]{32})$/m or die "event add: $out";
    admin(undef, 'event', 'live', $event);
    my ($stage, $event_id, $ptoken) = @{ sql("SELECT c.public_id, e.id, p.token FROM live_event e"
        . " JOIN channel c ON c.id = e.stage_channel_id JOIN participant p ON p.channel_id = c.id"
        . " JOIN agent a ON a.id = p.agent_id WHERE e.public_id = '$event'"
        . " AND a.email = '$slug-agent1\@example.com'")->[0] // [] };
    die "no speaker on the stage of $event\n" unless $ptoken;
    # The speaker (agent 1) leads; the producer (agent 2) reads the questions.
    printf $fx "stage %s %s baton_session=%s %s baton_session=%s\n", $event, $stage, $agents[0]{token}, $ptoken,
        $agents[1]{token};
    my @tokens = map { random_hex() } 1 .. $o{attendees};
    for (my $b = 0; $b < @tokens; $b += 500) {
        my @batch = @tokens[$b .. ($b + 499 < $#tokens ? $b + 499 : $#tokens)];
        my $v = join ',', map { "('" . sha256_hex($_) . "', NOW(3), NOW(3))" } @batch;
        my $n = $b;
        my $a = join ',', map {
            $n++;
            "($event_id, (SELECT id FROM visitor WHERE token_hash = '" . sha256_hex($_)
                . "'), 'Attendee $n', NOW(3))"
        } @batch;
        sql_script("INSERT INTO visitor (token_hash, created_at, last_seen_at) VALUES $v;\n"
            . "INSERT INTO attendee (event_id, visitor_id, name, registered_at) VALUES $a;\n");
    }
    sql("INSERT INTO attendee_visit (attendee_id, event_id, started_at, last_seen_at)"
        . " SELECT id, event_id, NOW(3), NOW(3) FROM attendee WHERE event_id = $event_id");
    print $fx "attendee baton_visitor=$_\n" for @tokens;
}
close $fx or die;
rename $tmp, $o{out} or die "rename: $!";
printf STDERR "setup: %d conversations (%d agents), %d followers, %d attendees in %.1f s\n", $conversations,
    $nagents, $o{followers}, $o{attendees}, time - $started;
