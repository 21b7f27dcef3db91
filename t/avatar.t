#!/usr/bin/perl
# Avatars: an agent gets their own (agent.avatar) or the owl; a visitor gets
# the one the client chose for the page the help link was on (avatar_rule:
# the longest matching prefix) or the fox. Anyone may choose another from
# the set (htdocs/avatars/): peers[].avatar and the events' avatar change.
# A name not in the set: 400.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my @avatars = qw(fox owl cat bear whale robin bee tortoise);
my $page = "$s->{URL}/demo/x.html";   # where open_channel's visitor clicks help

# The avatars of the join events, as a page learns them: {agent, visitor}.
sub join_avatars {
    my ($who, $ch) = @_;
    my %a;
    for my $e (@{ Baton::Test::channel_snapshot($who, $ch)->{events} }) {
        $a{ $e->{role} } //= $e->{avatar} if $e->{kind} eq 'join';
    }
    return \%a;
}

sub add_rule {
    my ($client, $prefix, $avatar) = @_;
    my $id = Baton::Test::client_id($client);
    $prefix =~ s/'/''/g;
    sql("INSERT INTO avatar_rule (client_id, url_prefix, avatar) VALUES ($id, '$prefix', '$avatar')");
}

subtest 'by default: the owl and the fox' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Ava Default');
    is_deeply join_avatars($c->{visitor}, $c->{channel}), { agent => 'owl', visitor => 'fox' },
        'the agent is the owl, the visitor the fox (seen by the visitor)';
    is_deeply join_avatars($c->{agent}, $c->{channel}), { agent => 'owl', visitor => 'fox' }, 'and by the agent';
};

subtest 'the agent\'s own avatar' => sub {
    my $client = Baton::Test::new_client();
    my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Ava Bear');
    sql("UPDATE agent SET avatar = 'bear' WHERE id = $agent->{id}");
    my $c = Baton::Test::open_channel(client => $client, agent => $agent);
    is join_avatars($c->{visitor}, $c->{channel})->{agent}, 'bear', 'an agent with an avatar set joins with it';
};

subtest 'the visitor\'s by the page the help link was on' => sub {
    my $client = Baton::Test::new_client();
    (my $dir = $page) =~ s{[^/]*$}{};
    add_rule($client, $dir, 'cat');
    add_rule($client, "$dir" . 'x', 'whale');
    add_rule($client, "$dir" . 'y', 'bee');
    add_rule($client, "$s->{URL}/elsewhere/", 'robin');
    my $c = Baton::Test::open_channel(client => $client);
    is join_avatars($c->{agent}, $c->{channel})->{visitor}, 'whale',
        'of the rules matching the page, the longest prefix wins';

    # The same client, the more specific rule gone: the shorter one applies.
    sql("DELETE FROM avatar_rule WHERE client_id = " . Baton::Test::client_id($client) . " AND avatar = 'whale'");
    my $c2 = Baton::Test::open_channel(client => $client);
    is join_avatars($c2->{agent}, $c2->{channel})->{visitor}, 'cat', 'the directory\'s rule';

    # Another client's rules are not this client's.
    my $other = Baton::Test::new_client();
    add_rule($other, "$s->{URL}/elsewhere/", 'robin');
    my $c3 = Baton::Test::open_channel(client => $other);
    is join_avatars($c3->{agent}, $c3->{channel})->{visitor}, 'fox', 'no rule matching the page: the fox';
    my $c4 = Baton::Test::open_channel();
    is join_avatars($c4->{agent}, $c4->{channel})->{visitor}, 'fox', 'another client\'s rules do not apply';
    is join_avatars($c4->{agent}, $c4->{channel})->{agent}, 'owl', 'nor change the agent\'s';
};

my $c = Baton::Test::open_channel(agent_name => 'Ava Chooser');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
my $ids = Baton::Test::participant_ids($agent, $ch);

