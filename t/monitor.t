#!/usr/bin/perl
# Monitoring: a supervisor opens a live session of the client silently from
# the supervise page (POST /monitor with the page's CSRF token). The visitor
# sees no sign of it, live or in the transcript: no monitor event, no
# supervisor among the people, in typing or among the pointers, no leave.
# The supervisor's private prompt reaches the agent only. A client may
# choose to tell visitors that sessions may be monitored. Only supervisors
# (and admins) of the client, and the operator, may monitor.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);
use Baton::Archive qw(staff operator post_as participant_id);

my $s = stack();
my $client = Baton::Test::new_client();
my ($key) = Baton::Test::new_direct_site($client);
my $agent = staff($client, 'agent', name => 'Molly Agent');
my $sup = staff($client, 'supervisor', name => 'Silent Sid');
my $c = Baton::Test::open_channel(client => $client, agent => $agent, site_key => $key);
my ($ch, $visitor) = ($c->{channel}, $c->{visitor});
Baton::Test::chat_say($visitor, $ch, 'Hello there');

my %json = (Accept => 'application/json', Origin => $s->{URL});

subtest 'the supervisor starts monitoring from the supervise page' => sub {
    my $page = $sup->{browser}->get('/supervise');
    is $page->{status}, 200, 'the supervise page';
    my ($csrf) = $page->{content} =~ /id="supervise"[^>]*data-csrf="([0-9a-f]{64})"/;
    ok $csrf, 'carries the CSRF token';
    like $page->{content}, qr{<form method="post" action="/monitor" target="_blank" class="monitor-form" data-channel="$ch">},
        'and a Monitor button for the live session';
    my $res = $sup->{browser}->post('/monitor', form => [csrf => $csrf, channel => $ch], headers => { Origin => $s->{URL} });
    is $res->{status}, 303, 'POST /monitor: 303';
    is $res->{headers}{location}, "/channel?id=$ch", 'into the session';
    $res = $sup->{browser}->post('/monitor', form => [csrf => $csrf, channel => $ch], headers => { Origin => $s->{URL} });
    is $res->{status}, 303, 'a second click opens it again';
    my $ch_id = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];
    is_deeply sql("SELECT COUNT(*) FROM participant WHERE channel_id = $ch_id AND kind = 'supervisor'"), [[1]],
        'as one silent participant';
    is_deeply sql("SELECT COUNT(*) FROM channel_event WHERE channel_id = $ch_id AND kind = 'monitor'"), [[1]],
        'with one monitor event for the archive';
    my $view = $sup->{browser}->get("/channel?id=$ch");
    is $view->{status}, 200, 'the supervisor sees the session';
    like $view->{content}, qr/Hello there/, 'with its lines';
    $sup->{token} = Baton::Test::channel_token($view->{content});
    like $view->{content}, qr/data-role="supervisor"/, 'as a supervisor';
};

my $agent_p = participant_id($ch, agent_id => $agent->{id});
my $visitor_p = participant_id($ch, visitor_id => $visitor->{id});

