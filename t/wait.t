#!/usr/bin/perl
# The waiting page tells the truth about the desk: with nobody signed in, or
# everyone away, it says nobody can say how long the wait is (never "You are
# next. The wait is about a minute.") and offers a message, a later time, or
# waiting anyway; with agents busy it gives the wait and the same choices;
# with someone free, the wait alone. The 5-second refresh (for browsers
# without JavaScript) is only on the page without forms: the message and
# schedule forms are on pages of their own that never refresh, and the
# request keeps its place meanwhile. Only for the visitor who asked; on to
# the channel once accepted.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

stack();
my $refresh = qr/<meta http-equiv="refresh" content="5">/;

# The choices a waiting page offers, in order (data-choices).
sub choices_of {
    my ($html) = @_;
    my ($list) = $html =~ /data-choices="([^"]*)"/;
    return [split ' ', $list // ''];
}

subtest 'nobody signed in: nobody can say how long; message, later time, wait, try later' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my @visitors = map { Baton::Test::Browser->new } 1 .. 3;
    my @ids = map { $_->ask_help($key) } @visitors;
    my $res = $visitors[0]->get("/wait?r=$ids[0]");
    is $res->{status}, 200, 'the waiting page: 200';
    like $res->{content}, qr/<h1>Nobody is at the desk right now<\/h1>/, 'says nobody is at the desk';
    like $res->{content}, qr/<span id="place">You are next\.<\/span>/, 'the first is next in line';
    like $res->{content}, qr/Nobody can answer until an agent signs in, so nobody can say how long the wait will be\./,
        'and nobody can say how long';
    unlike $res->{content}, qr/The wait is/, 'no made-up wait';
    like $res->{content}, $refresh, 'the page refreshes itself every 5 s (without JavaScript)';
    is_deeply choices_of($res->{content}), [qw(message schedule wait later)], 'the choices, a message first';
    like $res->{content}, qr/<a href="\/wait\?r=$ids[0]&amp;choice=message" id="choose-message" class="choice-link">Leave a message<\/a> and Client \Q$client\E will get back to you\./,
        'leaving a message, naming the client';
    like $res->{content}, qr/<a href="\/wait\?r=$ids[0]&amp;choice=schedule" id="choose-schedule"/, 'choosing a time';
    like $res->{content}, qr/<strong>Wait in case someone comes\.<\/strong>/, 'waiting anyway';
    like $res->{content}, qr/<button type="submit" class="secondary">Try again later<\/button>/, 'or trying later';
    unlike $res->{content}, qr/id="message-form"|id="schedule-form"/, 'no form on a page that refreshes';
    like $res->{content}, qr/<span id="wait-alerts" hidden>When an agent is ready, this page(?:'|&#39;)s title changes and it chimes\.<\/span>/,
        'the title and the chime are promised only where a script shows them';
    like $res->{content}, qr/<noscript>This page looks again every 5 seconds\.<\/noscript>/, 'without a script, what it does';
    like $res->{content}, qr/data-state="waiting"/, 'the state is on the page for its script';
    like $res->{content}, qr/data-desk="nobody"/, 'and the desk\'s';
    is Baton::Test::csrf_from($res->{content}), $visitors[0]->form_csrf, 'the forms carry the visitor\'s form token';

    $res = $visitors[1]->get("/wait?r=$ids[1]");
    like $res->{content}, qr/There is 1 person ahead of you\./, 'the second has one ahead';
    $res = $visitors[2]->get("/wait?r=$ids[2]");
    like $res->{content}, qr/There are 2 people ahead of you\./, 'the third has two ahead';
    unlike $res->{content}, qr/The wait is/, 'and no made-up wait either';

    my $status = $visitors[2]->request_status($ids[2]);
    is $status->{position}, 2, 'the status feed agrees on the position';
    is $status->{desk}, 'nobody', 'and on the desk';
    is $status->{estimate_words}, undef, 'and has no words for the wait';
    is $status->{estimate}, undef, 'nor seconds';
    is_deeply $status->{choices}, [qw(message schedule wait later)], 'the same choices';
    is $status->{agents_signed_in}, 0, 'and that nobody is signed in';

    # The first gives up: everyone moves up.
    my $csrf = $visitors[0]->form_csrf;
    is $visitors[0]->post('/cancel', form => [csrf => $csrf, r => $ids[0]])->{status}, 303, 'the first cancels';
    like $visitors[2]->get("/wait?r=$ids[2]")->{content}, qr/There is 1 person ahead of you\./, 'the third moves up';
    $res = $visitors[0]->get("/wait?r=$ids[0]");
    like $res->{content}, qr/<h1>You have left the queue<\/h1>/, 'the cancelled request says so';
    unlike $res->{content}, $refresh, 'and no longer refreshes';
};

