#!/usr/bin/perl
# Routing and accepting: next-available (the available agent idle longest),
# priority before first come first served, rollover to the next agent when
# an offer is not accepted in time, agents set away after missed offers,
# accepting (a channel with both, the agent leading), offers and requests
# that are not yours, clients kept apart, the seat cap and each agent's
# maximum of sessions.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Time::HiRes qw(time);
use Test::More;
use Baton::Test qw(stack sql);

stack();

sub state_of { Baton::Test::request_row($_[0])->{state} }
sub offered_to { Baton::Test::request_row($_[0])->{offered_agent_id} // 0 }

# The console entry of a request as an agent sees it (undef when absent).
sub console_entry {
    my ($agent, $id) = @_;
    my ($entry) = grep { $_->{id} eq $id } @{ $agent->{browser}->console_snapshot->{queue} };
    return $entry;
}

sub wait_offered {
    my ($id, $seconds) = @_;
    return Baton::Test::wait_for("offer of $id", $seconds // 3, sub { state_of($id) eq 'offered' });
}

sub accept_request {
    my ($agent, $id, %o) = @_;
    return $agent->{browser}->post('/accept',
        form => [csrf => $o{csrf} // $agent->{browser}->session_csrf, request => $id], %o);
}

sub set_idle_since {
    my ($agent, $when) = @_;
    sql("UPDATE agent SET idle_since = '$when' WHERE id = $agent->{id}");
}

subtest 'next-available: the agent idle longest gets the offer' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $ann = Baton::Test::signed_in_agent(client => $client, name => 'Ann');
    my $bob = Baton::Test::signed_in_agent(client => $client, name => 'Bob');
    set_idle_since($ann, '2024-01-01 10:00:00');
    set_idle_since($bob, '2024-01-01 09:00:00');

    my $v1 = Baton::Test::Browser->new;
    my $id1 = $v1->ask_help($key);
    ok wait_offered($id1), 'the request is offered within a second or so';
    is offered_to($id1), $bob->{id}, 'to Bob, idle since 09:00';
    is console_entry($bob, $id1)->{offered_to_me}, '1', 'Bob\'s console shows the offer as his';
    is console_entry($ann, $id1)->{offered_to_me}, '0', 'Ann\'s console lists it, not offered to her';
    my $left = console_entry($bob, $id1)->{offer_seconds_left};
    ok $left > 0 && $left <= 20, "with the seconds left to accept ($left of 20)";
    is_deeply Baton::Test::request_events($id1), [qw(created routed)], 'the offer is archived';
    is sql("SELECT agent_id FROM request_event e JOIN help_request r ON r.id = e.request_id"
        . " WHERE r.public_id = '$id1' AND e.kind = 'routed'")->[0][0], $bob->{id}, 'with the agent';

    my $id2 = Baton::Test::Browser->new->ask_help($key);
    ok wait_offered($id2), 'a second request is offered too';
    is offered_to($id2), $ann->{id}, 'to Ann: Bob already has an offer out';

    # The other way round in a fresh client: the idle time decides, not the order of sign-in.
    my ($key2, $client2) = Baton::Test::new_help_site(ask_question => 0);
    my $cy = Baton::Test::signed_in_agent(client => $client2, name => 'Cy');
    my $di = Baton::Test::signed_in_agent(client => $client2, name => 'Di');
    set_idle_since($cy, '2024-01-01 09:00:00');
    set_idle_since($di, '2024-01-01 10:00:00');
    my $id3 = Baton::Test::Browser->new->ask_help($key2);
    ok wait_offered($id3), 'in another client';
    is offered_to($id3), $cy->{id}, 'Cy, idle longest, gets it';
    is console_entry($cy, $id3)->{offered_to_me}, '1', 'as Cy\'s console shows';
    is console_entry($di, $id3)->{offered_to_me}, '0', 'and Di\'s does not';
};

subtest 'idle time counts from becoming available' => sub {
    # Two agents whose accounts are made in one order and who sign in
    # (available) in the other; returns their browsers and ids, first to
    # sign in first.
    my $pair = sub {
        my ($client) = @_;
        my ($late_email, $late_pw) = Baton::Test::new_agent(client => $client, name => 'Late');
        my ($early_email, $early_pw) = Baton::Test::new_agent(client => $client, name => 'Early');
        my ($early, $late) = map { Baton::Test::Browser->new } 1 .. 2;
        $early->sign_in($early_email, $early_pw, state => 'available');
        select undef, undef, undef, 0.2;
        $late->sign_in($late_email, $late_pw, state => 'available');
        return ($early, sql("SELECT id FROM agent WHERE email = '$early_email'")->[0][0],
            $late, sql("SELECT id FROM agent WHERE email = '$late_email'")->[0][0]);
    };
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my ($early, $early_id, $late, $late_id) = $pair->($client);
    my $id = Baton::Test::Browser->new->ask_help($key);
    ok wait_offered($id), 'a request comes';
    is offered_to($id), $early_id, 'it goes to the agent available longer, though the other\'s account is older';

    ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    ($early, $early_id, $late, $late_id) = $pair->($client);
    my $csrf = Baton::Test::csrf_from($early->get('/console')->{content});
    $early->post('/state', form => [csrf => $csrf, state => 'break']);
    $early->post('/state', form => [csrf => $csrf, state => 'available']);
    $id = Baton::Test::Browser->new->ask_help($key);
    ok wait_offered($id), 'after the first agent took a break and came back';
    is offered_to($id), $late_id, 'the request goes to the other, now available longer';
};

subtest 'queue order: priority first, otherwise first come first served' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
    my $cid = Baton::Test::client_id($client);
    my $agent = Baton::Test::signed_in_agent(client => $client, state => 'break');
    my ($first, $second, $vip, $third) = map { Baton::Test::Browser->new } 1 .. 4;
    my $id1 = $first->ask_help($key, question => 'first');
    my $id2 = $second->ask_help($key, question => 'second');
    # The VIP's browser is known (the form page sets its cookie) before it asks.
    my $form = $vip->click_help($key);
    my $vip_visitor = sql("SELECT id FROM visitor WHERE token_hash = SHA2('" . $vip->cookie('baton_visitor') . "', 256)")->[0][0];
    sql("INSERT INTO visitor_profile (client_id, visitor_id, priority, first_seen_at, last_seen_at, visits)"
        . " VALUES ($cid, $vip_visitor, 5, NOW(3), NOW(3), 0)");
    my $vip_id = $vip->ask_help($key, question => 'VIP');
    my $id3 = $third->ask_help($key, question => 'third');
    is Baton::Test::request_row($vip_id)->{priority}, 5, 'the request takes the profile\'s priority';

    my $queue = $agent->{browser}->console_snapshot->{queue};
    is_deeply [map { $_->{question} } @$queue], [qw(VIP first second third)], 'the console lists the VIP first, then in order of arrival';
    is_deeply [map { $_->{priority} } @$queue], [qw(5 0 0 0)], 'with the priorities';
    like $vip->get("/wait?r=$vip_id")->{content}, qr/You are next\./, 'the VIP is next';
    like $first->get("/wait?r=$id1")->{content}, qr/There is 1 person ahead of you\./, 'the first to come is behind the VIP';
    like $third->get("/wait?r=$id3")->{content}, qr/There are 3 people ahead of you\./, 'the last is last';

    $agent->{browser}->post('/state', form => [csrf => $agent->{browser}->session_csrf, state => 'available']);
    ok wait_offered($vip_id), 'when the agent is available the VIP is offered first';
    is state_of($id1), 'waiting', 'the others wait';
    is accept_request($agent, $vip_id)->{status}, 303, 'the agent takes the VIP';
    my $other = Baton::Test::signed_in_agent(client => $client);
    ok wait_offered($id1), 'the next agent gets the first to come';
    is state_of($id2), 'waiting', 'before the second';
};

# Many other clients with visitors waiting and an agent signed in and
# available, but with no room for another session: the router looks at
# every one of them each second, and must still reach ours. Returns the
# prefix of their slugs.
sub crowd_of_clients {
    my ($count) = @_;
    my $p = Baton::Test::random_name('crowd');
    sql("INSERT INTO client (slug, name, created_at) SELECT CONCAT('$p-', seq), 'Crowd', NOW(3) FROM seq_1_to_$count");
    sql("INSERT INTO site (client_id, name, site_key, created_at) SELECT id, 'Crowd', MD5(slug), NOW(3)"
        . " FROM client WHERE slug LIKE '$p-%'");
    sql("INSERT INTO agent (client_id, email, display_name, role, password_hash, state, state_since, created_at)"
        . " SELECT id, CONCAT(slug, '\@example.com'), 'Crowd', 'agent', 'x', 'available', NOW(3), NOW(3)"
        . " FROM client WHERE slug LIKE '$p-%'");
    sql("UPDATE agent a JOIN client c ON c.id = a.client_id SET a.max_sessions = 0 WHERE c.slug LIKE '$p-%'");
    sql("INSERT INTO staff_session (token_hash, agent_id, csrf_token, ip, created_at, last_seen_at, idle_until, expires_at)"
        . " SELECT SHA2(a.email, 256), a.id, SHA2(a.email, 256), '127.0.0.1', NOW(3), NOW(3), NOW(3) + INTERVAL 1 HOUR,"
        . " NOW(3) + INTERVAL 1 HOUR FROM agent a JOIN client c ON c.id = a.client_id WHERE c.slug LIKE '$p-%'");
    sql("INSERT INTO visitor (token_hash, created_at, last_seen_at) VALUES (SHA2('$p', 256), NOW(3), NOW(3))");
    sql("INSERT INTO help_request (public_id, client_id, site_id, visitor_id, state, created_at)"
        . " SELECT MD5(CONCAT(c.slug, '-r')), c.id, s.id, (SELECT id FROM visitor WHERE token_hash = SHA2('$p', 256)),"
        . " 'waiting', NOW(3) FROM client c JOIN site s ON s.client_id = c.id WHERE c.slug LIKE '$p-%'");
    return $p;
}

sub disperse_crowd {
    my ($p) = @_;
    sql("UPDATE help_request r JOIN client c ON c.id = r.client_id SET r.state = 'cancelled' WHERE c.slug LIKE '$p-%'");
    sql("UPDATE staff_session s JOIN agent a ON a.id = s.agent_id JOIN client c ON c.id = a.client_id"
        . " SET s.ended_at = NOW(3), a.state = 'offline' WHERE c.slug LIKE '$p-%'");
}

subtest 'rollover: an offer not accepted in time moves to the next agent' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    Baton::Test::set_client($client, accept_timeout_seconds => 2, max_missed_offers => 2);
    my $slow = Baton::Test::signed_in_agent(client => $client, name => 'Slow');
    my $next = Baton::Test::signed_in_agent(client => $client, name => 'Next');
    set_idle_since($slow, '2024-01-01 09:00:00');
    set_idle_since($next, '2024-01-01 10:00:00');
    my $id = Baton::Test::Browser->new->ask_help($key);
    ok wait_offered($id), 'offered';
    is offered_to($id), $slow->{id}, 'to the agent idle longest';
    # The consoles are read all along, also while the offer is past its time
    # and not yet rolled.
    my $consoles_ok = 1;
    ok Baton::Test::wait_for('the roll', 15, sub {
        $consoles_ok &&= eval { console_entry($slow, $id); 1 } ? 1 : do { diag $@; 0 };
        offered_to($id) == $next->{id};
    }), 'not accepted within 2 s, it moves to the next agent';
    ok $consoles_ok, 'the consoles answered all the while';
    my $gap = sql("SELECT TIMESTAMPDIFF(MICROSECOND, MIN(IF(e.kind = 'routed', e.at, NULL)),"
        . " MIN(IF(e.kind = 'rolled', e.at, NULL))) / 1e6 FROM request_event e JOIN help_request r"
        . " ON r.id = e.request_id WHERE r.public_id = '$id'")->[0][0];
    # Expired after 2 s, found by a later sweep (one a second): the archive's
    # times, not the test's stopwatch, say when (a loaded host delays the test).
    ok $gap >= 2 && $gap < 6, "rolled 2 to 6 s after the offer, by the archive's clock ($gap s)";
    is_deeply Baton::Test::request_events($id), [qw(created routed rolled routed)], 'rolled and routed again, archived';
    is sql("SELECT e.agent_id FROM request_event e JOIN help_request r ON r.id = e.request_id"
        . " WHERE r.public_id = '$id' AND e.kind = 'rolled'")->[0][0], $slow->{id}, 'the roll names the slow agent';
    is console_entry($next, $id)->{offered_to_me}, '1', 'the next agent\'s console shows the offer';
    is console_entry($slow, $id)->{offered_to_me}, '0', 'the slow agent\'s no longer does';
    my $agent = sql("SELECT state, missed_offers FROM agent WHERE id = $slow->{id}")->[0];
    is_deeply $agent, ['available', 1], 'one miss of two allowed: still available, the miss counted';

    my $res = accept_request($slow, $id);
    is $res->{status}, 409, 'the slow agent can no longer accept it';
    like $res->{content}, qr/This request has been taken by another agent, or the visitor is no longer waiting\./, 'saying so';
    is accept_request($next, $id)->{status}, 303, 'the next agent accepts';
};

subtest 'the router reaches every client, however many have visitors waiting' => sub {
    my $crowd = crowd_of_clients(120);
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    Baton::Test::set_client($client, accept_timeout_seconds => 2);
    my $first = Baton::Test::signed_in_agent(client => $client);
    my $second = Baton::Test::signed_in_agent(client => $client);
    set_idle_since($first, '2024-01-01 09:00:00');
    my $id = Baton::Test::Browser->new->ask_help($key);
    ok wait_offered($id), 'a request is offered';
    is offered_to($id), $first->{id}, 'to the first agent';
    # Only the once-a-second sweep rolls offers, and it has 120 other
    # clients to look at each time.
    ok Baton::Test::wait_for('the roll', 6, sub { offered_to($id) == $second->{id} }),
        'the offer still rolls to the second agent';
    disperse_crowd($crowd);
};

subtest 'an agent who lets offers roll is set away' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    Baton::Test::set_client($client, accept_timeout_seconds => 2, max_missed_offers => 1);
    my $absent = Baton::Test::signed_in_agent(client => $client, name => 'Absent');
    my $id = Baton::Test::Browser->new->ask_help($key);
    ok wait_offered($id), 'offered to the only agent';
    ok Baton::Test::wait_for('away', 5, sub { sql("SELECT state FROM agent WHERE id = $absent->{id}")->[0][0] eq 'away' }),
        'after one missed offer (the limit) the agent is set away';
    my $events = sql("SELECT kind, state FROM agent_event WHERE agent_id = $absent->{id} ORDER BY id");
    is_deeply $events->[-1], ['state', 'away'], 'the change is archived as an agent event';
    is sql("SELECT missed_offers FROM agent WHERE id = $absent->{id}")->[0][0], 0, 'the count starts again';
    is $absent->{browser}->console_snapshot->{state}, 'away', 'the console shows the agent away';
    is state_of($id), 'waiting', 'the request waits again';
    # The negative checks below wait for one sweep of the router (once a second).
    select undef, undef, undef, 1.1;
    is state_of($id), 'waiting', 'and is not offered to the agent who is away';
    my $res = $absent->{browser}->post('/state', form => [csrf => $absent->{browser}->session_csrf, state => 'available']);
    is $res->{status}, 303, 'the agent comes back';
    select undef, undef, undef, 1.1;
    is state_of($id), 'waiting', 'and is not offered the request they let roll';
    is accept_request($absent, $id)->{status}, 303, 'but can still take it from the queue';
};

