#!/usr/bin/perl
# Attending an event (cgi-bin/attend.c, lib/attendee.c, the audience feed
# of cgi-bin/poll.c): registration (a name; with registration, an e-mail
# address and the event's own question), the lobby before the event is
# live (its poll refused until the stage opens, then only the event's state
# reaches it), a seat once live (the event's seat limit and the client's
# seats kept), the stage's news for the room only (no joins, no private or
# backstage lines, no producer's pointer), the marks so far for a page
# opening late, leaving, presence stamped by the poll program. Refused:
# unregistered polls, attendees posting to the stage as participants do
# (leading, passing the lead, chat lines, marks), an ended event.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin wait_for);
use Baton::Crowd qw(event_with attendee audience_poll staff_post);

my $s = stack();
my $e = event_with(speakers => 2, registration => 'required', field => 'Company', seats => 3);
my ($producer, $s1, $s2) = ($e->{producer}, @{ $e->{speakers} });
my $id = $e->{id};

subtest 'registering' => sub {
    my $b = Baton::Test::Browser->new;
    my $page = $b->get("/attend?e=$id", headers => { Referer => 'https://partner.example/events/launch' });
    is $page->{status}, 200, 'the event\'s page: 200';
    like $page->{content}, qr/name="email"/, 'asks for an e-mail address';
    like $page->{content}, qr/<label for="field">Company<\/label>/, 'and the event\'s own question';
    like $page->{content}, qr/name="from" value="partner\.example"/, 'remembers the site they came from';
    my $csrf = Baton::Test::csrf_from($page->{content});
    my $res = $b->post('/attend', form => [csrf => $csrf, e => $id, name => 'Nina'], headers => { Origin => $s->{URL} });
    is $res->{status}, 400, 'without the address it asks for: 400';
    $res = $b->post('/attend', form => [csrf => $csrf, e => $id, email => 'nina@example.com'], headers => { Origin => $s->{URL} });
    is $res->{status}, 400, 'without a name: 400';
    $res = $b->post('/attend', form => [csrf => 'c' x 64, e => $id, name => 'Nina', email => 'nina@example.com'], headers => { Origin => $s->{URL} });
    is $res->{status}, 403, 'a wrong form token: 403';
    my $nina = attendee($id, browser => $b, name => 'Nina Net', email => 'nina@example.com', field => 'Acme');
    ok $nina->{id}, 'registered';
    is_deeply sql("SELECT name, email, field_value, site FROM attendee WHERE id = $nina->{id}")->[0],
        ['Nina Net', 'nina@example.com', 'Acme', 'partner.example'], 'with what they gave and where from';
    like $nina->{page}{content}, qr/id="curtain"/, 'the page is the lobby now';
    like $nina->{page}{content}, qr/The event starts at/, 'saying when it starts';
    my ($r) = audience_poll($nina, $id);
    is $r->{status}, 409, 'before the stage opens, the poll has nothing to follow: 409';
    is $b->get('/attend?e=' . ('0' x 32))->{status}, 404, 'an unknown event: 404';
    is $b->get("/attend?e=$id&marks=1")->{status}, 409, 'no marks before it is live: 409';
};

my @people;
subtest 'the lobby hears only that the event goes live' => sub {
    push @people, attendee($id, name => "Person $_", email => "p$_\@example.com") for 1 .. 3;
    staff_post($producer, '/event', id => $id, action => 'open');
    my ($r, $d) = audience_poll($people[0], $id);
    is $r->{status}, 200, 'the stage open: the lobby polls (200)';
    is_deeply [map { "$_->{kind}:$_->{body}" } @{ $d->{events} }], ['stage:open'], 'only the event\'s state, no joins of staff';
    ok !defined $d->{url} && !$d->{live}, 'nothing of where the stage is';
    my $stage = sql("SELECT c.public_id FROM live_event e JOIN channel c ON c.id = e.stage_channel_id WHERE e.public_id = '$id'")->[0][0];
    my $sp = { browser => $s1->{browser}, token => Baton::Test::channel_token($s1->{browser}->get("/channel?id=$stage")->{content}) };
    my ($g) = Baton::Test::party_post($sp, '/go', $stage, [url => 'https://slides.example/rehearsal']);
    is $g->{status}, 200, 'a speaker rehearses a page';
    # The rehearsal is stored before the lobby asks, so a poll that could
    # see it would be answered at once; one the lobby may not see is held.
    my ($r2) = audience_poll(Baton::Test::party_clone($people[0], timeout => 2), $id,
        after => $d->{last_seq}, signals => $d->{signals});
    is $r2->{status}, 599, 'the lobby does not see the rehearsal: its poll is held (the client gives up after 2 s)';
    staff_post($producer, '/event', id => $id, action => 'live');
};

