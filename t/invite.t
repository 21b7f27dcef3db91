#!/usr/bin/perl
# Invitations into a session (cgi-bin/invite.c, lib/room.c): the agent
# makes links for one person or up to a number of people, working for so
# many hours; lists them with their uses; withdraws one. A visitor may
# invite only when the session's owner (or staff) allows it, and stops when
# it is taken back. Refused: a stranger's post, a wrong token, another
# site's post, out-of-range uses and hours, a name without an address,
# withdrawing what is not there. An address given: the link is made and
# mailed to it, queued with the invitation (lib/invite_mail.c).
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);
use Baton::Crowd qw(invite);

my $s = stack();
my $c = Baton::Test::open_channel(agent_name => 'Ina Inviter');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};

sub list_of { my ($who) = @_; my $r = $who->{browser}->get("/invite?channel=$ch", headers => { Accept => 'application/json' });
    return ($r, Baton::Test::json_decode($r->{content})) }

subtest 'the agent makes links and sees them' => sub {
    my ($res, $d) = invite($agent, $ch, uses => 1, hours => 2);
    is $res->{status}, 200, 'a single-use link for 2 hours: 200';
    like $d->{link}, qr{^\Q$s->{URL}\E/join\?i=[0-9a-f]{64}$}, 'the link is on this server';
    is_deeply [@$d{qw(uses hours mailed)}], [1, 2, JSON::PP::false], 'for one person, 2 hours, not mailed';
    my ($token) = $d->{link} =~ /i=(\w+)/;
    my $stored = sql("SELECT COUNT(*) FROM invitation WHERE token_hash = SHA2('$token', 256)")->[0][0];
    is $stored, 1, 'only the hash of the link is kept';
    is sql("SELECT COUNT(*) FROM invitation WHERE token_hash = '$token'")->[0][0], 0, 'not the token itself';
    ($res, $d) = invite($agent, $ch, uses => 5, hours => 720);
    is $res->{status}, 200, 'a link for five people for 30 days: 200';
    my ($r, $l) = list_of($agent);
    is $r->{status}, 200, 'GET /invite: 200';
    is_deeply [map { [@$_{qw(max_uses uses state by)}] } @{ $l->{invitations} }],
        [[5, 0, 'open', 'Ina Inviter'], [1, 0, 'open', 'Ina Inviter']], 'both, newest first, open, unused, by the agent';
};

subtest 'sending the link to an address' => sub {
    require Baton::Mail;
    Baton::Mail::maildir();
    my $to = Baton::Mail::mail_address('fred');
    my ($res, $d) = invite($agent, $ch, email => $to, name => 'Fred Friend');
    is $res->{status}, 200, 'with an address and a name: 200';
    ok $d->{mailed}, 'queued for sending: mailed';
    is $d->{note}, '', 'nothing more to tell the inviter';
    like $d->{link}, qr{/join\?i=}, 'the link is there to copy all the same';
    my ($token) = $d->{link} =~ /i=(\w+)/;
    my ($mail) = Baton::Mail::wait_mail($to, subject => qr/Ina Inviter invites you/);
    ok $mail, 'the invitation arrives at the address (the private mail server\'s maildir)';
    like $mail ? $mail->{text} : '', qr{/join\?i=\Q$token\E}, 'with the link the inviter got';
    like $mail ? $mail->{text} : '', qr/Hello Fred Friend/, 'to the person named';
    is $mail && $mail->header('Auto-Submitted'), 'auto-generated', 'as Baton\'s own mail';
    unlike $mail ? $mail->header('From') : '', qr/Ina Inviter/, 'from Baton, not in the inviter\'s name';
    is sql("SELECT COUNT(*) FROM mail_message WHERE kind = 'room_invitation' AND recipient = '$to'")->[0][0], 1,
        'one message queued, kind room_invitation';
    my (undef, $l) = list_of($agent);
    is_deeply [@{ $l->{invitations}[0] }{qw(email name)}], [$to, 'Fred Friend'], 'the list says to whom';
    ok $l->{invitations}[0]{mailed}, 'and that it was mailed';
    ($res, $d) = invite($agent, $ch, uses => 1, hours => 1);
    ok !$d->{mailed}, 'no address: nothing mailed';
    ($res, $d) = Baton::Test::party_post($agent, '/invite', $ch, [action => 'make', uses => 1, hours => 1, name => 'Nobody']);
    is $res->{status}, 400, 'a name without an address: 400';
    ($res) = Baton::Test::party_post($agent, '/invite', $ch, [action => 'make', uses => 1, hours => 1, email => 'not-an-address']);
    is $res->{status}, 400, 'a malformed address: 400';
};

