#!/usr/bin/perl
# The transcript: the people who were in a conversation (the visitor after
# the end, the agent) read every line in order, with times in UTC that its
# script shows in the reader's zone (never the raw stored stamp); a visitor
# who left is told it is over for them; nobody else can read it.
use strict;
use warnings;
use utf8;
use lib "$ENV{BATON_ROOT}/t/lib";
use Encode qw(decode_utf8);
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $c = Baton::Test::open_channel(agent_name => 'Tina Transcript');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
my $id = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];
my $name = sql("SELECT name FROM channel WHERE id = $id")->[0][0];

# Lines from both sides, more than one page of events (the poll hands them
# out 500 at a time; the transcript must still have them all).
my $lines = 520;
my @said;
for my $n (1 .. $lines) {
    my $who = $n % 3 ? $visitor : $agent;
    my $text = sprintf 'line %04d from the %s%s', $n, $n % 3 ? 'visitor' : 'agent', $n == 7 ? ' <em>café</em> & co' : '';
    my ($res) = Baton::Test::chat_say($who, $ch, $text, cmid => "t$n");
    die "post $n: $res->{status}" unless $res->{status} == 200;
    push @said, [$n % 3 ? 'Visitor' : 'Tina Transcript', $text];
}

sub transcript_lines {
    my ($html) = @_;
    $html = decode_utf8($html);
    my @got;
    while ($html =~ m{<li class="event event-(\w+)(?: mine)?">(.*?)</li>}gs) {
        my ($kind, $li) = ($1, $2);
        if ($kind eq 'line') {
            my ($who) = $li =~ m{<span class="who">(.*?):</span>};
            my ($body) = $li =~ m{<span class="body">(.*?)</span>}s;
            push @got, [$who, $body];
        } else {
            my ($notice) = $li =~ m{<span class="notice">(.*?)</span>};
            push @got, [$kind, $notice];
        }
    }
    return \@got;
}

sub escaped { my $t = shift; $t =~ s/&/&amp;/g; $t =~ s/</&lt;/g; $t =~ s/>/&gt;/g; return $t }

subtest 'while the conversation goes on' => sub {
    my $res = $agent->{browser}->get("/transcript?id=$ch");
    is $res->{status}, 200, 'the agent can open the transcript';
    like $res->{content}, qr/<h1>Transcript: \Q$name\E<\/h1>/, 'titled with the channel name';
    like $res->{content}, qr{This session is still going on\. <a href="/channel\?id=$ch">Back to it</a>}, 'saying it is still going on';
};

subtest 'after the end: the visitor, and the agent' => sub {
    my $res = $agent->{browser}->post('/leave', form => [channel => $ch, token => $agent->{token}]);
    is sql("SELECT state FROM channel WHERE id = $id")->[0][0], 'closed', 'the agent has left, the channel is closed';
    my $page = $visitor->{browser}->get("/channel?id=$ch")->{content};
    like $page, qr{href="/transcript\?id=$ch" id="transcript-link"}, 'the visitor\'s channel page links to the transcript';
    my $events = $lines + 5;
    like $page, qr/data-last-seq="$events"/, "the channel page, too, has read all $events events";
    is scalar(() = $page =~ /<li class="event /g), $events, 'and shows every one of them';

    my @expected = (['join', 'Tina Transcript joined'], ['join', 'Visitor joined'],
        ['address', qq{Tina Transcript led everyone to <span class="address">$s->{URL}/demo/x.html}],
        (map { [$_->[0], escaped($_->[1])] } @said),
        ['leave', 'Tina Transcript left'], ['close', 'The session ended']);
    for my $who ([$visitor, 'visitor'], [$agent, 'agent']) {
        my $res = $who->[0]{browser}->get("/transcript?id=$ch");
        is $res->{status}, 200, "the $who->[1] opens the transcript";
        unlike $res->{content}, qr/still going on/, 'which is over';
        my $got = transcript_lines($res->{content});
        is scalar @$got, scalar @expected, "$who->[1]: every event is there (" . scalar(@expected) . ')';
        is_deeply $got, \@expected, "$who->[1]: every line, once, in order, with who said it";
        like decode_utf8($res->{content}), qr/&lt;em&gt;café&lt;\/em&gt; &amp; co/, "$who->[1]: markup in a line is shown as text";
        my @times = $res->{content} =~ /<time class="at" datetime="([^"]+)">/g;
        is scalar @times, scalar @expected, "$who->[1]: each with its time";
        my @shown = $res->{content} =~ /<time class="at" datetime="[^"]+">([^<]*)<\/time>/g;
        is scalar(grep { /^\d\d:\d\d UTC$/ } @shown), scalar @expected, "$who->[1]: shown as HH:MM UTC without a script";
        like $res->{content}, qr{<script src="/js/transcript\.js" defer></script>}, "$who->[1]: whose script shows the reader's own zone";
        is_deeply [sort @times], \@times, "$who->[1]: times never go backwards";
    }
};

subtest 'a visitor who left: over for them, though it goes on' => sub {
    my $o = Baton::Test::open_channel();
    my $oc = $o->{channel};
    my $res = $o->{visitor}{browser}->post('/leave', form => [channel => $oc, token => $o->{visitor}{token}],
        headers => { Origin => $s->{URL} });
    is $res->{headers}{location}, "/transcript?id=$oc", 'the visitor leaves, to the transcript';
    my $page = $o->{visitor}{browser}->get("/transcript?id=$oc")->{content};
    unlike $page, qr/still going on|Back to it/, 'which does not call them back into it';
    like $page, qr/You have left this session: it is over for you\./, 'but says it is over for them';
    like $o->{agent}{browser}->get("/transcript?id=$oc")->{content}, qr/This session is still going on\./,
        'while the agent, still in it, is told it goes on';
};

subtest 'outsiders get 403' => sub {
    my $other = Baton::Test::open_channel();
    for my $case ([$other->{visitor}{browser}, 'a visitor of another conversation'],
                  [$other->{agent}{browser}, 'an agent of another client'],
                  [Baton::Test::signed_in_agent(client => $c->{client}, state => 'away')->{browser}, 'another agent of the same client'],
                  [Baton::Test::Browser->new, 'a browser with no cookies']) {
        my $res = $case->[0]->get("/transcript?id=$ch");
        is $res->{status}, 403, "$case->[1]: 403";
        unlike $res->{content}, qr/line 0001/, "$case->[1]: sees no line";
    }
    my $forger = Baton::Test::Browser->new;
    $forger->set_cookie(baton_visitor => join '', map { sprintf '%x', int rand 16 } 1 .. 64);
    is $forger->get("/transcript?id=$ch")->{status}, 403, 'a made-up visitor cookie: 403';
    is $visitor->{browser}->get('/transcript?id=' . ('0' x 32))->{status}, 403, 'an unknown id: 403';
    is $other->{visitor}{browser}->get("/transcript?id=$other->{channel}")->{status}, 200,
        'while each can read their own';
};

done_testing;
