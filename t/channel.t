#!/usr/bin/perl
# The channel page: both parties see it with their names and the join
# notices; anyone else (another visitor, another agent of the client, an
# agent of another client, a forged visitor cookie, an unknown id) gets 403;
# a closed channel stays readable by its participants with the ended notice.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $c = Baton::Test::open_channel(agent_name => 'Cora Channel');
my $ch = $c->{channel};
my $name = sql("SELECT name FROM channel WHERE public_id = '$ch'")->[0][0];

sub forbidden {
    my ($res, $what) = @_;
    is $res->{status}, 403, "$what: 403";
    like $res->{content}, qr/You are not in this conversation\./, "$what: saying why";
    unlike $res->{content}, qr/\Q$c->{agent}{token}\E|\Q$c->{visitor}{token}\E|data-token/, "$what: no token leaks";
    unlike $res->{content}, qr/Cora Channel joined/, "$what: nor the conversation";
}

subtest 'the agent\'s page' => sub {
    my $res = $c->{agent}{browser}->get("/channel?id=$ch");
    is $res->{status}, 200, 'GET /channel is 200 for the agent';
    my $html = $res->{content};
    is $name, "Visitor · 127.0.0.1:$s->{PORT}/demo/x.html", 'the channel is named for who the visitor is and where they asked from';
    like $html, qr/<h1>\Q$name\E<\/h1>/, 'the page shows the channel name';
    like $html, qr/data-channel="$ch"/, 'it carries the channel id';
    like $html, qr/data-role="agent"/, 'and the viewer\'s role';
    is Baton::Test::channel_token($html), $c->{agent}{token}, 'and the agent\'s participant token';
    like $html, qr/class="person role-agent me">Cora Channel</, 'the agent is listed (as the reader)';
    like $html, qr/class="person role-visitor">Visitor</, 'and the visitor';
    like $html, qr/Cora Channel joined.*Visitor joined/s, 'join notices, in order';
    like $html, qr/data-last-seq="3"/, 'three events so far (the joins, the page led to)';
    like $html, qr/data-url="\Q$s->{URL}\E\/demo\/x\.html"/, 'the view starts on the page the visitor asked from';
    like $html, qr/id="say-form"/, 'an input line';
    like $html, qr/id="transfer-form"/, 'the agent may transfer';
    like $html, qr/id="ended" class="notice" hidden/, 'no ended notice while open';
    is $res->{headers}{'cache-control'}, 'no-store', 'never cached';
};

subtest 'the visitor\'s page' => sub {
    my $res = $c->{visitor}{browser}->get("/channel?id=$ch");
    is $res->{status}, 200, 'GET /channel is 200 for the visitor';
    my $html = $res->{content};
    like $html, qr/data-role="visitor"/, 'as the visitor';
    is Baton::Test::channel_token($html), $c->{visitor}{token}, 'with the visitor\'s own token';
    isnt $c->{visitor}{token}, $c->{agent}{token}, 'which differs from the agent\'s';
    like $html, qr/Cora Channel joined.*Visitor joined/s, 'join notices';
    like $html, qr/<title>Live help from Client c\d+ · Baton<\/title>/, 'the visitor\'s title: whom they talk with';
    like $html, qr/<h1>Live help from Client c\d+<\/h1>/, 'and its heading';
    like $html, qr/class="person role-agent">Cora Channel</, 'the agent\'s name';
    like $html, qr/class="person role-visitor me">Visitor</, 'and the visitor, as the reader';
    like $html, qr/id="say-form"/, 'an input line';
    unlike $html, qr/id="transfer-form"/, 'but no transfer for a visitor';
};

subtest 'in the widget\'s panel' => sub {
    my $res = $c->{visitor}{browser}->get("/channel?id=$ch", headers => { 'Sec-Fetch-Dest' => 'iframe' });
    is $res->{status}, 200, 'the visitor\'s page, asked for by a frame';
    like $res->{headers}{'content-security-policy'}, qr/frame-ancestors 'self' 127\.0\.0\.1:\* /, 'may be framed by the site\'s domains';
    like $res->{content}, qr/<div class="panel-bar">/, 'and is the conversation alone, with the panel\'s bar';
    like $res->{content}, qr{<a href="/channel\?id=$ch" target="_blank" rel="noopener" id="full-viewer">Open the full viewer</a>},
        'the full viewer one click away';
    unlike $res->{content}, qr/id="stage"|viewer\.js/, 'no view of its own: the visitor\'s page is the view';
    like $res->{content}, qr{<script src="/js/panel\.js" defer></script>}, 'the panel\'s script makes it so';
    $res = $c->{agent}{browser}->get("/channel?id=$ch", headers => { 'Sec-Fetch-Dest' => 'iframe' });
    like $res->{headers}{'content-security-policy'}, qr/frame-ancestors 'none'/, 'an agent\'s page is never framed';
    like $res->{content}, qr/id="stage"/, 'and stays the full viewer';
};

