#!/usr/bin/perl
# Archive completeness and the staff transcript (/session): a scripted
# session (help link, routing, a rollover, accept, lines both ways, a
# private line, addresses, a baton pass, a state change, leaving) leaves
# exactly the expected events, in order, in request_event, channel_event and
# agent_event, and the session page shows each of them with its date and
# time, private lines marked. Only the client's supervisors (and admins),
# the operator and the agents who took part may read it.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);
use Baton::Archive qw(staff operator csrf_of post_as timeline_of participant_id go_to pass_lead set_state);

my $s = stack();
my $client = Baton::Test::new_client();
Baton::Test::set_client($client, accept_timeout_seconds => 2);
my ($key) = Baton::Test::new_direct_site($client);
# The client's site is shop.example (visitors who lead stay on it: t/go.t).
Baton::Test::add_site_domain($key, 'shop.example');
my $ann = staff($client, 'agent', name => 'Ann First');
my $bob = staff($client, 'agent', name => 'Bob Second', state => 'away');
my $sup = staff($client, 'supervisor', name => 'Sue Supervisor');

sub request_state { Baton::Test::request_row($_[0]) }

# ---- the script ----------------------------------------------------------
my $visitor = { browser => Baton::Test::Browser->new };
my $res = $visitor->{browser}->get("/help?site=$key", headers => { Referer => "$s->{URL}/demo/x.html" });
my ($request) = ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$}
    or BAIL_OUT("help link: $res->{status}");
