#!/usr/bin/perl
# Rooms (cgi-bin/rooms.c): a staff member opens a room (named, or after
# them) and is in it as its owner and leader; the client's open rooms are
# listed for its staff, with who is in each; a colleague joins one; the
# viewer's Rooms panel lists them and the Who and Rooms buttons follow the
# client's settings (show_who, show_rooms). Refused: no session, no form
# token, joining a visitor's conversation or another client's room,
# something that is no channel at all.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin);
use Baton::Crowd qw(staff_post invite joined_party);

my $s = stack();
my $client = Baton::Test::new_client();
my $owner = Baton::Test::signed_in_agent(client => $client, name => 'Rita Room', state => 'away');
# Rita holds her staff room when she takes a visitor's conversation too.
Baton::Test::admin(undef, 'agent', 'capacity', $owner->{email}, '3');
my $colleague = Baton::Test::signed_in_agent(client => $client, name => 'Carl Colleague', state => 'away');

my $room;
subtest 'opening a room' => sub {
    my $res = staff_post($owner, '/rooms', action => 'open', name => 'Kitchen planning');
    is $res->{status}, 303, 'POST /rooms action=open: 303';
    ($room) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$};
    ok $room, 'to the new room\'s viewer';
    my $row = sql("SELECT kind, name, state, owner_participant_id = leader_participant_id,"
        . " (SELECT COUNT(*) FROM participant WHERE channel_id = channel.id) FROM channel WHERE public_id = '$room'")->[0];
    is_deeply $row, ['room', 'Kitchen planning', 'open', 1, 1], 'a room, named, open, its owner leads, one person in it';
    my $page = $owner->{browser}->get("/channel?id=$room");
    is $page->{status}, 200, 'the owner sees it';
    like $page->{content}, qr/id="invite-button"/, 'with the Invite button';
    $res = staff_post($owner, '/rooms', action => 'open');
    my ($unnamed) = ($res->{headers}{location} // '') =~ m{id=(\w+)};
    like sql("SELECT name FROM channel WHERE public_id = '$unnamed'")->[0][0], qr/^Rita Room's room, \d{4}-/, 'an unnamed room is named after its opener and the time';
    my $long = staff_post($owner, '/rooms', action => 'open', name => 'x' x 201);
    is $long->{status}, 400, 'a name over 200 characters: 400';
};

subtest 'the client\'s open rooms, and joining one' => sub {
    my $page = $colleague->{browser}->get('/rooms');
    is $page->{status}, 200, 'GET /rooms: 200';
    like $page->{content}, qr/Kitchen planning.*1 here: Rita Room/s, 'lists the room, with who is in it';
    my $res = staff_post($colleague, '/rooms', action => 'join', channel => $room);
    is $res->{status}, 303, 'the colleague joins: 303';
    is $res->{headers}{location}, "/channel?id=$room", 'to the room';
    is sql("SELECT COUNT(*) FROM participant p JOIN channel c ON c.id = p.channel_id WHERE c.public_id = '$room' AND p.left_at IS NULL AND p.kind = 'agent'")->[0][0],
        2, 'two staff in the room';
    $res = staff_post($colleague, '/rooms', action => 'join', channel => $room);
    is $res->{status}, 303, 'joining again just goes back in';
    is sql("SELECT COUNT(*) FROM participant p JOIN channel c ON c.id = p.channel_id WHERE c.public_id = '$room' AND p.left_at IS NULL")->[0][0],
        2, 'no one more';
    $page = $colleague->{browser}->get("/channel?id=$room");
    like $page->{content}, qr/id="panel-rooms"/, 'the viewer has the Rooms panel';
    like $page->{content}, qr/All rooms, or open a new one/, 'with the way to all rooms';
};

subtest 'a guest in the room, and the viewer\'s buttons' => sub {
    my (undef, $d) = invite({ %$owner, token => Baton::Test::channel_token($owner->{browser}->get("/channel?id=$room")->{content}) }, $room);
    my $guest = joined_party($d->{link}, 'Greta Guest');
    my $page = $guest->{browser}->get("/channel?id=$room");
    like $page->{content}, qr/id="who-button"/, 'the guest has the Who button';
    unlike $page->{content}, qr/id="rooms-button"/, 'not the Rooms button (staff only)';
    unlike $page->{content}, qr/id="invite-button"/, 'nor Invite (not allowed)';
    admin(undef, 'client', 'set', $client, 'show_who', 0);
    $page = $guest->{browser}->get("/channel?id=$room");
    unlike $page->{content}, qr/id="who-button"/, 'show_who 0: no Who button';
    admin(undef, 'client', 'set', $client, 'show_rooms', 0);
    $page = $owner->{browser}->get("/channel?id=$room");
    unlike $page->{content}, qr/id="rooms-button"/, 'show_rooms 0: no Rooms button for staff either';
    admin(undef, 'client', 'set', $client, 'show_who', 1);
    admin(undef, 'client', 'set', $client, 'show_rooms', 1);
    my $bad = eval { admin(undef, 'client', 'set', $client, 'show_who', 2); 1 };
    ok !$bad, 'baton-admin refuses show_who 2';
    $bad = eval { admin(undef, 'client', 'set', $client, 'room_join', 'maybe'); 1 };
    ok !$bad, 'and room_join maybe';
};

subtest 'refusals' => sub {
    my $anon = Baton::Test::Browser->new;
    is $anon->get('/rooms')->{status}, 303, 'no session: the page sends to sign-in';
    my $res = $anon->post('/rooms', form => [csrf => 'a' x 64, action => 'open'], headers => { Accept => 'application/json', Origin => $s->{URL} });
    is $res->{status}, 401, 'no session: 401';
    $res = $owner->{browser}->post('/rooms', form => [csrf => 'b' x 64, action => 'open'], headers => { Origin => $s->{URL} });
    is $res->{status}, 403, 'a wrong form token: 403';
    my $help = Baton::Test::open_channel(client => $client, agent => $owner);
    $res = staff_post($colleague, '/rooms', action => 'join', channel => $help->{channel});
    is $res->{status}, 404, 'a visitor\'s conversation is no room to join: 404';
    my $stranger = Baton::Test::signed_in_agent(name => 'Other Client', state => 'away');
    $res = staff_post($stranger, '/rooms', action => 'join', channel => $room);
    is $res->{status}, 404, 'staff of another client: 404';
    unlike $stranger->{browser}->get('/rooms')->{content}, qr/data-room="$room"/, 'nor do they see it listed';
    $res = staff_post($colleague, '/rooms', action => 'join', channel => 'f' x 32);
    is $res->{status}, 404, 'no such channel: 404';
    $res = staff_post($colleague, '/rooms', action => 'join');
    is $res->{status}, 400, 'no channel given: 400';
};

done_testing;