subtest 'the forms are on pages that never refresh, and the request keeps its place' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
    my $ahead = Baton::Test::Browser->new;
    $ahead->ask_help($key, question => 'first');
    my $v = Baton::Test::Browser->new;
    my $id = $v->ask_help($key, name => 'Nora <Nobody>', question => 'Do you ship to Norway?');
    my $res = $v->get("/wait?r=$id&choice=message");
    is $res->{status}, 200, 'the message page: 200';
    like $res->{content}, qr/<h1>Leave a message<\/h1>/, 'with its heading';
    unlike $res->{content}, qr/http-equiv="refresh"/, 'it never refreshes';
    like $res->{content}, qr/You keep your place in the queue meanwhile: <span id="place">There is 1 person ahead of you\.<\/span>/,
        'it says the place is kept';
    like $res->{content}, qr/value="Nora &lt;Nobody&gt;"/, 'the name typed when asking is carried over, escaped';
    like $res->{content}, qr/>Do you ship to Norway\?<\/textarea>/, 'and the question';
    like $res->{content}, qr/<a href="\/wait\?r=$id" id="back-to-queue">Back to the queue<\/a>/, 'and the way back';
    is Baton::Test::csrf_from($res->{content}), $v->form_csrf, 'the form carries the visitor\'s form token';

    $res = $v->get("/wait?r=$id&choice=schedule");
    like $res->{content}, qr/<h1>Choose a time<\/h1>/, 'the schedule page';
    like $res->{content}, qr/id="schedule-form"/, 'with its form';
    unlike $res->{content}, qr/http-equiv="refresh"/, 'never refreshing either';

    $res = $v->get("/wait?r=$id&choice=phone");
    is $res->{status}, 400, 'an unknown choice: 400';
    like $res->{content}, qr/The field &#39;choice&#39;/, 'naming the field';

    is Baton::Test::request_row($id)->{state}, 'waiting', 'all the while the request waits';
    like $v->get("/wait?r=$id")->{content}, qr/There is 1 person ahead of you\./, 'in its place';
};

subtest 'every agent away: no made-up wait, and a message can be left' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $agent = Baton::Test::signed_in_agent(client => $client, state => 'away');
    my $v = Baton::Test::Browser->new;
    my $id = $v->ask_help($key);
    my $res = $v->get("/wait?r=$id");
    is $res->{status}, 200, 'the waiting page';
    like $res->{content}, qr/<h1>Nobody is free right now<\/h1>/, 'says nobody is free';
    like $res->{content}, qr/The agents are away from the desk for now, so nobody can say how long the wait will be\./,
        'and why nobody can say how long';
    unlike $res->{content}, qr/The wait is/, 'no made-up wait';
    like $res->{content}, $refresh, 'refreshing';
    is_deeply choices_of($res->{content}), [qw(message schedule wait later)], 'a message first, then a time, waiting, later';
    like $res->{content}, qr/id="choose-message"/, 'a message can be left (someone is signed in, but away)';
    is Baton::Test::request_row($id)->{state}, 'waiting', 'nobody is offered the request';
};

subtest 'seat cap reached: busy, the wait, and the choices for a long one' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    Baton::Test::set_client($client, seat_cap => 1);
    my $agent = Baton::Test::signed_in_agent(client => $client);
    my $first = Baton::Test::Browser->new;
    my $first_id = $first->ask_help($key);
    my $csrf = $agent->{browser}->session_csrf;
    my $res = $agent->{browser}->post('/accept', form => [csrf => $csrf, request => $first_id]);
    is $res->{status}, 303, 'the agent accepts the first visitor';
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$};
    ok $channel, 'a channel opens';

    $res = $first->get("/wait?r=$first_id");
    is $res->{status}, 303, 'the first visitor\'s waiting page: 303';
    is $res->{headers}{location}, "/channel?id=$channel", 'to the channel';

    # A second agent is free, but the client's one seat is taken.
    my $free = Baton::Test::signed_in_agent(client => $client);
    my @waiting = map { Baton::Test::Browser->new } 1 .. 2;
    my @ids = map { $_->ask_help($key) } @waiting;
    $res = $waiting[1]->get("/wait?r=$ids[1]");
    is $res->{status}, 200, 'a later visitor waits';
    like $res->{content}, qr/<h1>You are in the queue<\/h1>/, 'in the queue';
    like $res->{content}, qr/There is 1 person ahead of you\./, 'with the position';
    like $res->{content}, qr/The wait is <strong id="estimate">about 5 minutes<\/strong>\./,
        'and the wait in words (one session of 300 s: two agents for the one ahead)';
    is_deeply choices_of($res->{content}), [qw(wait schedule message later)], 'waiting first, then a time, a message, later';
    like $res->{content}, $refresh, 'refreshing every 5 s';
    my $status = $waiting[1]->request_status($ids[1]);
    is $status->{desk}, 'busy', 'the status feed says the desk is busy';
    is $status->{seats_full}, JSON::PP::true, 'the seats are full';
    is $status->{agents_available}, 2, 'two agents are available';
    is $status->{agents_free}, 1, 'one with room (the other is at their maximum)';
    is $status->{estimate_words}, 'about 5 minutes', 'the same words';
    is Baton::Test::request_row($ids[0])->{state}, 'waiting', 'and nobody is offered the next request';
};