ok Baton::Test::wait_for('offer to Ann', 5, sub { (request_state($request)->{offered_agent_id} // 0) == $ann->{id} }),
    'the request is offered to the only available agent';
is set_state($bob, 'available')->{status}, 200, 'a second agent becomes available';
ok Baton::Test::wait_for('offer to Bob', 8, sub { (request_state($request)->{offered_agent_id} // 0) == $bob->{id} }),
    'the offer rolls over to the second agent when the first lets it pass';
$res = post_as($bob, '/accept', request => $request);
my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$}
    or BAIL_OUT("accept: $res->{status} $res->{content}");
$bob->{token} = Baton::Test::channel_token($bob->{browser}->get("/channel?id=$channel")->{content});
$visitor->{browser}->get("/wait?r=$request");
$visitor->{token} = Baton::Test::channel_token($visitor->{browser}->get("/channel?id=$channel")->{content});
ok $bob->{token} && $visitor->{token}, 'both are in the channel';
my $vid = request_state($request)->{visitor_id};
my $bob_p = participant_id($channel, agent_id => $bob->{id});
my $visitor_p = participant_id($channel, visitor_id => $vid);

my @steps = (
    sub { Baton::Test::chat_say($visitor, $channel, 'Hello, I need a refund for my order') },
    sub { Baton::Test::chat_say($bob, $channel, 'Sure <b>happy</b> to help') },
    sub { $bob->{browser}->post('/say', form => [channel => $channel, token => $bob->{token},
        text => 'Just between us: order 1234', to => $visitor_p],
        headers => { Accept => 'application/json', Origin => $s->{URL} }) },
    sub { go_to($bob, $channel, 'https://shop.example/returns?x=1&y=2') },
    sub { set_state($bob, 'break') },
    sub { pass_lead($bob, $channel, $visitor_p) },
    sub { go_to($visitor, $channel, 'https://shop.example/orders') },
    sub { $visitor->{browser}->post('/leave', form => [channel => $channel, token => $visitor->{token}],
        headers => { Accept => 'application/json', Origin => $s->{URL} }) },
    sub { $bob->{browser}->post('/leave', form => [channel => $channel, token => $bob->{token}],
        headers => { Accept => 'application/json', Origin => $s->{URL} }) },
);
my $n = 0;
for my $step (@steps) {
    $n++;
    my ($r) = $step->();
    ok $r->{status} == 200 || $r->{status} == 303, "step $n of the script is accepted ($r->{status})";
    select undef, undef, undef, 0.01; # distinct milliseconds keep the merged order exact
}

# ---- what the tables hold --------------------------------------------------
my $req_id = request_state($request)->{id};
is_deeply sql("SELECT kind, COALESCE(agent_id, 0) FROM request_event WHERE request_id = $req_id ORDER BY id"),
    [['created', 0], ['routed', $ann->{id}], ['rolled', $ann->{id}], ['routed', $bob->{id}], ['accepted', $bob->{id}]],
    'request_event: created, routed, rolled, routed again, accepted, each with its agent';

my $ch_id = sql("SELECT id FROM channel WHERE public_id = '$channel'")->[0][0];
my @expected_channel = (
    ['join', 'Bob Second', '-'], ['join', 'Visitor', '-'],
    ['address', 'Bob Second', "$s->{URL}/demo/x.html"],
    ['line', 'Visitor', 'Hello, I need a refund for my order'],
    ['line', 'Bob Second', 'Sure <b>happy</b> to help'],
    ['private', 'Bob Second', 'Just between us: order 1234'],
    ['address', 'Bob Second', 'https://shop.example/returns?x=1&y=2'],
    ['lead', 'Bob Second', 'Visitor'],
    ['address', 'Visitor', 'https://shop.example/orders'],
    ['leave', 'Visitor', '-'], ['leave', 'Bob Second', '-'], ['close', '-', '-'],
);
# (the mariadb client's tab-separated rows lose empty trailing fields: '-' for none)
is_deeply sql("SELECT e.kind, COALESCE(p.display_name, '-'), COALESCE(e.body, '-') FROM channel_event e"
    . " LEFT JOIN participant p ON p.id = e.participant_id WHERE e.channel_id = $ch_id ORDER BY e.seq"),
    \@expected_channel, 'channel_event: every line, address, pass, join and leave, in order';
is_deeply sql("SELECT seq FROM channel_event WHERE channel_id = $ch_id ORDER BY seq"),
    [map { [$_] } 1 .. @expected_channel], 'numbered 1.. without gaps';
is_deeply sql("SELECT kind, recipient_participant_id FROM channel_event WHERE channel_id = $ch_id"
    . " AND kind IN ('private', 'lead') ORDER BY seq"),
    [['private', $visitor_p], ['lead', $visitor_p]], 'the private line and the pass name their recipient';
is_deeply sql("SELECT kind, state FROM agent_event WHERE agent_id = $bob->{id} ORDER BY id"),
    [['signin', 'away'], ['state', 'away'], ['state', 'available'], ['state', 'break']],
    'agent_event: the agent\'s sign-in and every state change';

# ---- the session page ------------------------------------------------------
my @expected = (
    ['request', 'created'], ['request', 'routed'], ['agent', 'state'], ['request', 'rolled'],
    ['request', 'routed'],
    (map { ['channel', $_->[0]] } @expected_channel[0 .. 2]),
    ['request', 'accepted'],
    (map { ['channel', $_->[0]] } @expected_channel[3 .. 6]),
    ['agent', 'state'],
    (map { ['channel', $_->[0]] } @expected_channel[7 .. $#expected_channel]),
);

subtest 'the supervisor reads the whole record' => sub {
    my $page = $sup->{browser}->get("/session?id=$channel");
    is $page->{status}, 200, 'a supervisor of the client opens /session';
    my $tl = timeline_of($page->{content});
    my @by_source;
    for my $source (qw(request channel agent)) {
        my @got = map { $_->{kind} } grep { $_->{source} eq $source } @$tl;
        my @want = map { $_->[1] } grep { $_->[0] eq $source } @expected;
        is_deeply \@got, \@want, "every $source event, in its order";
    }
    is scalar @$tl, scalar @expected, 'and nothing else (' . scalar(@expected) . ' events)';
    my @times = map { $_->{at} } @$tl;
    is_deeply [sort @times], \@times, 'in time order';
    like $_->{at}, qr/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/, "$_->{kind} has its date and time" for @$tl;
    is_deeply [map { "$_->{source}:$_->{kind}" } @$tl], [map { "$_->[0]:$_->[1]" } @expected],
        'the three tables merged by time (the joins before the acceptance that wrote them)';

    my ($private) = grep { $_->{kind} eq 'private' } @$tl;
    like $private->{html}, qr{<span class="private-mark">private</span>}, 'the private line is marked private';
    is $private->{text}, 'private Bob Second to Visitor: Just between us: order 1234', 'with sender, recipient and words';
    my ($line) = grep { $_->{kind} eq 'line' && $_->{text} =~ /happy/ } @$tl;
    like $line->{html}, qr/Sure &lt;b&gt;happy&lt;\/b&gt; to help/, 'markup in a line is shown as text';
    my @addresses = grep { $_->{kind} eq 'address' } @$tl;
    is $addresses[0]{text}, "Bob Second led everyone to $s->{URL}/demo/x.html", 'the session starts on the page asked from';
    like $addresses[1]{html}, qr{href="https://shop\.example/returns\?x=1&amp;y=2"}, 'addresses led to are links, escaped';
    is $addresses[2]{text}, 'Visitor led everyone to https://shop.example/orders', 'with who led';
    my ($lead) = grep { $_->{kind} eq 'lead' } @$tl;
    is $lead->{text}, 'Bob Second gave the lead to Visitor', 'the baton pass names both, worded as the viewer words it';
    my @routed = grep { $_->{kind} =~ /^(routed|rolled|accepted)$/ } @$tl;
    is_deeply [map { $_->{text} } @routed],
        ['Offered to Ann First', 'Not taken in time by Ann First', 'Offered to Bob Second', 'Accepted by Bob Second'],
        'the request\'s history names the agents';
    my ($state) = grep { $_->{source} eq 'agent' } @$tl;
    is $state->{text}, 'Bob Second is now available', 'agents\' state changes while it ran';
    like $page->{content}, qr{<a href="/replay\?id=$channel" id="replay-link">}, 'it links to the replay';
    like $page->{content}, qr{<td>Bob Second</td><td>agent</td>}, 'and lists the people';
};

subtest 'who may read it' => sub {
    my $other_client = Baton::Test::new_client();
    my @allowed = (
        [$bob, 'the agent who took part'],
        [staff($client, 'admin'), 'an admin of the client'],
        [operator(), 'the Baton operator'],
    );
    for my $case (@allowed) {
        my $page = $case->[0]{browser}->get("/session?id=$channel");
        is $page->{status}, 200, "$case->[1]: 200";
        like $page->{content}, qr/Just between us/, "$case->[1]: sees the private line";
    }
    my @refused = (
        [$ann, 'an agent of the client who did not take part'],
        [staff($other_client, 'supervisor'), 'a supervisor of another client'],
        [staff($other_client, 'admin'), 'an admin of another client'],
        [staff($other_client, 'agent', state => 'away'), 'an agent of another client'],
    );
    for my $case (@refused) {
        my $page = $case->[0]{browser}->get("/session?id=$channel");
        is $page->{status}, 403, "$case->[1]: 403";
        unlike $page->{content}, qr/refund|Just between us/, "$case->[1]: sees none of it";
    }
    my $anon = Baton::Test::Browser->new->get("/session?id=$channel");
    is $anon->{status}, 303, 'nobody signed in: sent to sign in';
    is $visitor->{browser}->get("/session?id=$channel")->{status}, 303, 'the visitor (no staff session) too';
    is $sup->{browser}->get('/session?id=' . ('0' x 32))->{status}, 404, 'an unknown session: 404';
    is $sup->{browser}->get('/session?id=nonsense')->{status}, 400, 'a malformed id: 400';
    is $sup->{browser}->get('/session')->{status}, 400, 'no id: 400';
};

subtest 'an agent who took part reads only their own private lines' => sub {
    # A supervisor prompts Bob's colleague privately in another session; a
    # third agent who joined by transfer must not read lines between others.
    my $c = Baton::Test::open_channel(client => $client, agent => $ann, site_key => $key);
    my $carl = staff($client, 'agent', name => 'Carl Third');
    my $csup = post_as($sup, '/monitor', channel => $c->{channel});
    is $csup->{status}, 303, 'the supervisor monitors the session';
    my $sup_token = Baton::Test::channel_token($sup->{browser}->get("/channel?id=$c->{channel}")->{content});
    my $ann_p = participant_id($c->{channel}, agent_id => $ann->{id});
    my $r = $sup->{browser}->post('/say', form => [channel => $c->{channel}, token => $sup_token,
        text => 'Offer the discount', to => $ann_p], headers => { Accept => 'application/json', Origin => $s->{URL} });
    is $r->{status}, 200, 'and prompts the agent privately';
    $r = $ann->{browser}->post('/transfer', form => [channel => $c->{channel}, token => $c->{agent}{token},
        agent => $carl->{id}], headers => { Accept => 'application/json', Origin => $s->{URL} });
    ok $r->{status} == 200 || $r->{status} == 303, 'the agent hands the session to a colleague';
    my $ann_view = timeline_of($ann->{browser}->get("/session?id=$c->{channel}")->{content});
    ok((grep { $_->{kind} eq 'private' && $_->{text} =~ /Offer the discount/ } @$ann_view), 'the prompted agent reads the prompt');
    ok((grep { $_->{kind} eq 'monitor' } @$ann_view), 'and sees that a supervisor watched (staff only)');
    my $carl_page = $carl->{browser}->get("/session?id=$c->{channel}");
    is $carl_page->{status}, 200, 'the colleague who took over may read the session';
    unlike $carl_page->{content}, qr/Offer the discount/, 'but not a private line between others';
    like $sup->{browser}->get("/session?id=$c->{channel}")->{content}, qr/Offer the discount/, 'the supervisor reads every line';
};

done_testing;