subtest 'seats once live' => sub {
    my $page = $people[0]{browser}->get("/attend?e=$id");
    is $page->{status}, 200, 'the first takes a seat';
    like $page->{content}, qr/data-state="live"/, 'the page is the stage';
    is $people[1]{browser}->get("/attend?e=$id")->{status}, 200, 'the second';
    is $people[2]{browser}->get("/attend?e=$id")->{status}, 200, 'the third';
    my $late = attendee($id, name => 'Late Larry', email => 'larry@example.com');
    is $late->{page}{status}, 409, 'the fourth: the event\'s 3 seats are taken (409)';
    like $late->{page}{content}, qr/Every seat of this event is taken/, 'saying so';
    my ($r) = audience_poll($late, $id);
    is $r->{status}, 403, 'and their poll is refused while they have no seat';
    my $res = $people[2]{browser}->post('/attend', form => [csrf => $people[2]{csrf}, e => $id, action => 'leave'],
        headers => { Accept => 'application/json', Origin => $s->{URL} });
    is $res->{status}, 200, 'the third leaves';
    is $late->{browser}->get("/attend?e=$id")->{status}, 200, 'and Larry gets the seat';
    is sql("SELECT COUNT(*) FROM attendee_visit v JOIN live_event e ON e.id = v.event_id WHERE e.public_id = '$id' AND v.ended_at IS NULL")->[0][0],
        3, 'three visits under way';
    admin(undef, 'client', 'set', $e->{client}, 'seat_cap', 3);
    my $f = event_with(client => $e->{client}, seat_cap => 3, speakers => 1, seats => 3);
    staff_post($f->{producer}, '/event', id => $f->{id}, action => 'live');
    my $one = attendee($f->{id}, name => 'Other Event');
    is $one->{page}{status}, 409, 'the client\'s 3 seats are taken by the other event: 409';
    like $one->{page}{content}, qr/Every seat of this service/, 'saying so';
    admin(undef, 'client', 'set', $e->{client}, 'seat_cap', 1000);
    staff_post($f->{producer}, '/event', id => $f->{id}, action => 'end');
};

