#!/usr/bin/perl
# Chat lines: both ways through polls, the sender's line back with its seq
# and client message id, a retried post stored once, every kind of bad
# input, and HTML kept as data.
use strict;
use warnings;
use utf8;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX ();
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $c = Baton::Test::open_channel(agent_name => 'Sid Say');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
my $channel_id = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];
my $ap = sql("SELECT id FROM participant WHERE channel_id = $channel_id AND kind = 'agent'")->[0][0];
my $vp = sql("SELECT id FROM participant WHERE channel_id = $channel_id AND kind = 'visitor'")->[0][0];

sub lines_after {
    my ($who, $after) = @_;
    my ($res, $d) = Baton::Test::chat_poll($who, $ch, after => $after);
    is $res->{status}, 200, 'the poll answers 200';
    return $d;
}

subtest 'chat both ways' => sub {
    my ($res, $d) = Baton::Test::chat_say($agent, $ch, 'Hello, how can I help?', cmid => 'a-1');
    is $res->{status}, 200, 'the agent posts: 200';
    is $res->{headers}{'content-type'}, 'application/json; charset=utf-8', 'JSON';
    is_deeply $d, { seq => 4 }, 'the line is stored as seq 4 (after the two joins and the page led to)';

    my $v = lines_after($visitor, 3);
    is scalar @{ $v->{events} }, 1, 'the visitor\'s poll gets one new event';
    my $e = $v->{events}[0];
    is_deeply [@$e{qw(seq kind from name role body cmid)}],
        [4, 'line', $ap, 'Sid Say', 'agent', 'Hello, how can I help?', 'a-1'], 'the agent\'s line, from the agent';
    like $e->{at}, qr/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d+Z$/, 'with a UTC timestamp';
    is $v->{last_seq}, 4, 'last_seq follows';
    ok $v->{open}, 'the channel is open';

    ($res, $d) = Baton::Test::chat_say($visitor, $ch, "My order hasn't arrived — où est-il? 📦", cmid => 'v-1');
    is $d->{seq}, 5, 'the visitor answers: seq 5';
    my $a = lines_after($agent, 4);
    is_deeply [map { [@$_{qw(seq from role body cmid)}] } @{ $a->{events} }],
        [[5, $vp, 'visitor', "My order hasn't arrived — où est-il? 📦", 'v-1']], 'the agent\'s poll gets it, Unicode intact';

    # The sender sees its own line come back under its seq and cmid: that is
    # how the page marks it "sent".
    my $mine = lines_after($visitor, 4)->{events}[0];
    is_deeply [@$mine{qw(seq from cmid)}], [5, $vp, 'v-1'], 'the sender\'s own poll returns its line with seq and cmid';

    my $all = lines_after($agent, 0);
    is_deeply [map { $_->{seq} } @{ $all->{events} }], [1 .. 5], 'from the start: 1..5, in order';
    is_deeply [map { $_->{kind} } @{ $all->{events} }], [qw(join join address line line)], 'joins, the page, then the lines';

    ($res) = Baton::Test::chat_say($visitor, $ch, 'No cmid this time');
    is $res->{status}, 200, 'a post without a cmid is fine too';
    is lines_after($agent, 5)->{events}[0]{cmid}, '', 'its cmid comes back empty';

    $res = $agent->{browser}->post('/say', form => [channel => $ch, token => $agent->{token}, text => 'From a form']);
    is $res->{status}, 303, 'a plain form post (no JavaScript) answers 303';
    is $res->{headers}{location}, "/channel?id=$ch", 'back to the channel';
    like $agent->{browser}->get("/channel?id=$ch")->{content}, qr/From a form/, 'which shows the line';
};

