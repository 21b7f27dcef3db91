#!/usr/bin/perl
# Calls between a channel's people (cgi-bin/call.c, the rules in lib/call.h):
# starting one (audio or video) asks everyone else; joining connects it;
# mute and camera are told to the others; hanging up a call of two ends it
# for both; declining ends an unanswered one; leaving the channel hangs up;
# one call at a time; each step is a 'call' event, kept in the archive; ICE
# servers come with a TURN credential minted for the person; a supervisor
# watching silently cannot call, and listens only where the client allows
# it and tells visitors of monitoring, unseen by the visitor; strangers and
# bad input get clear refusals.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);
use Baton::Archive qw(staff post_as);

my $s = stack();

sub act {
    my ($who, $ch, $action, %f) = @_;
    my %o = exists $f{token} ? (token => delete $f{token}) : ();
    return Baton::Test::party_post($who, '/call', $ch, [action => $action, %f], %o);
}
sub state_of {
    my ($who, $ch) = @_;
    my $res = $who->{browser}->get("/call?channel=$ch", headers => { Accept => 'application/json' });
    return ($res, Baton::Test::json_decode($res->{content}));
}
# The 'call' events a party sees after seq $after, as [verb, from].
sub call_events {
    my ($who, $ch, $after, $until) = @_;
    my ($events) = Baton::Test::chat_collect($who, $ch, after => $after, seconds => 10,
        until => sub { grep { $_->{kind} eq 'call' && $until->($_) } @{ $_[0] } });
    return [map { [$_->{body}, $_->{from}] } grep { $_->{kind} eq 'call' } @$events];
}
sub last_seq { Baton::Test::channel_snapshot(@_)->{last_seq} }

my $c = Baton::Test::open_channel(agent_name => 'Carl Caller');
my ($ch, $agent, $visitor) = @$c{qw(channel agent visitor)};
my $ids = Baton::Test::participant_ids($agent, $ch);
my ($ap, $vp) = @$ids{qw(agent visitor)};

subtest 'no call yet' => sub {
    my ($res, $d) = state_of($visitor, $ch);
    is $res->{status}, 200, 'GET /call: 200';
    is_deeply $d, { call => undef, may_listen => JSON::PP::false() }, 'no call, and the visitor may not listen';
};

my $call;
subtest 'the agent calls: everyone else is asked' => sub {
    my ($res, $d) = act($agent, $ch, 'start');
    is $res->{status}, 400, 'start without media: 400';
    like $d->{error}, qr/audio, or video/, 'saying which media there are';
    my $before = last_seq($visitor, $ch);
    my $t0 = time;
    ($res, $d) = act($agent, $ch, 'start', media => 'video');
    is $res->{status}, 200, 'start video: 200';
    $call = $d->{call}{id};
    ok $call, 'the call has an id';
    is $d->{call}{state}, 'ringing', 'it rings';
    is $d->{call}{media}, 'video', 'with video';
    is_deeply [map { [$_->{id}, $_->{state}] } @{ $d->{call}{members} }], [[$ap, 'joined'], [$vp, 'invited']],
        'the caller is in it, the visitor is asked';
    my @turn = grep { $_->{username} } @{ $d->{ice} };
    is scalar @turn, 1, 'the ICE servers hold one TURN entry';
    like $turn[0]{username}, qr/^(\d+):p$ap$/, 'with a username EXPIRY:p<participant>';
    my ($expiry) = $turn[0]{username} =~ /^(\d+):/;
    ok abs($expiry - ($t0 + 600)) <= 5, 'expiring turn_credential_seconds (600) from now';
    is $d->{ice_expires}, $expiry, 'the answer says when';
    ok defined $d->{relay_only} && !$d->{relay_only}, 'peer to peer allowed (call_relay_only = no)';
    ok((grep { /^turn:127\.0\.0\.1:\d+\?transport=udp$/ } @{ $turn[0]{urls} }), 'the private coturn, over UDP');
    ok((grep { $_->{urls} && !$_->{username} && grep { /^stun:/ } @{ $_->{urls} } } @{ $d->{ice} }), 'and STUN');
    is length($turn[0]{credential}), 28, 'the password is a base64 HMAC-SHA1';

    my $events = call_events($visitor, $ch, $before, sub { $_[0]{body} =~ /^start/ });
    is_deeply $events, [['start video', $ap]], 'the visitor\'s poll: the agent started a video call';
    ($res, $d) = state_of($visitor, $ch);
    is $d->{call}{id}, $call, 'GET /call shows the visitor the ringing call';
    ($res, $d) = act($visitor, $ch, 'start', media => 'audio');
    is $res->{status}, 409, 'a second call meanwhile: 409';
    like $d->{error}, qr/already under way/, 'one call at a time';
};

