#!/usr/bin/perl
# Joining a session by invitation (cgi-bin/join.c, lib/room.c): a guest
# gives a name and is in the viewer, the others see them join; a
# single-use link takes one person, a reusable one its number; expired,
# withdrawn, used-up and unknown links are refused with what to do; the
# session's participant cap and the client's seats are kept; someone
# already in goes straight back in; staff of the client join as staff; a
# client that requires it asks for a collaborator's id and password (and
# refuses a wrong one); an ended session takes nobody.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin);
use Baton::Crowd qw(invite join_link joined_party);

my $s = stack();
my $c = Baton::Test::open_channel(agent_name => 'Jo Host');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
sub link_for { my (%o) = @_; my (undef, $d) = invite($agent, $ch, %o); return $d->{link} }

subtest 'a guest joins by a single-use link' => sub {
    my $link = link_for(uses => 1);
    my $guest = Baton::Test::Browser->new;
    my ($page, $res) = join_link($guest, $link, name => 'Gail Guest');
    is $page->{status}, 200, 'the link shows a page';
    like $page->{content}, qr/Jo Host.*invites you/s, 'saying who invites';
    like $page->{content}, qr/name="name"/, 'and asking for a name';
    is $res->{status}, 303, 'joining: 303';
    is $res->{headers}{location}, "/channel?id=$ch", 'to the session';
    my $view = $guest->get("/channel?id=$ch");
    is $view->{status}, 200, 'the guest sees the viewer';
    my ($events) = Baton::Test::chat_collect($agent, $ch, until => sub { grep { $_->{kind} eq 'join' && $_->{name} eq 'Gail Guest' } @{ $_[0] } });
    my ($join) = grep { $_->{kind} eq 'join' && $_->{name} eq 'Gail Guest' } @$events;
    ok $join, 'the agent sees Gail join';
    is $join->{role}, 'visitor', 'as a visitor';
    my $avatars = sql("SELECT avatar FROM participant p JOIN channel c ON c.id = p.channel_id WHERE c.public_id = '$ch' AND p.left_at IS NULL");
    my %seen;
    ok !(grep { $seen{$_->[0]}++ } @$avatars), 'everyone present wears a different avatar (pointers differ)';
    my $again = Baton::Test::Browser->new;
    ($page) = join_link($again, $link, name => 'Second Try');
    is $page->{status}, 410, 'the same single-use link for another person: 410';
    like $page->{content}, qr/used as many times/, 'saying it is used up';
    ($page) = join_link($guest, $link);
    is $page->{status}, 303, 'Gail following her link again goes straight back in (303)';
};

subtest 'a link for up to three people' => sub {
    my $link = link_for(uses => 3);
    my @in = map { joined_party($link, "Many $_") } 1 .. 3;
    is scalar(@in), 3, 'three people join';
    my ($page) = join_link(Baton::Test::Browser->new, $link, name => 'Fourth');
    is $page->{status}, 410, 'the fourth: 410';
    my $uses = sql("SELECT uses, max_uses FROM invitation ORDER BY id DESC LIMIT 1")->[0];
    is_deeply $uses, [3, 3], 'three uses counted, not more';
    Baton::Test::party_post($_, '/leave', $ch) for @in;
};

subtest 'expired, withdrawn, unknown and malformed links' => sub {
    my $link = link_for();
    my ($token) = $link =~ /i=(\w+)/;
    sql("UPDATE invitation SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE token_hash = SHA2('$token', 256)");
    my ($page) = join_link(Baton::Test::Browser->new, $link, name => 'Late');
    is $page->{status}, 410, 'expired: 410';
    like $page->{content}, qr/expired/, 'says expired';
    $link = link_for();
    my $id = sql('SELECT MAX(id) FROM invitation')->[0][0];
    Baton::Test::party_post($agent, '/invite', $ch, [action => 'revoke', invitation => $id]);
    ($page) = join_link(Baton::Test::Browser->new, $link, name => 'Withdrawn');
    is $page->{status}, 410, 'withdrawn: 410';
    like $page->{content}, qr/withdrawn/, 'says withdrawn';
    my $b = Baton::Test::Browser->new;
    is $b->get('/join?i=' . ('ab' x 32))->{status}, 404, 'an unknown link: 404';
    is $b->get('/join?i=nope')->{status}, 400, 'a malformed one: 400';
    is $b->get('/join')->{status}, 400, 'none at all: 400';
};

subtest 'a posted join checks again, and needs its form token and a name' => sub {
    my $link = link_for();
    my ($token) = $link =~ /i=(\w+)/;
    my $b = Baton::Test::Browser->new;
    my $page = $b->get("/join?i=$token");
    my $csrf = Baton::Test::csrf_from($page->{content});
    my $res = $b->post('/join', form => [csrf => 'f' x 64, i => $token, name => 'Forger'], headers => { Origin => $s->{URL} });
    is $res->{status}, 403, 'a wrong form token: 403';
    $res = $b->post('/join', form => [csrf => $csrf, i => $token, name => '   '], headers => { Origin => $s->{URL} });
    is $res->{status}, 400, 'a blank name: 400';
    sql("UPDATE invitation SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE token_hash = SHA2('$token', 256)");
    $res = $b->post('/join', form => [csrf => $csrf, i => $token, name => 'Too Late'], headers => { Origin => $s->{URL} });
    is $res->{status}, 410, 'expired between the page and the post: 410';
};