subtest 'a retried post is stored once' => sub {
    my ($res, $first) = Baton::Test::chat_say($visitor, $ch, 'Are you there?', cmid => 'retry-7');
    is $res->{status}, 200, 'the first post';
    my ($res2, $again) = Baton::Test::chat_say($visitor, $ch, 'Are you there?', cmid => 'retry-7');
    is $res2->{status}, 200, 'the retry is answered 200';
    is $again->{seq}, $first->{seq}, 'with the same seq';
    my ($res3, $third) = Baton::Test::chat_say($visitor, $ch, 'Are you there? (edited)', cmid => 'retry-7');
    is $third->{seq}, $first->{seq}, 'a retry with other text still maps to the stored line';
    is sql("SELECT COUNT(*) FROM channel_event WHERE channel_id = $channel_id AND client_msg_id = 'retry-7'")->[0][0],
        1, 'one row in the log';
    my $events = lines_after($agent, $first->{seq} - 1)->{events};
    is scalar(grep { $_->{cmid} eq 'retry-7' } @$events), 1, 'pollers see it once';
    is $events->[-1]{body}, 'Are you there?', 'with the first text';
    is sql("SELECT last_seq FROM channel WHERE id = $channel_id")->[0][0], $first->{seq},
        'and the retry used up no sequence number';
    my ($res4, $other) = Baton::Test::chat_say($agent, $ch, 'Yes!', cmid => 'retry-7');
    is $other->{seq}, $first->{seq} + 1, 'the same cmid from another participant is another line';
    my ($res5, $next) = Baton::Test::chat_say($visitor, $ch, 'Next', cmid => 'retry-8');
    is $next->{seq}, $first->{seq} + 2, 'and the sequence goes on without a gap';

    # A browser that retries while the first try is still on its way: the
    # same cmid from eight processes at once.
    my @kids;
    for my $n (1 .. 8) {
        pipe my $rd, my $wr or die "pipe: $!";
        my $pid = fork // die "fork: $!";
        if ($pid == 0) {
            close $rd;
            my ($r, $d) = Baton::Test::chat_say(Baton::Test::party_clone($visitor), $ch, 'Hello?? (sent 8 times)', cmid => 'burst-1');
            print {$wr} "$r->{status} " . ($d->{seq} // '-') . "\n";
            close $wr;
            POSIX::_exit(0);
        }
        close $wr;
        push @kids, [$pid, $rd];
    }
    my @answers = map { my $line = readline $_->[1]; waitpid $_->[0], 0; [split ' ', $line // ''] } @kids;
    is scalar(grep { $_->[0] == 200 } @answers), 8, 'eight simultaneous tries of one cmid are all answered 200';
    my %seqs = map { $_->[1] => 1 } @answers;
    is scalar(keys %seqs), 1, 'all with the same seq';
    is sql("SELECT COUNT(*) FROM channel_event WHERE channel_id = $channel_id AND client_msg_id = 'burst-1'")->[0][0],
        1, 'and the line is stored once';
    is sql("SELECT last_seq FROM channel WHERE id = $channel_id")->[0][0], (keys %seqs)[0], 'using up one seq';
};

subtest 'bad input' => sub {
    my $before = sql("SELECT last_seq FROM channel WHERE id = $channel_id")->[0][0];
    my ($res, $d) = Baton::Test::chat_say($visitor, $ch, 'x' x 2001);
    is $res->{status}, 400, 'a line of 2001 characters: 400';
    like $d->{error}, qr/too long \(at most 2000 characters\)/, 'saying the limit';
    is $d->{status}, 400, 'as a JSON error';
    ($res) = Baton::Test::chat_say($visitor, $ch, 'é' x 2000);
    is $res->{status}, 200, 'a line of 2000 two-byte characters is fine (the limit counts characters)';
    ($res, $d) = Baton::Test::chat_say($visitor, $ch, 'é' x 2001);
    is $res->{status}, 400, 'one more is not';

    ($res, $d) = Baton::Test::chat_say($visitor, $ch, "caf\xe9 \xff\xfe");
    is $res->{status}, 400, 'invalid UTF-8 (Latin-1 bytes): 400';
    like $d->{error}, qr/not valid UTF-8/, 'saying so';
    ($res) = Baton::Test::chat_say($visitor, $ch, "\xc0\xaf overlong");
    is $res->{status}, 400, 'an overlong UTF-8 sequence: 400';
    ($res) = Baton::Test::chat_say($visitor, $ch, "\xed\xa0\x80 surrogate");
    is $res->{status}, 400, 'an encoded surrogate: 400';
    ($res) = Baton::Test::chat_say($visitor, $ch, "bell \x07");
    is $res->{status}, 400, 'a control character: 400';

    ($res, $d) = Baton::Test::chat_say($visitor, $ch, " \t\r\n  ");
    is $res->{status}, 400, 'a whitespace-only line: 400';
    is $d->{error}, 'The line is empty.', 'saying "The line is empty."';
    ($res, $d) = Baton::Test::chat_say($visitor, $ch, '');
    is $res->{status}, 400, 'an empty line: 400';
    like $d->{error}, qr/The line is empty\.|The field 'text' is required\./, 'saying it is empty';

    ($res, $d) = Baton::Test::chat_say($visitor, $ch, 'hello', cmid => 'bad cmid!');
    is $res->{status}, 400, 'a cmid with odd characters: 400';
    ($res) = Baton::Test::chat_say($visitor, $ch, 'hello', cmid => 'c' x 65);
    is $res->{status}, 400, 'a cmid over 64 characters: 400';

    $res = $visitor->{browser}->post('/say', form => [channel => $ch, text => 'no token'],
        headers => { Accept => 'application/json' });
    is $res->{status}, 400, 'no token: 400';
    like $res->{content}, qr/The field 'token' is required\./, 'naming the field';
    ($res, $d) = Baton::Test::chat_say($visitor, $ch, 'wrong token', token => 'a' x 64);
    is $res->{status}, 403, 'a wrong token: 403';
    like $d->{error}, qr/security token/, 'saying so';
    ($res) = Baton::Test::chat_say($visitor, $ch, 'agent token', token => $agent->{token});
    is $res->{status}, 403, 'the agent\'s token from the visitor\'s browser: 403';
    ($res) = Baton::Test::chat_say($visitor, $ch, 'not a token', token => 'xyz');
    is $res->{status}, 400, 'a malformed token: 400';

    my $other = Baton::Test::open_channel();
    ($res, $d) = Baton::Test::chat_say($other->{visitor}, $ch, 'intruding', token => $other->{visitor}{token});
    is $res->{status}, 403, 'posting to a channel one is not in (with one\'s own token): 403';
    like $d->{error}, qr/not in this conversation/, 'saying so';
    ($res) = Baton::Test::chat_say($other->{visitor}, $ch, 'intruding', token => $visitor->{token});
    is $res->{status}, 403, 'even with a stolen participant token';
    ($res) = Baton::Test::chat_say($other->{agent}, $ch, 'intruding', token => $agent->{token});
    is $res->{status}, 403, 'an agent of another client with a stolen token: 403';
    ($res) = Baton::Test::chat_say($visitor, 'f' x 32, 'nowhere');
    is $res->{status}, 403, 'an unknown channel: 403';

    ($res, $d) = Baton::Test::chat_say($visitor, $ch, 'from evil', origin => 'https://evil.example');
    is $res->{status}, 403, 'a post from another Origin: 403';
    like $d->{error}, qr/another site/, 'saying so';
    $res = $visitor->{browser}->post('/say', form => [channel => $ch, token => $visitor->{token}, text => 'referer'],
        headers => { Accept => 'application/json', Referer => 'https://evil.example/page' });
    is $res->{status}, 403, 'no Origin but a foreign Referer: 403';

    $res = $visitor->{browser}->get("/say?channel=$ch&token=$visitor->{token}&text=get");
    is $res->{status}, 405, 'GET is not a way to post';

    is sql("SELECT last_seq FROM channel WHERE id = $channel_id")->[0][0], $before + 1,
        'of all these, only the 2000-character line was stored';
    is sql("SELECT COUNT(*) FROM channel_event WHERE channel_id = $channel_id AND body IN ('intruding', 'from evil', 'referer', 'wrong token', 'agent token')")->[0][0],
        0, 'none of the refused lines';
};

subtest 'HTML in a line is data' => sub {
    my $html = q{<script>alert("x")</script><img src=x onerror=alert(1)> & "quotes" 'too'};
    my ($res, $d) = Baton::Test::chat_say($visitor, $ch, $html, cmid => 'html-1');
    is $res->{status}, 200, 'stored';
    my ($raw) = Baton::Test::chat_poll($agent, $ch, after => $d->{seq} - 1);
    unlike $raw->{content}, qr/<script>|<img/, 'the poll\'s JSON has no raw markup in it';
    my $e = Baton::Test::json_decode($raw->{content})->{events}[0];
    is $e->{body}, $html, 'the JSON string decodes to exactly what was typed';
    for my $who ($agent, $visitor) {
        my $page = $who->{browser}->get("/channel?id=$ch")->{content};
        unlike $page, qr/<script>alert|<img src=x/, 'the channel page does not carry the markup';
        like $page, qr/&lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt;&lt;img src=x onerror=alert\(1\)&gt; &amp; &quot;quotes&quot; &#39;too&#39;/,
            'it shows it escaped';
    }
};

subtest 'a closed channel takes no more lines' => sub {
    my $res = $visitor->{browser}->post('/leave', form => [channel => $ch, token => $visitor->{token}],
        headers => { Accept => 'application/json' });
    is $res->{status}, 200, 'the visitor leaves';
    my ($r, $d) = Baton::Test::chat_say($visitor, $ch, 'one more thing');
    is $r->{status}, 409, 'the visitor, who left, can post no more: 409';
    like $d->{error}, qr/ended for you/, 'saying so';
    ($r, $d) = Baton::Test::chat_say($agent, $ch, 'Goodbye!', cmid => 'bye');
    is $r->{status}, 200, 'the agent, still in the open channel, can';
    $res = $agent->{browser}->post('/leave', form => [channel => $ch, token => $agent->{token}],
        headers => { Accept => 'application/json' });
    is $res->{status}, 200, 'the agent leaves';
    is sql("SELECT state FROM channel WHERE id = $channel_id")->[0][0], 'closed', 'after the agent leaves the channel is closed';
    ($r, $d) = Baton::Test::chat_say($agent, $ch, 'hello?', cmid => 'late-1');
    is $r->{status}, 409, 'posting to a closed channel: 409';
    like $d->{error}, qr/ended/, 'saying it has ended';
    ($r) = Baton::Test::chat_say($agent, $ch, 'hello?', cmid => 'retry-7');
    is $r->{status}, 409, 'even a retry of a stored line';
    is sql("SELECT COUNT(*) FROM channel_event WHERE channel_id = $channel_id AND client_msg_id = 'late-1'")->[0][0],
        0, 'nothing was stored';
};

done_testing;
