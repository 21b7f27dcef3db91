#!/usr/bin/perl
# Long-polling for agents' consoles and waiting visitors: answered at once
# when the client is behind, otherwise held until the client's queue changes
# (and answered within a second of it), never woken by another client's
# queue; who may poll what, and bad input.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX ();
use Time::HiRes qw(time sleep);
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
# How long the stack holds polls (baton.conf, else the default of 25 s).
my $hold = do {
    open my $fh, '<', $s->{CONF} or die "$s->{CONF}: $!";
    my ($v) = map { /^\s*poll_hold_seconds\s*=\s*(\d+)/ ? $1 : () } <$fh>;
    $v // 25;
};

# Runs $steps (a list of [delay from now in seconds, code]) in a child
# process while the caller makes a held poll. Returns a function that waits
# for the child and gives the times (epoch seconds) at which each step's
# code had returned.
sub in_background {
    my (@steps) = @_;
    pipe my $r, my $w or die "pipe: $!";
    my $start = time;
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        close $r;
        my @done;
        for my $step (@steps) {
            my ($at, $code) = @$step;
            my $pause = $start + $at - time;
            sleep $pause if $pause > 0;
            eval { $code->(); 1 } or do { print {$w} "died: $@"; POSIX::_exit(1) };
            push @done, time;
        }
        print {$w} "@done\n";
        close $w;
        POSIX::_exit(0);
    }
    close $w;
    return sub {
        my $line = <$r>;
        waitpid $pid, 0;
        die "background step failed: $line" unless defined $line && $line !~ /^died/;
        return split ' ', $line;
    };
}

my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
my $agent = Baton::Test::signed_in_agent(client => $client, state => 'break');
my ($other_key) = Baton::Test::new_help_site(ask_question => 0);
my $first = Baton::Test::Browser->new;
my $first_id = $first->ask_help($key);

subtest 'a console poll that is behind is answered at once' => sub {
    my $t = time;
    my $res = $agent->{browser}->get('/poll?console=1&version=0');
    my $took = time - $t;
    is $res->{status}, 200, 'answered 200';
    # Held would mean the whole hold: half of it tells the two apart on any host.
    ok $took < $hold / 2, sprintf 'at once, not held (%.2f s; a hold is %d s)', $took, $hold;
    like $res->{headers}{'content-type'}, qr{^application/json}, 'JSON';
    is $res->{headers}{'cache-control'}, 'no-store', 'never cached';
    my $d = Baton::Test::json_decode($res->{content});
    ok $d->{version} > 0, "with the queue version ($d->{version})";
    is $d->{hold}, $hold, "and how long polls are held ($hold s)";
    is $d->{state}, 'break', 'the agent\'s state';
    is_deeply [map { $_->{id} } @{ $d->{queue} }], [$first_id], 'and the queue';
};

subtest 'a console poll that is up to date is held until the queue changes' => sub {
    my $version = $agent->{browser}->console_snapshot->{version};
    my $second_id;
    my $done = in_background(
        # Another client's queue changes first: that must not wake this poll.
        [0.5, sub { Baton::Test::Browser->new->ask_help($other_key) }],
        [1.5, sub { Baton::Test::Browser->new->ask_help($key) }],
    );
    my $t = time;
    my $res = $agent->{browser}->get("/poll?console=1&version=$version");
    my $answered = time;
    my ($other_done, $ours_done) = $done->();
    is $res->{status}, 200, 'the held poll is answered';
    ok $answered - $t >= 1.3, sprintf 'not before our queue changed (held %.2f s; another client\'s change did not wake it)', $answered - $t;
    ok $answered - $ours_done < 1, sprintf 'within a second of the new request (%.3f s after)', $answered - $ours_done;
    my $d = Baton::Test::json_decode($res->{content});
    ok $d->{version} > $version, 'with a newer version';
    is scalar @{ $d->{queue} }, 2, 'and the new request in the queue';
    is $d->{queue}[0]{id}, $first_id, 'after the first';
};

subtest 'a waiting visitor\'s held poll answers when the request is accepted' => sub {
    my $v = Baton::Test::Browser->new;
    my $id = $v->ask_help($key);
    my $status = $v->request_status($id);
    is $status->{state}, 'waiting', 'the visitor waits';
    ok defined $status->{position}, "in position $status->{position}";
    is $status->{channel}, undef, 'with no channel yet';
    my $csrf = $agent->{browser}->session_csrf;
    my $channel;
    my $done = in_background([1, sub {
        my $res = $agent->{browser}->post('/accept', form => [csrf => $csrf, request => $id]);
        die "accept: $res->{status}" unless $res->{status} == 303;
    }]);
    my $t = time;
    my $res = $v->get("/poll?request=$id&version=$status->{version}");
    my $answered = time;
    my ($accepted) = $done->();
    is $res->{status}, 200, 'the held poll is answered';
    ok $answered - $t >= 0.9, sprintf 'not before the accept (held %.2f s)', $answered - $t;
    ok $answered - $accepted < 1, sprintf 'within a second of it (%.3f s after)', $answered - $accepted;
    my $d = Baton::Test::json_decode($res->{content});
    is $d->{state}, 'accepted', 'saying the request is accepted';
    ($channel) = @{ sql("SELECT ch.public_id FROM channel ch JOIN help_request r ON r.channel_id = ch.id WHERE r.public_id = '$id'") };
    is $d->{channel}, $channel->[0], 'with the channel to go to';
    is $d->{hold}, $hold, 'and the hold';
};