subtest 'someone free: the wait alone' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $agent = Baton::Test::signed_in_agent(client => $client);
    my $v = Baton::Test::Browser->new;
    my $id = $v->ask_help($key);
    my $res = $v->get("/wait?r=$id");
    like $res->{content}, qr/<h1>You are in the queue<\/h1>/, 'in the queue';
    like $res->{content}, qr/The wait is <strong id="estimate">less than a minute<\/strong>\./, 'less than a minute';
    is_deeply choices_of($res->{content}), [qw(wait later)], 'waiting (or cancelling) is all that fits';
    like $res->{content}, qr/<button type="submit" class="secondary">Cancel my request<\/button>/, 'cancelling says so';
};

subtest 'only for the visitor who asked' => sub {
    my ($key) = Baton::Test::new_help_site(ask_question => 0);
    my $v = Baton::Test::Browser->new;
    my $id = $v->ask_help($key);
    my $other = Baton::Test::Browser->new;
    $other->ask_help($key);
    my $res = $other->get("/wait?r=$id");
    is $res->{status}, 403, 'another visitor: 403';
    like $res->{content}, qr/This help request was made in another browser\./, 'saying so';
    unlike $res->{content}, qr/\Q$id\E/, 'without showing the request';
    is $other->get("/wait?r=$id&choice=message")->{status}, 403, 'nor its message page';
    my $anon = Baton::Test::Browser->new;
    is $anon->get("/wait?r=$id")->{status}, 403, 'a browser with no visitor cookie: 403';
    $anon->set_cookie(baton_visitor => 'a' x 64);
    is $anon->get("/wait?r=$id")->{status}, 403, 'a made-up visitor cookie: 403';
    is $v->get("/wait?r=$id")->{status}, 200, 'the visitor who asked: 200';

    $res = $v->get('/wait?r=' . ('0' x 32));
    is $res->{status}, 404, 'an unknown id: 404';
    like $res->{content}, qr/There is no such help request\./, 'saying so';
    is $v->get('/wait?r=not-an-id')->{status}, 400, 'a malformed id: 400';
    $res = $v->get('/wait?r=' . ('0' x 33));
    is $res->{status}, 400, 'an over-long id: 400';
    like $res->{content}, qr/The field &#39;r&#39; is too long \(at most 32 characters\)\./, 'saying so';
    $res = $v->get('/wait');
    is $res->{status}, 400, 'no id: 400';
    like $res->{content}, qr/The field &#39;r&#39; is required\./, 'naming the field';
};

subtest 'accepted: on to the channel' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $agent = Baton::Test::signed_in_agent(client => $client);
    my $v = Baton::Test::Browser->new;
    my $id = $v->ask_help($key);
    ok Baton::Test::wait_for('the offer', 5, sub { Baton::Test::request_row($id)->{state} eq 'offered' }),
        'the request is offered to the agent';
    my $res = $v->get("/wait?r=$id");
    like $res->{content}, qr/<p class="notice" id="connecting">An agent is being connected to you…<\/p>/,
        'the visitor sees an agent is being connected';
    like $res->{content}, qr/The wait is <strong id="estimate">less than a minute<\/strong>\./, 'with the wait for the accept';
    like $res->{content}, $refresh, 'still refreshing';
    $res = $agent->{browser}->post('/accept', form => [csrf => $agent->{browser}->session_csrf, request => $id]);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$};
    $res = $v->get("/wait?r=$id");
    is $res->{status}, 303, 'once accepted the waiting page answers 303';
    is $res->{headers}{location}, "/channel?id=$channel", 'to the channel';
    is $v->get("/wait?r=$id&choice=message")->{headers}{location}, "/channel?id=$channel", 'so does a form page';
    is $v->get("/channel?id=$channel")->{status}, 200, 'which the visitor can open';
};

done_testing;