subtest 'the visitor joins; mute and camera' => sub {
    my ($res, $d) = act($visitor, $ch, 'join', call => $call);
    is $res->{status}, 400, 'join without media: 400';
    ($res, $d) = act($visitor, $ch, 'join', call => $call + 1000, media => 'audio');
    is $res->{status}, 409, 'joining a call that is not this one: 409';
    my $before = last_seq($agent, $ch);
    ($res, $d) = act($visitor, $ch, 'join', call => $call, media => 'audio');
    is $res->{status}, 200, 'the visitor joins, audio only';
    is $d->{call}{state}, 'connected', 'the call is connected';
    my %m = map { $_->{id} => $_ } @{ $d->{call}{members} };
    is $m{$vp}{media}, 'audio', 'the visitor sends audio only';
    is $m{$ap}{media}, 'video', 'the agent video';
    ok((grep { $_->{username} && $_->{username} =~ /:p$vp$/ } @{ $d->{ice} }), 'the visitor gets a credential of their own');
    ($res, $d) = act($visitor, $ch, 'join', call => $call, media => 'audio');
    is $res->{status}, 200, 'joining twice is harmless';
    is_deeply call_events($agent, $ch, $before, sub { 1 }), [['join audio', $vp]], 'the agent hears of it once';

    $before = last_seq($agent, $ch);
    is act($visitor, $ch, 'mute', call => $call)->{status}, 200, 'the visitor mutes';
    is act($agent, $ch, 'camera-off', call => $call)->{status}, 200, 'the agent stops the camera';
    ($res, $d) = state_of($agent, $ch);
    %m = map { $_->{id} => $_ } @{ $d->{call}{members} };
    ok $m{$vp}{muted} && !$m{$vp}{camera_off}, 'the visitor is muted';
    ok $m{$ap}{camera_off} && !$m{$ap}{muted}, 'the agent\'s camera is off';
    is_deeply call_events($visitor, $ch, $before, sub { $_[0]{body} eq 'camera off' }),
        [['mute', $vp], ['camera off', $ap]], 'both are told, in order';
    is act($visitor, $ch, 'unmute', call => $call)->{status}, 200, 'unmute';
    is act($agent, $ch, 'camera-on', call => $call)->{status}, 200, 'camera on';
};

subtest 'hanging up a call of two ends it for both' => sub {
    my $before = last_seq($agent, $ch);
    my ($res, $d) = act($visitor, $ch, 'leave', call => $call);
    is $res->{status}, 200, 'the visitor hangs up';
    is $d->{call}, undef, 'no call is left';
    is_deeply call_events($agent, $ch, $before, sub { $_[0]{body} eq 'end' }), [['leave', $vp], ['end', undef]],
        'the agent hears: the visitor left, the call ended';
    ($res, $d) = state_of($agent, $ch);
    is $d->{call}, undef, 'GET /call: none';
    is act($agent, $ch, 'leave', call => $call)->{status}, 200, 'hanging up a call that is over is harmless';
    ($res, $d) = act($agent, $ch, 'mute', call => $call);
    is $res->{status}, 409, 'muting in it: 409';
    like $d->{error}, qr/over/, 'it is over';
    my $row = sql("SELECT state, connected_at IS NOT NULL, ended_at IS NOT NULL FROM media_call WHERE id = $call")->[0];
    is_deeply $row, ['ended', 1, 1], 'the call is stored as connected and ended';
};