subtest 'accepting the offer: a channel with both, the agent leading' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
    my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Lea Leader');
    my $v = Baton::Test::Browser->new;
    my $id = $v->ask_help($key, name => 'Val', question => 'hello');
    ok wait_offered($id), 'offered';
    my $csrf = $agent->{browser}->session_csrf;
    my $res = $agent->{browser}->post('/accept', form => [request => $id]);
    is $res->{status}, 400, 'no csrf: 400';
    $res = $agent->{browser}->post('/accept', form => [csrf => 'a' x 64, request => $id]);
    is $res->{status}, 403, 'a wrong csrf: 403';
    $res = Baton::Test::Browser->new->post('/accept', form => [csrf => $csrf, request => $id]);
    is $res->{status}, 401, 'not signed in: 401';
    is state_of($id), 'offered', 'still offered';

    $res = accept_request($agent, $id);
    is $res->{status}, 303, 'accept: 303';
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$};
    ok $channel, 'to /channel?id=…';
    my $row = Baton::Test::request_row($id);
    is $row->{state}, 'accepted', 'the request is accepted';
    is $row->{accepted_agent_id}, $agent->{id}, 'by the agent';
    is_deeply Baton::Test::request_events($id), [qw(created routed accepted)], 'archived';
    my $ch = sql("SELECT id, state, name, leader_participant_id, last_seq FROM channel WHERE public_id = '$channel'")->[0];
    is $row->{channel_id}, $ch->[0], 'and points to the channel';
    is $ch->[1], 'open', 'which is open';
    my $page = Baton::Test::visitor_page();
    (my $from = $page) =~ s{^https?://}{};
    is $ch->[2], "Val · $from", 'named for who the visitor is and where they asked from';
    my $people = sql("SELECT id, kind, agent_id, visitor_id, display_name FROM participant WHERE channel_id = $ch->[0] ORDER BY id");
    is scalar @$people, 2, 'two participants';
    is_deeply [@{ $people->[0] }[1, 2, 4]], ['agent', $agent->{id}, 'Lea Leader'], 'the agent';
    is_deeply [@{ $people->[1] }[1, 3, 4]], ['visitor', $row->{visitor_id}, 'Val'], 'and the visitor, by name';
    is $ch->[3], $people->[0][0], 'the agent leads';
    my $events = sql("SELECT seq, kind, participant_id, body FROM channel_event WHERE channel_id = $ch->[0] ORDER BY seq");
    is_deeply $events, [[1, 'line', $people->[1][0], 'hello'], [2, 'join', $people->[0][0], 'NULL'],
        [3, 'join', $people->[1][0], 'NULL'], [4, 'address', $people->[0][0], $page]],
        'the question is the first line (the visitor\'s), then the joins, then the page asked from, led to';
    my $asked = sql("SELECT e.at <= r.accepted_at, e.at = r.created_at FROM channel_event e JOIN help_request r"
        . " ON r.channel_id = e.channel_id WHERE e.channel_id = $ch->[0] AND e.seq = 1")->[0];
    is_deeply $asked, [1, 1], 'the question dated when it was asked';
    is $ch->[4], 4, 'the channel\'s last_seq is 4';
    is sql("SELECT current_url FROM channel WHERE id = $ch->[0]")->[0][0], $page, 'the view starts on that page';
    is $agent->{browser}->get("/channel?id=$channel")->{status}, 200, 'the agent opens the channel';
    is $v->get("/wait?r=$id")->{headers}{location}, "/channel?id=$channel", 'the visitor is sent there';
    is $v->get("/channel?id=$channel")->{status}, 200, 'and opens it';
    my $snapshot = $agent->{browser}->console_snapshot;
    ok !(grep { $_->{id} eq $id } @{ $snapshot->{queue} }), 'the request has left the queue';
    is_deeply [map { $_->{id} } @{ $snapshot->{channels} }], [$channel], 'the console lists the agent\'s channel';
    is $snapshot->{channels}[0]{with}, 'Val', 'with the visitor';

    $res = accept_request($agent, $id);
    is $res->{status}, 409, 'accepting again: 409';

    my $v2 = Baton::Test::Browser->new;
    my $id2 = $v2->ask_help($key, question => 'json please');
    my $helper = Baton::Test::signed_in_agent(client => $client, name => 'Jay');
    $res = accept_request($helper, $id2, headers => { Accept => 'application/json' });
    is $res->{status}, 200, 'a script accepting gets 200';
    my $d = Baton::Test::json_decode($res->{content});
    like $d->{channel}, qr/^[0-9a-f]{32}$/, 'with the channel id';
    is $d->{url}, "/channel?id=$d->{channel}", 'and its address';
};