subtest 'who may poll what, and bad input' => sub {
    my $anon = Baton::Test::Browser->new;
    my $res = $anon->get('/poll?console=1&version=0');
    is $res->{status}, 401, 'a console poll without a session: 401';
    is $res->{content}, qq({"error":"You are not signed in, or your session has expired.","status":401}\n), 'as JSON';

    my $stranger = Baton::Test::Browser->new;
    $stranger->ask_help($key);
    for my $who ([$stranger, 'another visitor'], [$anon, 'a browser with no visitor cookie'], [$agent->{browser}, 'an agent of the client']) {
        $res = $who->[0]->get("/poll?request=$first_id&version=0");
        is $res->{status}, 403, "someone else's request ($who->[1]): 403";
        is $res->{content}, qq({"error":"This is not your help request.","status":403}\n), 'as JSON';
    }
    $res = $first->get('/poll?request=' . ('0' x 32) . '&version=0');
    is $res->{status}, 403, 'an unknown request: 403 (no probing for ids)';
    is $first->get("/poll?request=$first_id&version=0")->{status}, 200, 'the visitor\'s own: 200';

    $res = $first->get('/poll');
    is $res->{status}, 400, 'no feed named: 400';
    like $res->{content}, qr/^\{"error":"Say what to wait for: channel, request,? [^"]*console=1[^"]*\.","status":400\}\n\z/,
        'saying what to name';
    is $agent->{browser}->get('/poll?version=3')->{status}, 400, 'a version alone names no feed: 400';
    is $agent->{browser}->get('/poll?console=0')->{status}, 400, 'console=0 names no feed: 400';

    my @bad = (
        ['console=1&version=-1', 'version', '0 to 1000000000000000'],
        ['console=1&version=abc', 'version', '0 to 1000000000000000'],
        ['console=1&version=1e3', 'version', '0 to 1000000000000000'],
        ['console=1&version=99999999999999999999', 'version', '0 to 1000000000000000'],
        ['console=2&version=0', 'console', '0 to 1'],
        ["request=$first_id&version=0x10", 'version', '0 to 1000000000000000'],
        ['channel=' . ('0' x 32) . '&after=-5', 'after', '0 to 1000000000000000'],
    );
    for my $case (@bad) {
        my ($query, $field, $range) = @$case;
        $res = $agent->{browser}->get("/poll?$query");
        is $res->{status}, 400, "$query: 400";
        is $res->{content}, qq({"error":"The field '$field' must be a whole number from $range.","status":400}\n), "$query: naming the field";
    }
    $res = $first->get('/poll?request=' . ('a' x 33) . '&version=0');
    is $res->{status}, 400, 'an over-long request id: 400';
    $res = $first->get('/poll?request=%FF&version=0');
    is $res->{status}, 400, 'a request id that is not UTF-8: 400';
    $res = $first->request('POST', '/poll?console=1&version=0');
    is $res->{status}, 405, 'POST: 405';
};

subtest 'a channel poll remembers who asks for a few seconds only' => sub {
    # The poll program keeps a pass per cookie and channel for 10 s, so a
    # browser polling again and again costs no identity queries; a sign-out
    # must still shut the channel within that time.
    my $c = Baton::Test::open_channel();
    my $agent = $c->{agent}{browser};
    my $url = "/poll?channel=$c->{channel}&after=0&signals=0";
    is $agent->get($url)->{status}, 200, 'the agent polls the channel';
    my $stranger = Baton::Test::Browser->new;
    is $stranger->get($url)->{status}, 403, 'a stranger is refused, pass or no pass';
    $stranger->set_cookie(baton_session => 'e' x 64);
    is $stranger->get($url)->{status}, 403, 'so is a made-up session cookie';
    my $token = $agent->cookie('baton_session');
    is $agent->post('/signout', form => [csrf => $agent->session_csrf])->{status}, 303, 'the agent signs out';
    my $old = Baton::Test::Browser->new;
    $old->set_cookie(baton_session => $token);
    ok Baton::Test::wait_for('refusal', 15, sub { $old->get($url)->{status} == 403 }),
        'the old session cookie is refused within the pass\'s lifetime';
};

done_testing;
