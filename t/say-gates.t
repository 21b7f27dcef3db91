#!/usr/bin/perl
# Who may post a line, now that /say checks the sender inside the one CALL
# that stores it (schema/280-line-post.sql, lib/line_post.c): the staff
# session's every condition, at once (a session signed out cannot post in
# the same second), the session and visitor stamps it keeps as
# session_load and visitor_identify did, and channel_member's rule for
# staff of another client who are in the channel as its visitor.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();

sub post {
    my ($who, $ch, $text, %o) = @_;
    my ($res, $d) = Baton::Test::chat_say($who, $ch, $text, %o);
    return ($res->{status}, $d);
}

sub agent_session_row {
    my ($agent) = @_;
    return sql("SELECT id FROM staff_session WHERE agent_id = $agent->{id} AND ended_at IS NULL"
        . ' ORDER BY id DESC LIMIT 1')->[0][0];
}

subtest 'a signed-out session cannot post, at once' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Sig Nout');
    my ($ch, $agent) = ($c->{channel}, $c->{agent});
    my ($status) = post($agent, $ch, 'before signing out');
    is $status, 200, 'signed in: the line is stored';
    # The same cookie, kept by a copy of the browser, after the sign-out.
    my $kept = Baton::Test::party_clone($agent);
    my $csrf = $agent->{browser}->session_csrf;
    is $agent->{browser}->post('/signout', form => [csrf => $csrf])->{status}, 303, 'the agent signs out';
    my ($after, $d) = post($kept, $ch, 'after signing out');
    is $after, 403, 'the old session cookie posts no more: 403, in the same second';
    is $d->{error}, 'You are not in this conversation.', 'as someone not in it';
};

subtest 'a lapsed, disabled or suspended session cannot post' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Lap Sed');
    my ($ch, $agent) = ($c->{channel}, $c->{agent});
    my $sid = agent_session_row($agent);
    sql("UPDATE staff_session SET idle_until = NOW(3) - INTERVAL 1 SECOND WHERE id = $sid");
    is((post($agent, $ch, 'idle too long'))[0], 403, 'a session idle past its time: 403');
    sql("UPDATE staff_session SET idle_until = NOW(3) + INTERVAL 1 HOUR WHERE id = $sid");
    is((post($agent, $ch, 'back'))[0], 200, 'the same session, live again: 200');
    sql("UPDATE agent SET disabled = 1 WHERE id = $agent->{id}");
    is((post($agent, $ch, 'disabled'))[0], 403, 'a disabled agent: 403');
    sql("UPDATE agent SET disabled = 0 WHERE id = $agent->{id}");
    my $client = Baton::Test::client_id($c->{client});
    sql("UPDATE client SET suspended_at = NOW(3) WHERE id = $client");
    is((post($agent, $ch, 'suspended'))[0], 403, 'an agent of a suspended client: 403');
    sql("UPDATE client SET suspended_at = NULL WHERE id = $client");
    is((post($agent, $ch, 'restored'))[0], 200, 'restored: 200');
};

subtest 'a post keeps the session and the visitor alive, once a minute' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Stam Ping');
    my ($ch, $agent, $visitor) = @$c{qw(channel agent visitor)};
    my $sid = agent_session_row($agent);
    sql("UPDATE staff_session SET last_seen_at = NOW(3) - INTERVAL 5 MINUTE,"
        . " idle_until = NOW(3) + INTERVAL 1 MINUTE WHERE id = $sid");
    is((post($agent, $ch, 'still here'))[0], 200, 'the agent posts');
    my $row = sql("SELECT last_seen_at > NOW(3) - INTERVAL 30 SECOND,"
        . " idle_until > NOW(3) + INTERVAL 10 MINUTE FROM staff_session WHERE id = $sid")->[0];
    is_deeply $row, [1, 1], 'the session was stamped seen and its idle time extended';
    sql("UPDATE visitor SET last_seen_at = NOW(3) - INTERVAL 5 MINUTE WHERE id = $visitor->{id}");
    is((post($visitor, $ch, 'me too'))[0], 200, 'the visitor posts');
    is sql("SELECT last_seen_at > NOW(3) - INTERVAL 30 SECOND FROM visitor WHERE id = $visitor->{id}")->[0][0],
        1, 'the visitor was stamped seen';
};

subtest 'staff of another client, in the channel as its visitor' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Own Agent');
    my ($ch, $visitor) = @$c{qw(channel visitor)};
    my $other = Baton::Test::signed_in_agent(name => 'Other Client Staff', state => 'away');
    # The visitor's browser signs in as staff of another client: the
    # channel_member rule looks at them as the visitor they are here.
    $other->{browser}->set_cookie(baton_visitor => $visitor->{browser}->cookie('baton_visitor'));
    my $as = { browser => $other->{browser}, token => $visitor->{token} };
    my ($status, $d) = post($as, $ch, 'asked as a visitor, signed in elsewhere');
    is $status, 200, 'they post as the visitor: 200';
    my $from = sql("SELECT p.kind FROM channel_event e JOIN participant p ON p.id = e.participant_id"
        . " WHERE e.seq = $d->{seq} AND p.channel_id = e.channel_id AND e.channel_id ="
        . " (SELECT id FROM channel WHERE public_id = '$ch')")->[0][0];
    is $from, 'visitor', 'the line is the visitor\'s';

    # Staff of the channel's own client are not looked at as a visitor.
    my $colleague = Baton::Test::signed_in_agent(client => $c->{client}, name => 'Colleague', state => 'away');
    $colleague->{browser}->set_cookie(baton_visitor => $visitor->{browser}->cookie('baton_visitor'));
    ($status) = post({ browser => $colleague->{browser}, token => $visitor->{token} }, $ch, 'not mine');
    is $status, 403, 'a colleague not in the channel, with the visitor\'s cookie: 403';
};

done_testing;