subtest 'the participant cap and the seats' => sub {
    my $present = sql("SELECT COUNT(*) FROM participant p JOIN channel c ON c.id = p.channel_id WHERE c.public_id = '$ch' AND p.left_at IS NULL")->[0][0];
    admin(undef, 'client', 'set', $c->{client}, 'channel_participant_cap', $present);
    my $link = link_for(uses => 5);
    my ($page, $res) = join_link(Baton::Test::Browser->new, $link, name => 'Crowded');
    is $res->{status}, 409, 'the session holds its cap: 409';
    like $res->{content}, qr/as many people as it may/, 'saying it is full';
    admin(undef, 'client', 'set', $c->{client}, 'channel_participant_cap', 20);
    my $seats = sql("SELECT COUNT(*) FROM participant p JOIN channel c ON c.id = p.channel_id WHERE c.client_id = (SELECT id FROM client WHERE slug = '$c->{client}') AND c.state = 'open' AND p.kind = 'visitor' AND p.left_at IS NULL")->[0][0];
    admin(undef, 'client', 'set', $c->{client}, 'seat_cap', $seats);
    ($page, $res) = join_link(Baton::Test::Browser->new, $link, name => 'No Seat');
    is $res->{status}, 409, 'every seat of the client taken: 409';
    like $res->{content}, qr/Every seat/, 'saying so';
    admin(undef, 'client', 'set', $c->{client}, 'seat_cap', 50);
    my $p = joined_party($link, 'Seated');
    ok $p->{token}, 'with seats again, one joins';
    Baton::Test::party_post($p, '/leave', $ch);
};

subtest 'staff of the client join as staff' => sub {
    my $colleague = Baton::Test::signed_in_agent(client => $c->{client}, name => 'Col League', state => 'away');
    my $link = link_for();
    my ($page, $res) = join_link($colleague->{browser}, $link);
    is $page->{status}, 200, 'the page';
    like $page->{content}, qr/you join as staff/, 'says they join as staff';
    is $res->{status}, 303, 'joined: 303';
    my $kind = sql("SELECT p.kind FROM participant p JOIN channel c ON c.id = p.channel_id WHERE c.public_id = '$ch' AND p.agent_id = $colleague->{id}")->[0][0];
    is $kind, 'agent', 'as an agent';
    is sql('SELECT uses FROM invitation ORDER BY id DESC LIMIT 1')->[0][0], 0, 'staff use no place of the link';
};

subtest 'a client that asks for an id and password' => sub {
    my $d = Baton::Test::open_channel();
    admin(undef, 'client', 'set', $d->{client}, 'room_join', 'account');
    admin('collab-secret-1', 'collaborator', 'add', $d->{client}, 'chris', 'Chris Collaborator');
    my (undef, $inv) = invite($d->{agent}, $d->{channel}, uses => 2);
    my $b = Baton::Test::Browser->new;
    my ($page, $res) = join_link($b, $inv->{link}, login => 'chris', password => 'wrong-password');
    like $page->{content}, qr/name="login"/, 'the page asks for an id';
    unlike $page->{content}, qr/name="name"/, 'not for a name';
    is $res->{status}, 403, 'a wrong password: 403';
    like $res->{content}, qr/do not match/, 'says they do not match';
    (undef, $res) = join_link($b, $inv->{link}, login => 'nobody', password => 'collab-secret-1');
    is $res->{status}, 403, 'an unknown id: 403';
    (undef, $res) = join_link($b, $inv->{link}, name => 'Just A Name');
    is $res->{status}, 400, 'a name instead: 400';
    (undef, $res) = join_link($b, $inv->{link}, login => 'chris', password => 'collab-secret-1');
    is $res->{status}, 303, 'the right id and password: 303';
    my $row = sql("SELECT p.display_name, p.collaborator_id IS NOT NULL FROM participant p JOIN channel c ON c.id = p.channel_id WHERE c.public_id = '$d->{channel}' ORDER BY p.id DESC LIMIT 1")->[0];
    is_deeply $row, ['Chris Collaborator', 1], 'in as the collaborator, by their name';
    my $attempts = sql("SELECT COUNT(*) FROM signin_attempt WHERE email LIKE 'chris#collaborator-of-%'")->[0][0];
    is $attempts, 2, 'attempts are recorded for the sign-in back-off (the wrong one and the right one)';
};

subtest 'an ended session takes nobody' => sub {
    my $d = Baton::Test::open_channel();
    my (undef, $inv) = invite($d->{agent}, $d->{channel});
    Baton::Test::party_post($d->{agent}, '/leave', $d->{channel});
    my ($page) = join_link(Baton::Test::Browser->new, $inv->{link}, name => 'Too Late');
    is $page->{status}, 410, 'the session has ended: 410';
    like $page->{content}, qr/has ended/, 'says so';
};

done_testing;