subtest 'offers and requests that are not yours' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $mine = Baton::Test::signed_in_agent(client => $client, name => 'Mine');
    set_idle_since($mine, '2024-01-01 09:00:00');
    my $id = Baton::Test::Browser->new->ask_help($key);
    ok wait_offered($id), 'offered';
    is offered_to($id), $mine->{id}, 'to the only agent';
    my $colleague = Baton::Test::signed_in_agent(client => $client, name => 'Colleague');
    my $res = accept_request($colleague, $id);
    is $res->{status}, 409, 'a colleague cannot take a request offered to someone else: 409';
    like $res->{content}, qr/This request has been taken by another agent, or the visitor is no longer waiting\./, 'saying so';

    my ($okey, $other_client) = Baton::Test::new_help_site(ask_question => 0);
    my $stranger = Baton::Test::signed_in_agent(client => $other_client, name => 'Stranger');
    my $their = Baton::Test::Browser->new->ask_help($okey);
    $res = accept_request($stranger, $id);
    is $res->{status}, 409, 'an agent of another client cannot accept it';
    ok $res->{status} == 409 || $res->{status} == 403, '(409 or 403)';
    my $snapshot = $stranger->{browser}->console_snapshot;
    ok !(grep { $_->{id} eq $id } @{ $snapshot->{queue} }), 'the other client\'s console never lists it';
    ok((grep { $_->{id} eq $their } @{ $snapshot->{queue} }), 'only its own request');
    ok !(grep { $_->{id} eq $their } @{ $mine->{browser}->console_snapshot->{queue} }), 'and the other way round';
    is offered_to($their), $stranger->{id}, 'each client\'s requests go to its own agents';

    is accept_request($mine, $id)->{status}, 303, 'the agent it was offered to accepts';
    $res = accept_request($colleague, $id);
    is $res->{status}, 409, 'a request already taken: 409';
    is accept_request($mine, '0' x 32)->{status}, 409, 'an unknown request: 409';
};

