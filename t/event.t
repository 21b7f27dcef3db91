#!/usr/bin/perl
# An event's life and its staff's page (cgi-bin/event.c, lib/event.c): the
# producer opens the stage (a stage channel and a backstage channel, the
# producer and the speakers in both, the first speaker leading), goes live
# and ends it (both channels close); speakers find their way onto the
# stage; the stage's viewer carries the speakers' panel. Refused: a speaker
# or an unrelated agent running the event, opening twice, anything after
# the end, another client's staff, unknown events.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);
use Baton::Crowd qw(event_with staff_post);

my $s = stack();
my $e = event_with(speakers => 2);
my ($producer, $s1, $s2) = ($e->{producer}, @{ $e->{speakers} });
my $id = $e->{id};
my $bystander = Baton::Test::signed_in_agent(client => $e->{client}, name => 'Bea Bystander', state => 'away');
sub step { my ($who, $action) = @_; staff_post($who, '/event', id => $id, action => $action) }
sub row { sql("SELECT state, stage_channel_id IS NOT NULL, backstage_channel_id IS NOT NULL FROM live_event WHERE public_id = '$id'")->[0] }

subtest 'before the stage opens' => sub {
    my $page = $producer->{browser}->get("/event?id=$id");
    is $page->{status}, 200, 'the producer\'s page: 200';
    like $page->{content}, qr/id="open-stage"/, 'offers to open the stage';
    like $page->{content}, qr{/attend\?e=$id}, 'shows the attendees\' link';
    $page = $s1->{browser}->get("/event?id=$id");
    is $page->{status}, 200, 'a speaker\'s page: 200';
    like $page->{content}, qr/id="stage-wait"/, 'tells them to wait for the producer';
    unlike $page->{content}, qr/id="open-stage"/, 'no button to open it';
    is $bystander->{browser}->get("/event?id=$id")->{status}, 403, 'an agent of the client with no part: 403';
    my $other = Baton::Test::signed_in_agent(name => 'Other Client', state => 'away');
    is $other->{browser}->get("/event?id=$id")->{status}, 404, 'staff of another client: 404';
    is $producer->{browser}->get('/event?id=' . ('0' x 32))->{status}, 404, 'an unknown event: 404';
    is $producer->{browser}->get('/event?id=nonsense')->{status}, 404, 'a malformed id: 404';
};

subtest 'opening the stage' => sub {
    my ($res) = step($s1, 'open');
    is $res->{status}, 403, 'a speaker cannot open it: 403';
    ($res) = step($bystander, 'open');
    is $res->{status}, 403, 'nor an agent with no part: 403';
    ($res) = step($producer, 'open');
    is $res->{status}, 200, 'the producer opens the stage: 200';
    is_deeply row(), ['open', 1, 1], 'open, with a stage and a backstage';
    my $people = sql("SELECT c.kind, p.display_name, p.stage_role, COALESCE(c.leader_participant_id = p.id, 0) FROM live_event e"
        . " JOIN channel c ON c.id IN (e.stage_channel_id, e.backstage_channel_id) JOIN participant p ON p.channel_id = c.id"
        . " WHERE e.public_id = '$id' ORDER BY c.kind, p.id");
    is_deeply [map { join ' ', @$_ } @$people], ['stage Pat Producer producer 0', 'stage Speaker 1 speaker 1',
        'stage Speaker 2 speaker 0', 'backstage Pat Producer producer 0', 'backstage Speaker 1 speaker 0',
        'backstage Speaker 2 speaker 0'], 'the producer and both speakers on both; the first speaker leads the stage';
    ($res) = step($producer, 'open');
    is $res->{status}, 409, 'opening again: 409';
    my $page = $s2->{browser}->get("/event?id=$id");
    my ($stage) = $page->{content} =~ m{href="/channel\?id=([0-9a-f]{32})" id="stage-link"};
    ok $stage, 'the speaker\'s page leads onto the stage';
    my $view = $s2->{browser}->get("/channel?id=$stage");
    is $view->{status}, 200, 'the stage\'s viewer: 200';
    like $view->{content}, qr/id="stage-panel"/, 'with the speakers\' panel';
    like $view->{content}, qr/data-backstage-token="[0-9a-f]{64}"/, 'which can write backstage';
};

subtest 'going live and ending' => sub {
    my ($res) = step($s1, 'live');
    is $res->{status}, 403, 'a speaker cannot go live: 403';
    ($res) = step($producer, 'live');
    is $res->{status}, 200, 'the producer goes live: 200';
    is row()->[0], 'live', 'live';
    ($res) = step($producer, 'live');
    is $res->{status}, 409, 'live again: 409';
    my $stage_id = sql("SELECT stage_channel_id FROM live_event WHERE public_id = '$id'")->[0][0];
    is_deeply [map { $_->[0] } @{ sql("SELECT body FROM channel_event WHERE channel_id = $stage_id AND kind = 'stage' ORDER BY seq") }],
        ['open', 'live'], 'the stage says so, in order';
    ($res) = step($producer, 'end');
    is $res->{status}, 200, 'the producer ends it: 200';
    is row()->[0], 'ended', 'ended';
    is_deeply sql("SELECT c.state, (SELECT COUNT(*) FROM participant p WHERE p.channel_id = c.id AND p.left_at IS NULL)"
        . " FROM live_event e JOIN channel c ON c.id IN (e.stage_channel_id, e.backstage_channel_id) WHERE e.public_id = '$id'"),
        [['closed', 0], ['closed', 0]], 'both channels closed, nobody left in them';
    for my $action (qw(open live end)) {
        ($res) = step($producer, $action);
        is $res->{status}, 409, "$action after the end: 409";
    }
};

subtest 'going live straight from scheduled, and baton-admin' => sub {
    my $f = event_with(speakers => 1);
    my ($res) = staff_post($f->{producer}, '/event', id => $f->{id}, action => 'live');
    is $res->{status}, 200, 'live at once: 200';
    is_deeply sql("SELECT state, stage_channel_id IS NOT NULL FROM live_event WHERE public_id = '$f->{id}'")->[0],
        ['live', 1], 'the stage opened on the way';
    like Baton::Test::admin(undef, 'event', 'end', $f->{id}), qr/end/, 'baton-admin event end';
    is sql("SELECT state FROM live_event WHERE public_id = '$f->{id}'")->[0][0], 'ended', 'ended';
};

done_testing;
