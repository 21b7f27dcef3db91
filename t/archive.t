#!/usr/bin/perl
# The archive page: a client's past sessions found by date range, agent,
# visitor, site and words said (FULLTEXT), each with its date, agents,
# visitor, site, length, lines and links to its record and replay; bad
# inputs are a clear 400; pages of 50. Only the client's supervisors and
# admins (and the Baton operator, choosing the client) may search it: agents
# get 403, other clients' staff never see a session of this client.
use strict;
use warnings;
use utf8;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);
use Baton::Archive qw(staff operator archive_rows past_session);

stack();

# ---- a client with two sites, two agents and three past sessions ----------
my ($key1, $client) = Baton::Test::new_help_site(ask_question => 1, name => 'North shop');
my ($key2) = Baton::Test::new_help_site(client => $client, ask_question => 1, name => 'South shop');
my $site_id = sub { sql("SELECT id FROM site WHERE site_key = '$_[0]'")->[0][0] };
my ($site1, $site2) = ($site_id->($key1), $site_id->($key2));
# Everyone away: requests wait, and each test session is accepted directly.
my $ann = staff($client, 'agent', name => 'Ann Archive', state => 'away');
my $bob = staff($client, 'agent', name => 'Bob Archive', state => 'away');
my $sup = staff($client, 'supervisor', name => 'Sue Archive');

my $s1 = past_session(key => $key1, agent => $ann, name => 'Alice Archer', started => '2024-03-01 10:00:00',
    lines => [[visitor => 'My invoice is wrong'], [agent => 'Let me correct the invoice']]);
my $s2 = past_session(key => $key2, agent => $bob, name => '<b>Bert</b> Buyer', started => '2024-03-15 23:59:00',
    lines => [[visitor => 'The parcel never arrived'], [agent => 'I am sorry to hear that']],
    private => 'Refund approved quietly');
my $s3 = past_session(key => $key1, agent => $bob, name => 'Carla Client', started => '2024-04-02 08:30:00',
    lines => [[visitor => 'An invoice copy please'], [agent => 'Here it comes'], [visitor => 'Thanks']]);

# ---- another client with a session that says the same words ----------------
my ($key_b, $client_b) = Baton::Test::new_help_site(ask_question => 1);
my $agent_b = staff($client_b, 'agent', state => 'away');
my $sup_b = staff($client_b, 'supervisor');
my $s4 = past_session(key => $key_b, agent => $agent_b, name => 'Alice Archer', started => '2024-03-10 12:00:00',
    lines => [[visitor => 'My invoice and my parcel']]);

sub found {
    my ($who, $query, $status) = @_;
    my $res = $who->{browser}->get("/archive$query");
    is $res->{status}, $status // 200, "/archive$query answers " . ($status // 200);
    return [map { $_->{id} } @{ archive_rows($res->{content}) }];
}

subtest 'every session of the client, newest first' => sub {
    my $res = $sup->{browser}->get('/archive');
    is $res->{status}, 200, 'a supervisor opens the archive';
    my $rows = archive_rows($res->{content});
    is_deeply [map { $_->{id} } @$rows], [$s3->{channel}, $s2->{channel}, $s1->{channel}], 'the three sessions, newest first';
    my ($r2) = grep { $_->{id} eq $s2->{channel} } @$rows;
    like $r2->{text}, qr/2024-03-15 23:59/, 'with the date and time it started';
    like $r2->{text}, qr/Bob Archive/, 'the agents';
    like $r2->{text}, qr/&lt;b&gt;Bert&lt;\/b&gt; Buyer/, 'the visitor (escaped)';
    like $r2->{text}, qr/South shop/, 'the site';
    like $r2->{text}, qr/2 min/, 'its length';
    like $r2->{text}, qr/\b4\b/, 'and its lines (the question and private ones count)';
    like $res->{content}, qr/&lt;b&gt;Bert&lt;\/b&gt; Buyer/, 'names are escaped';
    like $res->{content}, qr{<a href="/session\?id=$s2->{channel}">Transcript</a>}, 'each links to its record';
    like $res->{content}, qr{<a href="/replay\?id=$s2->{channel}">Replay</a>}, 'and to its replay';
    like $res->{content}, qr{<option value="$site2">South shop</option>}, 'the form offers the client\'s sites';
    like $res->{content}, qr{<option value="$ann->{id}">Ann Archive</option>}, 'and agents';
    unlike $res->{content}, qr/$s4->{channel}/, 'and nothing of another client';
};