subtest 'the stage\'s news for the room' => sub {
    my $nina = $people[0];
    my (undef, $d0) = audience_poll($nina, $id);
    my $stage = sql("SELECT c.public_id FROM live_event e JOIN channel c ON c.id = e.stage_channel_id WHERE e.public_id = '$id'")->[0][0];
    my $sp = { browser => $s1->{browser}, token => Baton::Test::channel_token($s1->{browser}->get("/channel?id=$stage")->{content}) };
    my $pp = { browser => $producer->{browser}, token => Baton::Test::channel_token($producer->{browser}->get("/channel?id=$stage")->{content}) };
    my $s2p = sql("SELECT p.id FROM participant p JOIN channel c ON c.id = p.channel_id WHERE c.public_id = '$stage' AND p.agent_id = $s2->{id}")->[0][0];
    Baton::Test::party_post($sp, '/go', $stage, [url => 'https://slides.example/one']);
    Baton::Test::party_post($sp, '/say', $stage, [text => 'Welcome, everyone']);
    Baton::Test::party_post($pp, '/say', $stage, [text => 'Psst, speak up', to => Baton::Test::participant_ids($s1, $stage)->{agent} // 0]);
    Baton::Test::party_post($sp, '/pointer', $stage, [mode => 'page', x => 120, y => 340]);
    Baton::Test::party_post($pp, '/pointer', $stage, [mode => 'page', x => 5, y => 5]);
    Baton::Test::party_post($sp, '/mark', $stage, [action => 'add', id => 'm1', tool => 'circle', mode => 'page',
        url => 'https://slides.example/one', color => '#c92a2a', width => 3, points => '10,10,60,60']);
    Baton::Test::party_post($sp, '/lead', $stage, [to => $s2p]);
    my ($r, $d) = audience_poll($nina, $id, after => $d0->{last_seq}, signals => $d0->{signals});
    is $r->{status}, 200, 'the poll: 200';
    is_deeply [map { $_->{kind} } @{ $d->{events} }], ['address', 'line', 'mark', 'lead'],
        'the address, the speaker\'s line, the mark and the lead: not the private line';
    is $d->{url}, 'https://slides.example/one', 'where the stage is';
    is $d->{leader}, $s2p, 'who leads now';
    is_deeply [map { $_->{name} } @{ $d->{peers} }], ['Speaker 1'], 'the speaker\'s pointer, not the producer\'s';
    is_deeply $d->{peers}[0]{pointer}, { mode => 'page', x => 120, y => 340 }, 'where it is';
    my $m = $nina->{browser}->get("/attend?e=$id&marks=1");
    is $m->{status}, 200, 'the marks so far: 200';
    is scalar(@{ Baton::Test::json_decode($m->{content})->{events} }), 1, 'the circle';
    # Held until something happens (t/audience-idle.t: answered when the hold is up).
    my ($r2) = audience_poll(Baton::Test::party_clone($nina, timeout => 2), $id, after => $d->{last_seq}, signals => $d->{signals});
    is $r2->{status}, 599, 'a poll up to date is held (the client gives up after 2 s)';
};

subtest 'attendees are not participants of the stage' => sub {
    my $stage = sql("SELECT c.public_id FROM live_event e JOIN channel c ON c.id = e.stage_channel_id WHERE e.public_id = '$id'")->[0][0];
    my $a = { browser => $people[0]{browser}, token => 'a' x 64 };
    for my $try (['/go', [url => 'https://evil.example/']], ['/lead', [to => 1]], ['/say', [text => 'hi']],
        ['/mark', [action => 'add', id => 'x', tool => 'pen', mode => 'page', url => 'https://x.example/', color => '#000000', width => 2, points => '1,1,2,2']],
        ['/pointer', [mode => 'page', x => 1, y => 1]]) {
        my ($res) = Baton::Test::party_post($a, $try->[0], $stage, $try->[1]);
        is $res->{status}, 403, "an attendee posting $try->[0] to the stage: 403";
    }
    my ($res) = Baton::Test::chat_poll($a, $stage);
    is $res->{status}, 403, 'nor polling the stage as a channel: 403';
    my $stranger = { browser => Baton::Test::Browser->new };
    ($res) = audience_poll($stranger, $id);
    is $res->{status}, 403, 'someone unregistered polling the audience feed: 403';
};

subtest 'presence is stamped by the poll program' => sub {
    my $visit = sql("SELECT v.id FROM attendee_visit v WHERE v.attendee_id = $people[0]{id} AND v.ended_at IS NULL")->[0][0];
    sql("UPDATE attendee_visit SET last_seen_at = NOW(3) - INTERVAL 40 SECOND WHERE id = $visit");
    my $before = sql("SELECT UNIX_TIMESTAMP(last_seen_at) FROM attendee_visit WHERE id = $visit")->[0][0];
    # Presence is noted when the poll arrives, not when it is answered: a
    # page that gives up after a moment has been seen all the same.
    audience_poll(Baton::Test::party_clone($people[0], timeout => 1.5), $id, after => 10 ** 9);
    ok wait_for('the stamp', 30, sub {
        sql("SELECT UNIX_TIMESTAMP(last_seen_at) FROM attendee_visit WHERE id = $visit")->[0][0] > $before + 30 }),
        'the visit is seen again within the stamping period';
};

subtest 'the end' => sub {
    staff_post($producer, '/event', id => $id, action => 'end');
    my ($r, $d) = audience_poll($people[0], $id, after => 10 ** 6);
    ok $r->{status} == 200 && !$d->{open}, 'the poll says the stage is closed';
    is sql("SELECT COUNT(*) FROM attendee_visit v JOIN live_event e ON e.id = v.event_id WHERE e.public_id = '$id' AND v.ended_at IS NULL")->[0][0],
        0, 'every visit ended';
    my $page = Baton::Test::Browser->new->get("/attend?e=$id");
    like $page->{content}, qr/This event has ended/, 'a newcomer reads that it has ended';
};

done_testing;