subtest 'declining an unanswered call ends it' => sub {
    my ($res, $d) = act($visitor, $ch, 'start', media => 'audio');
    is $res->{status}, 200, 'the visitor calls the agent (audio)';
    my $second = $d->{call}{id};
    my $before = last_seq($visitor, $ch);
    ($res, $d) = act($agent, $ch, 'decline', call => $second);
    is $res->{status}, 200, 'the agent declines';
    is_deeply call_events($visitor, $ch, $before, sub { $_[0]{body} eq 'end' }), [['decline', $ap], ['end', undef]],
        'the caller hears: declined, ended';
    my $row = sql("SELECT state, connected_at IS NULL FROM media_call WHERE id = $second")->[0];
    is_deeply $row, ['ended', 1], 'never connected';
    ($res, $d) = act($visitor, $ch, 'start', media => 'audio');
    my $third = $d->{call}{id};
    is act($visitor, $ch, 'leave', call => $third)->{status}, 200, 'a caller who gives up hangs up';
    is sql("SELECT state FROM media_call WHERE id = $third")->[0][0], 'ended', 'and the call ends';
};

subtest 'four people at most (a mesh)' => sub {
    my ($res, $d) = act($agent, $ch, 'start', media => 'audio');
    my $full = $d->{call}{id};
    # Three more people already in it (as a larger conversation would have).
    my $cid = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];
    for my $n (1 .. 3) {
        sql("INSERT INTO visitor (token_hash, created_at, last_seen_at) VALUES (SHA2(UUID(), 256), NOW(3), NOW(3))");
        sql("INSERT INTO participant (channel_id, kind, visitor_id, display_name, token, joined_at)"
            . " VALUES ($cid, 'visitor', (SELECT MAX(id) FROM visitor), 'Guest $n', SHA2(UUID(), 256), NOW(3))");
        sql("INSERT INTO media_call_member (call_id, participant_id, state, media, joined_at)"
            . " VALUES ($full, (SELECT MAX(id) FROM participant), 'joined', 'audio', NOW(3))");
    }
    ($res, $d) = act($visitor, $ch, 'join', call => $full, media => 'audio');
    is $res->{status}, 409, 'a fifth person may not join';
    like $d->{error}, qr/four people at most/, 'the call is full';
    sql("UPDATE participant SET left_at = NOW(3) WHERE channel_id = $cid AND display_name LIKE 'Guest %'");
    sql("UPDATE media_call_member SET state = 'left' WHERE call_id = $full AND participant_id <> $ap");
    is act($agent, $ch, 'leave', call => $full)->{status}, 200, 'the call is hung up';
    is sql("SELECT state FROM media_call WHERE id = $full")->[0][0], 'ended', 'and over';
};