subtest 'the supervisor prompts the agent privately' => sub {
    my $res = $sup->{browser}->post('/say', form => [channel => $ch, token => $sup->{token},
        text => 'Offer free shipping', to => $agent_p], headers => \%json);
    is $res->{status}, 200, 'a private line to the agent';
    $res = $sup->{browser}->post('/say', form => [channel => $ch, token => $sup->{token}, text => 'Hi visitor'],
        headers => \%json);
    is $res->{status}, 403, 'a public line from a silent supervisor is refused';
    $res = $sup->{browser}->post('/say', form => [channel => $ch, token => $sup->{token}, text => 'Psst',
        to => $visitor_p], headers => \%json);
    is $res->{status}, 403, 'so is a private line to the visitor';
    my ($events) = Baton::Test::chat_collect($c->{agent}, $ch, until => sub {
        grep { ($_->{body} // '') eq 'Offer free shipping' } @{ $_[0] } }, seconds => 5);
    my ($prompt) = grep { ($_->{body} // '') eq 'Offer free shipping' } @$events;
    ok $prompt, 'the agent\'s poll brings the prompt';
    is $prompt->{kind}, 'private', 'as a private line';
    is $prompt->{name}, 'Silent Sid', 'from the supervisor';
    ok((grep { $_->{kind} eq 'monitor' } @$events), 'the agent sees that the supervisor watches');
};

subtest 'the visitor sees no supervisor' => sub {
    # The supervisor's page reports where their view is and that they type.
    Baton::Test::chat_typing($sup, $ch, 'drafting a prompt');
    $sup->{browser}->post('/seen', form => [channel => $ch, token => $sup->{token}, url => 'https://shop.example/',
        sx => 0, sy => 0], headers => \%json);
    $sup->{browser}->post('/pointer', form => [channel => $ch, token => $sup->{token}, mode => 'overlay',
        x => '0.5', y => '0.5'], headers => \%json);
    my ($res, $d) = Baton::Test::chat_poll($visitor, $ch);
    is $res->{status}, 200, 'the visitor polls';
    my @kinds = map { $_->{kind} } @{ $d->{events} };
    is_deeply \@kinds, [qw(join join address line)], 'only the joins, the page led to and the line: no monitor event, no prompt';
    unlike $res->{content}, qr/Silent Sid|Offer free shipping|supervisor/, 'nothing names the supervisor';
    ok !(grep { $_->{role} eq 'supervisor' } @{ $d->{peers} // [] }), 'no supervisor among the pointers';
    ok !(grep { $_->{name} eq 'Silent Sid' } @{ $d->{typing} // [] }), 'nor typing';
    my $page = $visitor->{browser}->get("/channel?id=$ch");
    unlike $page->{content}, qr/Silent Sid|Offer free shipping|event-monitor/, 'the visitor\'s channel page: no supervisor';
    unlike $page->{content}, qr/may be monitored/, 'and no notice while the client has not asked for one';
    my ($ares, $ad) = Baton::Test::chat_poll($c->{agent}, $ch);
    ok((grep { $_->{name} eq 'Silent Sid' } @{ $ad->{typing} // [] }), 'while the agent sees the supervisor type');
};

subtest 'the supervisor leaves silently; the transcript shows none of it' => sub {
    my $res = $sup->{browser}->post('/leave', form => [channel => $ch, token => $sup->{token}], headers => \%json);
    ok $res->{status} == 200 || $res->{status} == 303, 'the supervisor leaves';
    my (undef, $d) = Baton::Test::chat_poll($visitor, $ch);
    is_deeply [map { $_->{kind} } @{ $d->{events} }], [qw(join join address line)], 'the visitor sees no leave either';
    $c->{agent}{browser}->post('/leave', form => [channel => $ch, token => $c->{agent}{token}], headers => \%json);
    my $t = $visitor->{browser}->get("/transcript?id=$ch");
    is $t->{status}, 200, 'the visitor\'s transcript';
    unlike $t->{content}, qr/Silent Sid|Offer free shipping|event-monitor|event-private/, 'has no supervisor, no prompt';
    like $t->{content}, qr/Hello there/, 'but the conversation';
    like $sup->{browser}->get("/session?id=$ch")->{content}, qr/Offer free shipping/, 'the archive keeps the prompt for staff';
};

subtest 'a client may tell visitors that sessions may be monitored' => sub {
    Baton::Test::set_client($client, tell_visitors_monitored => 1);
    my $c2 = Baton::Test::open_channel(client => $client, agent => $agent, site_key => $key);
    my $page = $c2->{visitor}{browser}->get("/channel?id=$c2->{channel}");
    like $page->{content}, qr{<p class="notice" id="monitoring-notice">This session may be monitored for quality\.</p>},
        'the visitor\'s channel page says so';
    unlike $agent->{browser}->get("/channel?id=$c2->{channel}")->{content}, qr/monitoring-notice/, 'not the agent\'s';
    Baton::Test::set_client($client, tell_visitors_monitored => 0);
    unlike $c2->{visitor}{browser}->get("/channel?id=$c2->{channel}")->{content}, qr/monitoring-notice/,
        'and no more once the client turns it off';
    $agent->{browser}->post('/leave', form => [channel => $c2->{channel}, token => $c2->{agent}{token}], headers => \%json);
};

subtest 'who may monitor' => sub {
    my $c3 = Baton::Test::open_channel(client => $client, agent => $agent, site_key => $key);
    my $other = Baton::Test::new_client();
    for my $case ([staff($client, 'agent', state => 'away'), 'an agent of the client'],
                  [staff($other, 'supervisor'), 'a supervisor of another client'],
                  [staff($other, 'admin'), 'an admin of another client']) {
        my $res = post_as($case->[0], '/monitor', channel => $c3->{channel});
        is $res->{status}, 403, "$case->[1]: 403";
        is $case->[0]{browser}->get("/channel?id=$c3->{channel}")->{status}, 403, "$case->[1]: and no way into the channel";
    }
    is post_as(staff($client, 'admin'), '/monitor', channel => $c3->{channel})->{status}, 303, 'an admin of the client may';
    is post_as(operator(), '/monitor', channel => $c3->{channel})->{status}, 303, 'so may the operator';
    my $res = $sup->{browser}->post('/monitor', form => [csrf => 'a' x 64, channel => $c3->{channel}],
        headers => { Origin => $s->{URL} });
    is $res->{status}, 403, 'a wrong CSRF token: 403';
    is post_as($sup, '/monitor', channel => '0' x 32)->{status}, 403, 'an unknown session: 403';
    is post_as($sup, '/monitor', channel => $ch)->{status}, 409, 'an ended session: 409 (it is in the archive)';
    is $sup->{browser}->get("/monitor?channel=$c3->{channel}")->{status}, 405, 'GET: 405';
    $agent->{browser}->post('/leave', form => [channel => $c3->{channel}, token => $c3->{agent}{token}], headers => \%json);
};

subtest 'the client caps how many people a session holds' => sub {
    my $c4 = Baton::Test::open_channel(client => $client, agent => $agent, site_key => $key);
    sql("UPDATE client SET channel_participant_cap = 3 WHERE slug = '$client'");
    is post_as(staff($client, 'supervisor'), '/monitor', channel => $c4->{channel})->{status}, 303,
        'a third person fits a cap of 3';
    my $res = post_as(staff($client, 'supervisor'), '/monitor', channel => $c4->{channel});
    is $res->{status}, 409, 'a fourth does not';
    like $res->{content}, qr/as many people as your desk allows/, 'saying why';
    sql("UPDATE client SET channel_participant_cap = 6 WHERE slug = '$client'");
    $agent->{browser}->post('/leave', form => [channel => $c4->{channel}, token => $c4->{agent}{token}], headers => \%json);
};

done_testing;