subtest 'seat cap: no offers while the client\'s seats are taken' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    Baton::Test::set_client($client, seat_cap => 1);
    my $busy = Baton::Test::signed_in_agent(client => $client, name => 'Busy');
    my $id = Baton::Test::Browser->new->ask_help($key);
    my $res = accept_request($busy, $id);
    is $res->{status}, 303, 'one channel open: the only seat is taken';
    my ($channel) = $res->{headers}{location} =~ /id=([0-9a-f]{32})/;
    my $free = Baton::Test::signed_in_agent(client => $client, name => 'Free');
    my $id2 = Baton::Test::Browser->new->ask_help($key);
    select undef, undef, undef, 1.1;
    is state_of($id2), 'waiting', 'a second request is not offered, though an agent is free';
    is console_entry($free, $id2)->{offered_to_me}, undef, 'the free agent sees it waiting, offered to nobody';
    $res = accept_request($free, $id2);
    is $res->{status}, 409, 'taking it from the queue: 409';
    like $res->{content}, qr/All of your desk&#39;s seats are in use; finish a session first\./, 'saying why';

    my $token = Baton::Test::channel_token($busy->{browser}->get("/channel?id=$channel")->{content});
    is $busy->{browser}->post('/leave', form => [channel => $channel, token => $token])->{status}, 303,
        'the open session ends';
    ok wait_offered($id2, 2), 'the waiting request is offered at once';
};

