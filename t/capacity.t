#!/usr/bin/perl
# One definition of "free to take a visitor" (lib/capacity.c): signed in,
# available, not disabled, fewer open sessions than their maximum (watching
# one silently counts) and no offer out. Routing offers only to such
# agents, /availability and the waiting page say "available" only when one
# exists (and a seat is free), the desk lists only them as people to hand
# a session to, and /accept and /transfer never take anyone past their
# maximum.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();

sub csrf { $_[0]{csrf} //= $_[0]{browser}->session_csrf }

sub accept_request {
    my ($agent, $request) = @_;
    return $agent->{browser}->post('/accept', form => [csrf => csrf($agent), request => $request],
        headers => { Origin => $s->{URL} });
}

sub open_sessions {
    my ($agent_id) = @_;
    return sql("SELECT COUNT(*) FROM participant p JOIN channel ch ON ch.id = p.channel_id"
        . " WHERE p.agent_id = $agent_id AND p.left_at IS NULL AND ch.state = 'open'")->[0][0];
}

sub availability {
    my ($key) = @_;
    my $res = Baton::Test::Browser->new->get("/availability?site=$key");
    return (Baton::Test::json_decode($res->{content}) // {})->{status} // "HTTP $res->{status}";
}

# A request that waits (the client's agents are all away or busy).
sub waiting_request {
    my ($key) = @_;
    return Baton::Test::Browser->new->ask_help($key, question => 'Capacity?');
}

subtest '/accept never takes an agent past their maximum' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $ann = Baton::Test::signed_in_agent(client => $client, name => 'Ann Accept', state => 'away');
    is sql("SELECT max_sessions FROM agent WHERE id = $ann->{id}")->[0][0], 1, 'Ann may hold one session';
    my ($r1, $r2) = (waiting_request($key), waiting_request($key));
    my $res = accept_request($ann, $r1);
    is $res->{status}, 303, 'she accepts a first request';
    $res = accept_request($ann, $r2);
    is $res->{status}, 409, 'a second one, while the first is open: 409';
    like $res->{content}, qr/already hold as many sessions as you may/, 'saying why';
    is open_sessions($ann->{id}), 1, 'she holds one session';
    is Baton::Test::request_row($r2)->{state}, 'waiting', 'the second visitor still waits';
    sql("UPDATE agent SET max_sessions = 2 WHERE id = $ann->{id}");
    is accept_request($ann, $r2)->{status}, 303, 'with a maximum of two, she takes it';
};

subtest 'a transfer never lands on someone with an offer out or at their maximum' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $c = Baton::Test::open_channel(client => $client, site_key => $key, agent_name => 'Tom Transfer');
    my $bea = Baton::Test::signed_in_agent(client => $client, name => 'Bea Busy');
    # Bea is free, so the router offers her the next visitor.
    my $next = waiting_request($key);
    ok Baton::Test::wait_for('the offer to Bea', 10,
        sub { (Baton::Test::request_row($next)->{offered_agent_id} // 0) == $bea->{id} }),
        'the next visitor is offered to Bea';
    my $page = $c->{agent}{browser}->get("/channel?id=$c->{channel}")->{content};
    # Only the hand-over list: other lists (an invitation's lifetime) have
    # numeric values too.
    my ($handover) = $page =~ m{<select id="transfer-agent"[^>]*>(.*?)</select>}s;
    ok defined $handover, 'Tom\'s page has the hand-over list';
    unlike $handover // '', qr/<option value="$bea->{id}">/, 'which does not offer her as someone to hand over to';
    my $res = $c->{agent}{browser}->post('/transfer', form => [channel => $c->{channel},
        token => $c->{agent}{token}, agent => $bea->{id}], headers => { Origin => $s->{URL} });
    is $res->{status}, 409, 'handing her the session anyway: 409';
    is open_sessions($bea->{id}), 0, 'she holds no session';
    is Baton::Test::request_row($next)->{offered_agent_id}, $bea->{id}, 'and still just her offer';

    # With the offer taken she is at her maximum of one: no more transfers.
    is accept_request($bea, $next)->{status}, 303, 'Bea accepts her offer';
    $res = $c->{agent}{browser}->post('/transfer', form => [channel => $c->{channel},
        token => $c->{agent}{token}, agent => $bea->{id}], headers => { Origin => $s->{URL} });
    is $res->{status}, 409, 'at her maximum: a transfer to her is refused';
    is open_sessions($bea->{id}), 1, 'she still holds one session';
};

subtest 'a supervisor watching a session is busy everywhere, not only for routing' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $c = Baton::Test::open_channel(client => $client, site_key => $key, agent_name => 'Ada Agent');
    # Ada (at her maximum of one) is busy; Sue is the only other one, free.
    my $sue = Baton::Test::signed_in_agent(client => $client, role => 'supervisor', name => 'Sue Watch');
    is availability($key), 'available', 'with Sue free: available';
    my $res = $sue->{browser}->post('/monitor', form => [csrf => csrf($sue), channel => $c->{channel}],
        headers => { Origin => $s->{URL} });
    is $res->{status}, 303, 'Sue watches Ada\'s session';
    is availability($key), 'busy', 'now nobody is free: busy, not available';
    my $v = Baton::Test::Browser->new;
    my $r = $v->ask_help($key);
    my $st = $v->request_status($r);
    is $st->{agents_free}, 0, 'the waiting page counts nobody free to take a visitor';
    is $st->{desk}, 'busy', 'and tells the visitor the desk is busy';
    like $v->get("/wait?r=$r")->{content}, qr/id="choose-schedule"/,
        'and offers to choose a later time instead';
    ok !Baton::Test::wait_for('an offer', 3, sub { defined Baton::Test::request_row($r)->{offered_agent_id} }),
        'nobody is offered the visitor';
};

subtest 'the same answer from every place, as people come and go' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    is availability($key), 'closed', 'nobody signed in: closed';
    my $al = Baton::Test::signed_in_agent(client => $client, name => 'Al Away', state => 'away');
    is availability($key), 'away', 'an agent away: away (nobody free, nobody busy)';
    my $fay = Baton::Test::signed_in_agent(client => $client, name => 'Fay Free');
    is availability($key), 'available', 'an agent available: available';
    Baton::Test::set_client($client, seat_cap => 0);
    is availability($key), 'busy', 'every seat of the desk in use: busy';
    Baton::Test::set_client($client, seat_cap => 10);
    sql("UPDATE agent SET disabled = 1 WHERE id = $fay->{id}");
    is availability($key), 'away', 'the available agent disabled: not available (only Al, away)';
};

done_testing;