subtest 'a supervisor watching silently' => sub {
    my $sup = staff($c->{client}, 'supervisor', name => 'Sia Super');
    is post_as($sup, '/monitor', channel => $ch)->{status}, 303, 'a supervisor monitors';
    $sup->{token} = Baton::Test::channel_token($sup->{browser}->get("/channel?id=$ch")->{content});
    my ($res, $d) = act($sup, $ch, 'start', media => 'audio');
    is $res->{status}, 403, 'cannot call';
    ($res, $d) = act($agent, $ch, 'start', media => 'audio');
    my $call4 = $d->{call}{id};
    ok !(grep { $_->{role} eq 'supervisor' } @{ $d->{call}{members} }), 'is not asked into a call';
    is act($visitor, $ch, 'join', call => $call4, media => 'audio')->{status}, 200, 'the visitor joins';
    ($res, $d) = act($sup, $ch, 'join', call => $call4, media => 'audio');
    is $res->{status}, 403, 'may not listen by default';
    like $d->{error}, qr/does not let supervisors listen/, 'saying so';
    ($res, $d) = state_of($sup, $ch);
    ok !$d->{may_listen}, 'GET /call says so too';

    Baton::Test::set_client($c->{client}, supervisors_listen => 1);
    ($res, $d) = act($sup, $ch, 'join', call => $call4, media => 'audio');
    is $res->{status}, 403, 'allowed by the client but visitors are not told of monitoring: still not';
    Baton::Test::set_client($c->{client}, tell_visitors_monitored => 1);
    ($res, $d) = state_of($sup, $ch);
    ok $d->{may_listen}, 'with both: may listen';
    my $vbefore = last_seq($visitor, $ch);
    my $abefore = last_seq($agent, $ch);
    ($res, $d) = act($sup, $ch, 'join', call => $call4, media => 'video');
    is $res->{status}, 200, 'the supervisor listens';
    my ($sm) = grep { $_->{role} eq 'supervisor' } @{ $d->{call}{members} };
    is $sm->{media}, 'audio', 'as a listener (nothing of theirs to send but audio to the agent)';
    my $sup_p = $sm->{id};
    ($res, $d) = state_of($visitor, $ch);
    ok !(grep { $_->{role} eq 'supervisor' } @{ $d->{call}{members} }), 'the visitor\'s GET /call does not show them';
    ok((grep { $_->[0] eq 'listen' && $_->[1] == $sup_p } @{ call_events($agent, $ch, $abefore, sub { $_[0]{body} eq 'listen' }) }),
        'the agent is told');
    is act($visitor, $ch, 'mute', call => $call4)->{status}, 200, 'the visitor mutes (an event after it)';
    my $seen = call_events($visitor, $ch, $vbefore, sub { $_[0]{body} eq 'mute' });
    is_deeply $seen, [['mute', $vp]], 'the visitor\'s poll has no trace of the listener';
    is act($sup, $ch, 'leave', call => $call4)->{status}, 200, 'the listener leaves';
    is sql("SELECT state FROM media_call WHERE id = $call4")->[0][0], 'connected', 'the call goes on';
    Baton::Test::set_client($c->{client}, supervisors_listen => 0, tell_visitors_monitored => 0);

    $abefore = last_seq($agent, $ch);
    is $visitor->{browser}->post('/leave', form => [channel => $ch, token => $visitor->{token}],
        headers => { Accept => 'application/json', Origin => $s->{URL} })->{status}, 200, 'the visitor leaves the conversation';
    is_deeply call_events($agent, $ch, $abefore, sub { $_[0]{body} eq 'end' }), [['leave', $vp], ['end', undef]],
        'which hangs up their call, and ends it';
};

subtest 'strangers, closed channels and bad input' => sub {
    my $other = Baton::Test::open_channel(agent_name => 'Olga Other');
    my ($res, $d) = act($other->{visitor}, $ch, 'start', media => 'audio');
    is $res->{status}, 403, 'someone of another conversation: 403';
    ($res, $d) = state_of($other->{agent}, $ch);
    is $res->{status}, 403, 'and may not see its call';
    ($res, $d) = act($other->{agent}, $other->{channel}, 'start', media => 'audio', token => $agent->{token});
    is $res->{status}, 403, 'another conversation\'s token: 403';
    ($res, $d) = act($other->{agent}, $other->{channel}, 'dance');
    is $res->{status}, 400, 'an unknown action: 400';
    ($res, $d) = act($other->{agent}, $other->{channel}, 'start', media => 'smell');
    is $res->{status}, 400, 'unknown media: 400';
    ($res, $d) = act($other->{agent}, $other->{channel}, 'join', media => 'audio');
    is $res->{status}, 400, 'join without a call: 400';
    like $d->{error}, qr/which call/, 'saying so';
    ($res, $d) = act($other->{agent}, $other->{channel}, 'start', media => 'audio');
    my $call5 = $d->{call}{id};
    $res = $other->{agent}{browser}->post('/call', form => [channel => $other->{channel}, token => $other->{agent}{token},
        action => 'leave', call => $call5], headers => { Accept => 'application/json', Origin => 'http://evil.example' });
    is $res->{status}, 403, 'from another site: 403';
    is $other->{agent}{browser}->post('/leave', form => [channel => $other->{channel}, token => $other->{agent}{token}],
        headers => { Accept => 'application/json', Origin => $s->{URL} })->{status}, 200, 'the agent leaves: the channel closes';
    is sql("SELECT state FROM media_call WHERE id = $call5")->[0][0], 'ended', 'and its call ends';
    ($res, $d) = act($other->{visitor}, $other->{channel}, 'start', media => 'audio');
    is $res->{status}, 409, 'no calls in a closed conversation';
};

done_testing;