subtest 'bad values are refused' => sub {
    for my $case ([[uses => 0, hours => 1], 'no uses'], [[uses => 1001, hours => 1], 'over 1000 uses'],
        [[uses => 1, hours => 0], 'no hours'], [[uses => 1, hours => 721], 'over 30 days'],
        [[hours => 1], 'without uses'], [[uses => 'x', hours => 1], 'uses not a number']) {
        my ($res, $d) = Baton::Test::party_post($agent, '/invite', $ch, [action => 'make', @{ $case->[0] }]);
        is $res->{status}, 400, "$case->[1]: 400";
        ok $d && $d->{error}, "$case->[1]: a JSON error";
    }
    my ($res) = Baton::Test::party_post($agent, '/invite', $ch, [action => 'shout']);
    is $res->{status}, 400, 'an unknown action: 400';
};

subtest 'withdrawing' => sub {
    my (undef, $l) = list_of($agent);
    my $id = $l->{invitations}[-1]{id};
    my ($res) = Baton::Test::party_post($agent, '/invite', $ch, [action => 'revoke', invitation => $id]);
    is $res->{status}, 200, 'withdrawn: 200';
    (undef, $l) = list_of($agent);
    is((grep { $_->{id} == $id } @{ $l->{invitations} })[0]{state}, 'revoked', 'it shows as revoked');
    ($res) = Baton::Test::party_post($agent, '/invite', $ch, [action => 'revoke', invitation => $id]);
    is $res->{status}, 404, 'withdrawing it again: 404';
    my $other = Baton::Test::open_channel();
    my (undef, $d) = invite($other->{agent}, $other->{channel});
    my $foreign = sql('SELECT MAX(id) FROM invitation')->[0][0];
    ($res) = Baton::Test::party_post($agent, '/invite', $ch, [action => 'revoke', invitation => $foreign]);
    is $res->{status}, 404, 'another session\'s invitation cannot be withdrawn from here: 404';
    is sql("SELECT revoked_at IS NULL FROM invitation WHERE id = $foreign")->[0][0], 1, 'and it stays open';
};

subtest 'a visitor invites only when allowed' => sub {
    my ($res, $d) = invite($visitor, $ch);
    is $res->{status}, 403, 'the visitor, not allowed: 403';
    like $d->{error}, qr/may not invite/, 'says so';
    ($res) = $visitor->{browser}->get("/invite?channel=$ch", headers => { Accept => 'application/json' });
    is $res->{status}, 403, 'nor may they list the links: 403';
    my $vp = Baton::Test::participant_ids($agent, $ch)->{visitor};
    ($res) = Baton::Test::party_post($visitor, '/invite', $ch, [action => 'allow', participant => $vp, may => 1]);
    is $res->{status}, 403, 'the visitor cannot allow themselves: 403';
    ($res) = Baton::Test::party_post($agent, '/invite', $ch, [action => 'allow', participant => $vp, may => 1]);
    is $res->{status}, 200, 'the agent allows the visitor: 200';
    my (undef, $l) = list_of($agent);
    is_deeply $l->{allowed}, [$vp], 'the list says who else may invite';
    ($res, $d) = invite($visitor, $ch, uses => 3);
    is $res->{status}, 200, 'now the visitor makes a link: 200';
    ($res) = Baton::Test::party_post($agent, '/invite', $ch, [action => 'allow', participant => $vp, may => 0]);
    is $res->{status}, 200, 'taken back: 200';
    ($res) = invite($visitor, $ch);
    is $res->{status}, 403, 'and the visitor may not invite again: 403';
    my $ap = Baton::Test::participant_ids($agent, $ch)->{agent};
    ($res) = Baton::Test::party_post($agent, '/invite', $ch, [action => 'allow', participant => $ap, may => 1]);
    is $res->{status}, 400, 'allowing staff (who always may) or someone not a visitor here: 400';
};

subtest 'strangers and forgeries' => sub {
    my $stranger = { browser => Baton::Test::Browser->new, token => $visitor->{token} };
    my ($res) = invite($stranger, $ch);
    is $res->{status}, 403, 'someone not in the session, with a stolen token: 403';
    ($res) = invite($agent, $ch, token => 'a' x 64);
    is $res->{status}, 403, 'the agent with a wrong token: 403';
    ($res) = invite($agent, $ch, origin => 'https://evil.example');
    is $res->{status}, 403, 'a post from another site: 403';
    ($res) = $stranger->{browser}->get("/invite?channel=$ch", headers => { Accept => 'application/json' });
    is $res->{status}, 403, 'a stranger cannot list them: 403';
    ($res) = $agent->{browser}->get('/invite?channel=' . ('0' x 32), headers => { Accept => 'application/json' });
    is $res->{status}, 403, 'an unknown channel: 403';
};

subtest 'a session that has ended takes no invitations' => sub {
    my $d = Baton::Test::open_channel();
    Baton::Test::party_post($d->{agent}, '/leave', $d->{channel});
    my ($res) = invite($d->{agent}, $d->{channel});
    is $res->{status}, 409, 'after the agent left (the session closed): 409';
};

done_testing;