subtest 'by date range (UTC days, both included)' => sub {
    is_deeply found($sup, '?from=2024-03-01&to=2024-03-15'), [$s2->{channel}, $s1->{channel}], 'the first half of March';
    is_deeply found($sup, '?from=2024-03-02'), [$s3->{channel}, $s2->{channel}], 'from a day on';
    is_deeply found($sup, '?to=2024-03-01'), [$s1->{channel}], 'up to a day, that day included';
    is_deeply found($sup, '?from=2024-03-16&to=2024-04-01'), [], 'a range with nothing in it';
    is_deeply found($sup, '?from=2024-04-02&to=2024-04-02'), [$s3->{channel}], 'one day';
};

subtest 'by agent, visitor and site' => sub {
    is_deeply found($sup, "?agent=$ann->{id}"), [$s1->{channel}], 'the agent who took part';
    is_deeply found($sup, "?agent=$bob->{id}"), [$s3->{channel}, $s2->{channel}], 'another agent';
    is_deeply found($sup, '?visitor=alice'), [$s1->{channel}], 'part of the visitor\'s name, any case';
    is_deeply found($sup, "?visitor=$s2->{request}"), [$s2->{channel}], 'the visitor\'s request id';
    is_deeply found($sup, "?visitor=$s3->{channel}"), [$s3->{channel}], 'or the session\'s id';
    is_deeply found($sup, "?site=$site2"), [$s2->{channel}], 'the site';
    is_deeply found($sup, "?site=$site1&agent=$bob->{id}"), [$s3->{channel}], 'filters combine';
    my $site_b = sql("SELECT id FROM site WHERE site_key = '$key_b'")->[0][0];
    is_deeply found($sup, "?site=$site_b"), [], 'another client\'s site finds nothing';
    is_deeply found($sup, "?agent=$agent_b->{id}"), [], 'nor another client\'s agent';
};

subtest 'by words said' => sub {
    is_deeply found($sup, '?q=invoice'), [$s3->{channel}, $s1->{channel}], 'a word';
    is_deeply found($sup, '?q=INVOICE+copy'), [$s3->{channel}], 'every word must be there, any case';
    is_deeply found($sup, '?q=parcel+arrived'), [$s2->{channel}], 'words from one line';
    is_deeply found($sup, '?q=refund'), [$s2->{channel}], 'private lines are searched too (staff only)';
    is_deeply found($sup, '?q=invoice+-copy'), [$s1->{channel}], 'a word can be excluded with -';
    is_deeply found($sup, '?q=invo*'), [$s3->{channel}, $s1->{channel}], 'a word can end in * for a prefix';
    is_deeply found($sup, '?q=the+invoice'), [$s3->{channel}, $s1->{channel}], 'common words are ignored';
    is_deeply found($sup, "?q=invoice&from=2024-04-01"), [$s3->{channel}], 'words and dates combine';
    is_deeply found($sup, '?q=invoice%22%40%28%29%3E%3C%2B'), [$s3->{channel}, $s1->{channel}], 'the search syntax cannot be broken';
    my $res = $sup->{browser}->get('/archive?q=to+a');
    is $res->{status}, 400, 'only words too short or too common: 400';
    like $res->{content}, qr/too short or too common/, 'saying why';
    like $res->{content}, qr/<form method="get" action="\/archive"/, 'with the form to try again';
};