subtest 'each agent\'s maximum of sessions' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Max');
    my $id = Baton::Test::Browser->new->ask_help($key);
    is accept_request($agent, $id)->{status}, 303, 'the agent has one session (the default maximum)';
    my $id2 = Baton::Test::Browser->new->ask_help($key);
    select undef, undef, undef, 1.1;
    is state_of($id2), 'waiting', 'a second request is not offered to them';
    sql("UPDATE agent SET max_sessions = 2 WHERE id = $agent->{id}");
    ok wait_offered($id2), 'with a maximum of two it is offered';
    is offered_to($id2), $agent->{id}, 'to that agent';
    is accept_request($agent, $id2)->{status}, 303, 'who takes a second session';
    is scalar @{ $agent->{browser}->console_snapshot->{channels} }, 2, 'two channels in the console';
    my $id3 = Baton::Test::Browser->new->ask_help($key);
    select undef, undef, undef, 1.1;
    is state_of($id3), 'waiting', 'a third is not offered';
};

subtest 'asked in the widget\'s panel: the visitor leads, from the page they are on' => sub {
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
    my $agent = Baton::Test::signed_in_agent(client => $client, state => 'away');
    my $v = Baton::Test::Browser->new;
    my $page = Baton::Test::visitor_page();
    my $form = $v->get("/help?site=$key", headers => { Referer => $page, 'Sec-Fetch-Dest' => 'iframe' });
    is $form->{status}, 200, 'the question form in the panel (a frame)';
    my $res = $v->post('/help', form => [csrf => Baton::Test::csrf_from($form->{content}), site => $key,
        page => $page, name => 'Pia Panel', question => 'Is this in stock?'], headers => { 'Sec-Fetch-Dest' => 'iframe' });
    my ($id) = ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$} or BAIL_OUT("no request: $res->{status}");
    is sql("SELECT asked_in FROM help_request WHERE public_id = '$id'")->[0][0], 'panel', 'the request is known to come from the panel';
    my ($plain) = Baton::Test::Browser->new->ask_help($key);
    is sql("SELECT asked_in FROM help_request WHERE public_id = '$plain'")->[0][0], 'link', 'one from the bare link is not';
    $res = accept_request($agent, $id);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$};
    ok $channel, 'the agent accepts';
    my $ch = sql("SELECT c.id, c.leader_participant_id FROM channel c WHERE c.public_id = '$channel'")->[0];
    my $visitor_p = sql("SELECT id FROM participant WHERE channel_id = $ch->[0] AND kind = 'visitor'")->[0][0];
    is $ch->[1], $visitor_p, 'the visitor leads: the agent\'s view follows the pages they browse';
    is_deeply sql("SELECT kind, participant_id FROM channel_event WHERE channel_id = $ch->[0] AND kind = 'address'"),
        [['address', $visitor_p]], 'and the session starts on their page, led there by them';
};

done_testing;
