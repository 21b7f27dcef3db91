#!/usr/bin/perl
# Cancelling a help request: it leaves the queue (and the agents' consoles),
# is archived, frees an agent it was offered to, happens once, and only by
# the visitor who asked, with the form token.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

stack();

sub in_queue {
    my ($agent, $id) = @_;
    return grep { $_->{id} eq $id } @{ $agent->{browser}->console_snapshot->{queue} };
}

subtest 'cancel removes the request from the queue' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $agent = Baton::Test::signed_in_agent(client => $client, state => 'break');
    my $v = Baton::Test::Browser->new;
    my $id = $v->ask_help($key);
    ok in_queue($agent, $id), 'the console lists the request';
    my $csrf = Baton::Test::csrf_from($v->get("/wait?r=$id")->{content});
    my $version = $agent->{browser}->console_snapshot->{version};

    my $res = $v->post('/cancel', form => [csrf => $csrf, r => $id]);
    is $res->{status}, 303, 'cancel: 303';
    is $res->{headers}{location}, "/wait?r=$id", 'back to the waiting page';
    like $v->get("/wait?r=$id")->{content}, qr/Your request is cancelled\. You can close this page\./, 'which says it is cancelled';
    my $snapshot = $agent->{browser}->console_snapshot;
    ok !(grep { $_->{id} eq $id } @{ $snapshot->{queue} }), 'the console no longer lists it';
    ok $snapshot->{version} > $version, 'the queue version moved on (held consoles are woken)';
    my $row = Baton::Test::request_row($id);
    is $row->{state}, 'cancelled', 'the request is cancelled';
    ok sql("SELECT ended_at IS NOT NULL FROM help_request WHERE public_id = '$id'")->[0][0], 'with an end time';
    is_deeply Baton::Test::request_events($id), [qw(created cancelled)], 'and the cancel is archived';
    is $v->request_status($id)->{state}, 'cancelled', 'the status feed says so too';

    $res = $v->post('/cancel', form => [csrf => $csrf, r => $id]);
    is $res->{status}, 409, 'cancelling twice: 409';
    like $res->{content}, qr/This request is no longer waiting\./, 'saying so';
    is_deeply Baton::Test::request_events($id), [qw(created cancelled)], 'nothing more is archived';

    $res = $agent->{browser}->post('/accept', form => [csrf => $agent->{browser}->session_csrf, request => $id]);
    is $res->{status}, 409, 'an agent cannot accept a cancelled request';
};

subtest 'cancelling an offered request frees the agent for the next one' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $agent = Baton::Test::signed_in_agent(client => $client);
    my ($v1, $v2) = map { Baton::Test::Browser->new } 1 .. 2;
    my $id1 = $v1->ask_help($key);
    my $id2 = $v2->ask_help($key);
    ok Baton::Test::wait_for('the offer', 5, sub { (Baton::Test::request_row($id1)->{state} // '') eq 'offered' }),
        'the first request is offered to the agent';
    is Baton::Test::request_row($id2)->{state}, 'waiting', 'the second waits (one offer per agent)';
    my $csrf = Baton::Test::csrf_from($v1->get("/wait?r=$id1")->{content});
    is $v1->post('/cancel', form => [csrf => $csrf, r => $id1])->{status}, 303, 'the first visitor cancels';
    my $row = Baton::Test::request_row($id1);
    is $row->{state}, 'cancelled', 'the offer is withdrawn';
    ok !defined $row->{offered_agent_id}, 'from the agent';
    ok Baton::Test::wait_for('the next offer', 3, sub { (Baton::Test::request_row($id2)->{state} // '') eq 'offered' }),
        'the second request is offered to the agent at once';
    my ($entry) = grep { $_->{id} eq $id2 } @{ $agent->{browser}->console_snapshot->{queue} };
    is $entry->{offered_to_me}, 1, 'as the agent\'s console shows';
};

subtest 'CSRF and ownership' => sub {
    my ($key) = Baton::Test::new_help_site(ask_question => 0);
    my $v = Baton::Test::Browser->new;
    my $id = $v->ask_help($key);
    my $csrf = Baton::Test::csrf_from($v->get("/wait?r=$id")->{content});
    my $res = $v->post('/cancel', form => [r => $id]);
    is $res->{status}, 400, 'no csrf field: 400';
    like $res->{content}, qr/The field &#39;csrf&#39; is required\./, 'naming it';
    $res = $v->post('/cancel', form => [csrf => 'b' x 64, r => $id]);
    is $res->{status}, 403, 'a wrong token: 403';
    like $res->{content}, qr/The form&#39;s security token is missing or out of date\./, 'saying so';
    $res = $v->post('/cancel', form => [csrf => $csrf, r => $id], headers => { Origin => 'https://evil.test' });
    is $res->{status}, 403, 'from another origin: 403';
    $res = $v->get("/cancel?csrf=$csrf&r=$id");
    is $res->{status}, 405, 'a GET cannot cancel: 405';

    my $other = Baton::Test::Browser->new;
    my $other_id = $other->ask_help($key);
    my $other_csrf = Baton::Test::csrf_from($other->get("/wait?r=$other_id")->{content});
    $res = $other->post('/cancel', form => [csrf => $other_csrf, r => $id]);
    is $res->{status}, 403, 'someone else\'s request: 403';
    like $res->{content}, qr/This help request was made in another browser\./, 'saying so';
    $res = $v->post('/cancel', form => [csrf => $csrf, r => '0' x 32]);
    is $res->{status}, 404, 'an unknown request: 404';
    is Baton::Test::request_row($id)->{state}, 'waiting', 'none of that cancelled anything';
    is Baton::Test::request_row($other_id)->{state}, 'waiting', 'nor the other visitor\'s request';
};

done_testing;
