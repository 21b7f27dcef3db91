#!/usr/bin/perl
# The waiting page: place in the queue and the wait in words, the 5-second
# meta refresh, the message form when nobody is signed in, the overflow page
# (schedule form) when no agent is free or the seat cap is reached, only for
# the visitor who asked, and on to the channel once accepted.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

stack();
my $refresh = qr/<meta http-equiv="refresh" content="5">/;

subtest 'nobody signed in: position, wait in words, refresh, leave a message' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my @visitors = map { Baton::Test::Browser->new } 1 .. 3;
    my @ids = map { $_->ask_help($key) } @visitors;
    my $res = $visitors[0]->get("/wait?r=$ids[0]");
    is $res->{status}, 200, 'the waiting page: 200';
    like $res->{content}, qr/<h1>You are in the queue<\/h1>/, 'in the queue';
    like $res->{content}, qr/You are next\./, 'the first is next';
    # No accepted sessions yet: 30 s to accept plus 300 s per session ahead.
    like $res->{content}, qr/The wait is <strong id="estimate">about 5 minutes<\/strong>\./, 'the wait in words';
    like $res->{content}, $refresh, 'the page refreshes itself every 5 s';
    like $res->{content}, qr/<h2>Nobody is at the desk right now<\/h2>/, 'nobody is at the desk';
    like $res->{content}, qr/Leave a message and Client \Q$client\E will get back to you\./, 'naming the client';
    like $res->{content}, qr/<form method="post" action="\/message" id="message-form">/, 'the message form';
    like $res->{content}, qr/<input type="hidden" name="r" value="$ids[0]">/, 'for this request';
    like $res->{content}, qr/<form method="post" action="\/schedule" id="schedule-form">/, 'scheduling is offered too';
    like $res->{content}, qr/<details id="schedule" >/, '(folded away)';
    like $res->{content}, qr/<form method="post" action="\/cancel" id="cancel-form">/, 'and cancelling';
    like $res->{content}, qr/data-state="waiting"/, 'the state is on the page for its script';
    is Baton::Test::csrf_from($res->{content}), $visitors[0]->form_csrf, 'the forms carry the visitor\'s form token';

    $res = $visitors[1]->get("/wait?r=$ids[1]");
    like $res->{content}, qr/There is 1 person ahead of you\./, 'the second has one ahead';
    like $res->{content}, qr/The wait is <strong id="estimate">about 10 minutes<\/strong>\./, 'and waits longer';
    $res = $visitors[2]->get("/wait?r=$ids[2]");
    like $res->{content}, qr/There are 2 people ahead of you\./, 'the third has two ahead';
    like $res->{content}, qr/The wait is <strong id="estimate">about 15 minutes<\/strong>\./, 'and waits longer still';

    my $status = $visitors[2]->request_status($ids[2]);
    is $status->{position}, 2, 'the status feed agrees on the position';
    is $status->{estimate_words}, 'about 15 minutes', 'and on the words';
    is $status->{agents_signed_in}, 0, 'and that nobody is signed in';

    # The first gives up: everyone moves up.
    my $csrf = $visitors[0]->form_csrf;
    is $visitors[0]->post('/cancel', form => [csrf => $csrf, r => $ids[0]])->{status}, 303, 'the first cancels';
    like $visitors[2]->get("/wait?r=$ids[2]")->{content}, qr/There is 1 person ahead of you\./, 'the third moves up';
    $res = $visitors[0]->get("/wait?r=$ids[0]");
    like $res->{content}, qr/<h1>You have left the queue<\/h1>/, 'the cancelled request says so';
    unlike $res->{content}, $refresh, 'and no longer refreshes';
};

subtest 'agents signed in but none free: the overflow page' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $agent = Baton::Test::signed_in_agent(client => $client, state => 'break');
    my $v = Baton::Test::Browser->new;
    my $id = $v->ask_help($key);
    my $res = $v->get("/wait?r=$id");
    is $res->{status}, 200, 'the waiting page';
    like $res->{content}, $refresh, 'refreshing';
    unlike $res->{content}, qr/id="message-form"/, 'no message form: someone is signed in';
    like $res->{content}, qr/<details id="schedule" open>/, 'the schedule form is open';
    like $res->{content}, qr/id="schedule-form"/, 'the schedule form';
    like $res->{content}, qr/You are next\./, 'with the position';
    like $res->{content}, qr/The wait is <strong id="estimate">about 5 minutes<\/strong>\./, 'and the wait';
    is Baton::Test::request_row($id)->{state}, 'waiting', 'nobody is offered the request';
};

subtest 'seat cap reached: the overflow page with the position' => sub {
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
    like $res->{content}, qr/<details id="schedule" open>/, 'on the overflow page (schedule form open)';
    like $res->{content}, qr/id="schedule-form"/, 'with the schedule form';
    unlike $res->{content}, qr/id="message-form"/, 'and no message form';
    like $res->{content}, qr/There is 1 person ahead of you\./, 'with the position';
    like $res->{content}, qr/The wait is <strong id="estimate">about 10 minutes<\/strong>\./, 'and the wait in words (two sessions of 300 s for the one agent with room)';
    like $res->{content}, $refresh, 'refreshing every 5 s';
    my $status = $waiting[1]->request_status($ids[1]);
    is $status->{seats_full}, JSON::PP::true, 'the status feed says the seats are full';
    is $status->{agents_available}, 1, 'one agent has room (the other is at their maximum)';
    is Baton::Test::request_row($ids[0])->{state}, 'waiting', 'and nobody is offered the next request';
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
    like $res->{content}, $refresh, 'still refreshing';
    $res = $agent->{browser}->post('/accept', form => [csrf => $agent->{browser}->session_csrf, request => $id]);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$};
    $res = $v->get("/wait?r=$id");
    is $res->{status}, 303, 'once accepted the waiting page answers 303';
    is $res->{headers}{location}, "/channel?id=$channel", 'to the channel';
    is $v->get("/channel?id=$channel")->{status}, 200, 'which the visitor can open';
};

done_testing;