sub choose { my ($who, $avatar, %o) = @_; Baton::Test::party_post($who, '/avatar', $ch, [avatar => $avatar], %o) }
sub peer_avatar {
    my ($reader, $id) = @_;
    my ($p) = grep { $_->{id} == $id } @{ Baton::Test::channel_snapshot($reader, $ch)->{peers} };
    return $p && $p->{avatar};
}

subtest 'choosing one from the set' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch);
    my ($res, $d) = choose($visitor, 'robin');
    is $res->{status}, 200, 'the visitor chooses the robin: 200';
    is_deeply $d, { ok => JSON::PP::true() }, '{"ok":true}';
    my ($r, $p) = Baton::Test::chat_poll($agent, $ch, after => $before->{last_seq}, signals => $before->{signals});
    my ($peer) = grep { $_->{id} == $ids->{visitor} } @{ $p->{peers} };
    is $peer->{avatar}, 'robin', 'the agent\'s poll: the visitor\'s avatar is the robin';
    is_deeply $p->{events}, [], 'no log entry for it';
    my ($said) = Baton::Test::chat_say($visitor, $ch, 'Tweet');
    is $said->{status}, 200, 'the visitor says something';
    my $e = (grep { $_->{body} eq 'Tweet' } @{ Baton::Test::channel_snapshot($agent, $ch)->{events} })[0];
    is $e->{avatar}, 'robin', 'the line\'s event carries the new avatar';

    ($res) = choose($agent, 'tortoise');
    is $res->{status}, 200, 'the agent chooses the tortoise';
    is peer_avatar($visitor, $ids->{agent}), 'tortoise', 'the visitor sees it among the peers';
    Baton::Test::chat_say($agent, $ch, 'Slow and steady');
    $e = (grep { $_->{body} eq 'Slow and steady' } @{ Baton::Test::channel_snapshot($visitor, $ch)->{events} })[0];
    is $e->{avatar}, 'tortoise', 'and on the agent\'s next line';

    for my $name (@avatars) {
        ($res) = choose($visitor, $name);
        is $res->{status}, 200, "'$name' is in the set";
    }
    is peer_avatar($agent, $ids->{visitor}), $avatars[-1], 'the last choice wins';
};

subtest 'the set is served' => sub {
    for my $name (@avatars) {
        my $res = $visitor->{browser}->get("/avatars/$name.svg");
        is $res->{status}, 200, "/avatars/$name.svg: 200";
        like $res->{headers}{'content-type'} // '', qr{^image/svg\+xml}, 'as SVG';
    }
};

subtest 'not in the set: 400' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch)->{signals};
    for my $bad ('dragon', 'Fox', 'fox ', '', '../../etc/passwd', 'fox.svg', 'https://evil.example/a.svg',
        '<script>', 'x' x 33) {
        my ($res, $d) = choose($visitor, $bad);
        is $res->{status}, 400, "'$bad': 400";
    }
    my ($res) = choose($visitor, 'cat', token => 'e' x 64);
    is $res->{status}, 403, 'a wrong token: 403';
    ($res) = choose($visitor, 'cat', origin => 'https://evil.example');
    is $res->{status}, 403, 'another Origin: 403';
    my $other = Baton::Test::open_channel();
    ($res) = choose($other->{visitor}, 'cat', token => $visitor->{token});
    is $res->{status}, 403, 'an outsider with a stolen token: 403';
    is Baton::Test::channel_snapshot($agent, $ch)->{signals}, $before, 'none was stored';
    is peer_avatar($agent, $ids->{visitor}), $avatars[-1], 'the avatar is as it was';

    $res = $agent->{browser}->post('/leave', form => [channel => $ch, token => $agent->{token}],
        headers => { Accept => 'application/json', Origin => $s->{URL} });
    ($res) = choose($visitor, 'cat');
    is $res->{status}, 409, 'after the end: 409';
};

done_testing;