subtest 'outsiders get 403' => sub {
    # Another visitor of the same site, with a real cookie of their own.
    my $other = Baton::Test::Browser->new;
    my $help = $other->get("/help?site=$c->{site_key}", headers => { Referer => "$s->{URL}/demo/x.html" });
    is $help->{status}, 303, 'another visitor clicks the help link';
    ok $other->cookie('baton_visitor'), 'and has a visitor cookie';
    forbidden($other->get("/channel?id=$ch"), 'another visitor');

    my $colleague = Baton::Test::signed_in_agent(client => $c->{client}, state => 'away');
    forbidden($colleague->{browser}->get("/channel?id=$ch"), 'another agent of the same client');

    my $stranger = Baton::Test::signed_in_agent(state => 'away');
    forbidden($stranger->{browser}->get("/channel?id=$ch"), 'an agent of another client');

    forbidden(Baton::Test::Browser->new->get("/channel?id=$ch"), 'a browser with no cookie');

    my $forger = Baton::Test::Browser->new;
    $forger->set_cookie(baton_visitor => join '', map { sprintf '%x', int rand 16 } 1 .. 64);
    forbidden($forger->get("/channel?id=$ch"), 'a made-up visitor cookie');
    $forger->set_cookie(baton_visitor => 'x' . substr($c->{visitor}{browser}->cookie('baton_visitor'), 1));
    forbidden($forger->get("/channel?id=$ch"), 'a damaged copy of the visitor\'s cookie');
    # The visitor's cookie holds the only proof; the database keeps its hash.
    my $hash = sql("SELECT token_hash FROM visitor WHERE id = $c->{visitor}{id}")->[0][0];
    $forger->set_cookie(baton_visitor => $hash);
    forbidden($forger->get("/channel?id=$ch"), 'the stored hash used as a cookie');

    my $unknown = join '', map { sprintf '%x', int rand 16 } 1 .. 32;
    forbidden($c->{agent}{browser}->get("/channel?id=$unknown"), 'an unknown channel id');
    forbidden($c->{visitor}{browser}->get("/channel?id=$unknown"), 'an unknown channel id (visitor)');
    my $res = $c->{agent}{browser}->get('/channel?id=..%2Fetc');
    is $res->{status}, 400, 'a malformed channel id: 400, before anything is looked up';
    like $res->{content}, qr/The field &#39;id&#39; is not a valid key/, 'saying what is wrong';
    unlike $res->{content}, qr/data-token|Cora Channel joined/, 'and showing nothing of the channel';
    is $c->{agent}{browser}->get('/channel')->{status}, 400, 'no id at all: 400';

    # The outsiders' own channel does not open this one either.
    my $c2 = Baton::Test::open_channel();
    forbidden($c2->{visitor}{browser}->get("/channel?id=$ch"), 'a participant of another channel');
    forbidden($c2->{agent}{browser}->get("/channel?id=$ch"), 'the agent of another channel');
    is $c2->{visitor}{browser}->get("/channel?id=$c2->{channel}")->{status}, 200, 'who can open their own';
};

# channel_member (the procedure of schema 281, which /say's line_post shares):
# staff of another client who are this channel's visitor are looked at as
# that visitor; staff of the channel's own client are not.
subtest 'staff of another client, in the channel as its visitor' => sub {
    my $cookie = $c->{visitor}{browser}->cookie('baton_visitor');
    my $other = Baton::Test::signed_in_agent(state => 'away');
    $other->{browser}->set_cookie(baton_visitor => $cookie);
    my $res = $other->{browser}->get("/channel?id=$ch");
    is $res->{status}, 200, 'they open the conversation as its visitor';
    is Baton::Test::channel_token($res->{content}), $c->{visitor}{token}, 'with the visitor\'s token';
    my $colleague = Baton::Test::signed_in_agent(client => $c->{client}, state => 'away');
    $colleague->{browser}->set_cookie(baton_visitor => $cookie);
    forbidden($colleague->{browser}->get("/channel?id=$ch"), 'a colleague not in it, with the visitor\'s cookie');
};

subtest 'a closed channel stays readable by its participants' => sub {
    my ($res) = Baton::Test::chat_say($c->{visitor}, $ch, 'Thanks, that was all.');
    is $res->{status}, 200, 'a last line';
    $res = $c->{agent}{browser}->post('/leave', form => [channel => $ch, token => $c->{agent}{token}]);
    is $res->{status}, 303, 'the agent leaves';
    is sql("SELECT state FROM channel WHERE public_id = '$ch'")->[0][0], 'closed', 'the channel is closed';
    for my $who (qw(visitor agent)) {
        my $page = $c->{$who}{browser}->get("/channel?id=$ch");
        is $page->{status}, 200, "the $who can still open it";
        my $html = $page->{content};
        like $html, qr/Thanks, that was all\./, "$who: the lines are there";
        like $html, qr/Cora Channel left.*The session has ended/s, "$who: leave and end notices";
        like $html, qr/<p id="ended" class="notice">This session has ended\./, "$who: the ended notice is shown";
        like $html, qr{href="/transcript\?id=$ch" id="transcript-link"}, "$who: with the transcript link";
        like $html, qr/data-open="0"/, "$who: marked closed for the script";
        unlike $html, qr/id="say-form"/, "$who: no input line any more";
        unlike $html, qr/id="leave-form"/, "$who: nor a leave button";
    }
    my $other = Baton::Test::Browser->new;
    forbidden($other->get("/channel?id=$ch"), 'an outsider, after the end');
};

done_testing;