subtest 'bad inputs are a clear 400' => sub {
    for my $case (['?from=2024-02-30', qr/The date &#39;from&#39; must be a day written YYYY-MM-DD/],
                  ['?to=yesterday', qr/The date &#39;to&#39; must be/],
                  ['?from=2024-05-01&to=2024-04-01', qr/comes after/],
                  ['?agent=abc', qr/whole number/],
                  ['?page=0', qr/whole number/],
                  ['?q=' . ('x' x 201), qr/too long/]) {
        my $res = $sup->{browser}->get("/archive$case->[0]");
        is $res->{status}, 400, "$case->[0]: 400";
        like $res->{content}, $case->[1], "$case->[0]: explained";
    }
    is $sup->{browser}->post('/archive', form => [q => 'x'])->{status}, 405, 'POST: 405';
};

subtest 'pages of fifty' => sub {
    my $many = Baton::Test::new_client();
    my $cid = Baton::Test::client_id($many);
    sql("INSERT INTO channel (public_id, client_id, name, state, changed_at, created_at, closed_at)"
        . " SELECT MD5(CONCAT('$many', seq)), $cid, CONCAT('Session ', seq), 'closed', NOW(6),"
        . " '2024-01-01' + INTERVAL seq MINUTE, '2024-01-01' + INTERVAL seq + 1 MINUTE FROM seq_1_to_55");
    my $boss = staff($many, 'admin');
    my $res = $boss->{browser}->get('/archive');
    my $rows = archive_rows($res->{content});
    is scalar @$rows, 50, 'the first page holds fifty';
    like $res->{content}, qr{<a href="/archive\?page=2" rel="next">Older</a>}, 'with a link to the next';
    unlike $res->{content}, qr/rel="prev"/, 'and none back';
    $res = $boss->{browser}->get('/archive?page=2');
    my $rest = archive_rows($res->{content});
    is scalar @$rest, 5, 'the second page holds the rest';
    like $res->{content}, qr{<a href="/archive\?page=1" rel="prev">Newer</a>}, 'with a link back';
    my %seen = map { $_->{id} => 1 } @$rows, @$rest;
    is scalar keys %seen, 55, 'every session once';
    $res = $boss->{browser}->get('/archive?from=2024-01-01&q=some+words&page=1');
    is $res->{status}, 200, 'searching words that nobody said';
    $res = $boss->{browser}->get('/archive?from=2024-01-01');
    like $res->{content}, qr{href="/archive\?from=2024-01-01&amp;page=2"}, 'the next page keeps the search';
};

subtest 'who may search it' => sub {
    my $admin = staff($client, 'admin');
    is_deeply found($admin, ''), [$s3->{channel}, $s2->{channel}, $s1->{channel}], 'an admin of the client';
    my $op = operator();
    is_deeply found($op, "?client=$client"), [$s3->{channel}, $s2->{channel}, $s1->{channel}], 'the operator, choosing the client';
    is_deeply found($op, "?client=$client_b"), [$s4->{channel}], 'and another';
    my $res = $op->{browser}->get("/archive?client=$client&q=invoice");
    like $res->{content}, qr{href="/session\?id=$s3->{channel}"}, 'the operator searches words too';
    like $res->{content}, qr{<input type="text" id="a-client" name="client" value="\Q$client\E"}, 'the form keeps the client';
    found($op, '?client=no-such-client', 404);

    my $res_agent = $ann->{browser}->get('/archive');
    is $res_agent->{status}, 403, 'an agent: 403';
    unlike $res_agent->{content}, qr/$s1->{channel}/, 'an agent sees no session';
    for my $case ([$agent_b, 'an agent of another client'], [$sup_b, 'a supervisor of another client']) {
        my $r = $case->[0]{browser}->get("/archive?client=$client");
        is $r->{status}, 403, "$case->[1], asking for this client: 403";
        unlike $r->{content}, qr/$s1->{channel}|$s2->{channel}|$s3->{channel}/, "$case->[1]: none of its sessions";
    }
    my $own = $sup_b->{browser}->get("/archive?q=invoice");
    is_deeply [map { $_->{id} } @{ archive_rows($own->{content}) }], [$s4->{channel}],
        'another client\'s supervisor finds only their own client\'s sessions';
    is_deeply found($sup_b, "?visitor=$s1->{request}"), [], 'not even by this client\'s request id';
    is(Baton::Test::Browser->new->get('/archive')->{status}, 303, 'nobody signed in: to sign-in');
    like $sup->{browser}->get('/console')->{content}, qr{<a href="/archive" id="nav-archive">Archive</a>},
        'supervisors find the archive in the top bar';
    unlike $ann->{browser}->get('/console')->{content}, qr/nav-archive|nav-supervise/, 'agents do not';
};

# Names are any text; public ids are ASCII. Searching for "José" once
# answered 500 (the name was compared with the ASCII id columns).
subtest 'a visitor named with letters beyond ASCII' => sub {
    my ($key_j, $client_j) = Baton::Test::new_help_site(ask_question => 1);
    my $agent_j = staff($client_j, 'agent', state => 'away');
    my $sup_j = staff($client_j, 'supervisor');
    my $jose = "Jos\xc3\xa9 N\xc3\xba\xc3\xb1ez";  # UTF-8 bytes, as a browser sends them
    my $s5 = past_session(key => $key_j, agent => $agent_j, name => $jose, started => '2024-05-01 09:00:00',
        lines => [[visitor => 'Hola']]);
    is_deeply found($sup_j, '?visitor=Jos%C3%A9'), [$s5->{channel}], 'found by a part of the name with an accented letter';
    is_deeply found($sup_j, '?visitor=N%C3%BA%C3%B1ez'), [$s5->{channel}], 'and by another part';
    is_deeply found($sup_j, '?visitor=%E2%82%AC'), [], 'a name nobody has: nothing found, not an error';
    is_deeply found($sup_j, "?visitor=$s5->{request}"), [$s5->{channel}], 'request ids still work';
};

done_testing;
