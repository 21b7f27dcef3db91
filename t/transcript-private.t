#!/usr/bin/perl
# A visitor's transcript never shows private lines (not even those the
# visitor sent or received) nor any sign of monitoring; the agent's shows
# theirs, marked. The visitor may leave an address to get the transcript
# by e-mail later: the mailer sends it, by the same rules, through the
# private mail server.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Encode qw(decode_utf8);
use Baton::Test qw(stack sql);
use Baton::Archive qw(staff post_as participant_id);
use Baton::Mail qw(wait_mail mail_address);

my $s = stack();
my $client = Baton::Test::new_client();
my ($key) = Baton::Test::new_direct_site($client);
my $agent = staff($client, 'agent', name => 'Pat Private');
my $sup = staff($client, 'supervisor', name => 'Quinn Quiet');
my $c = Baton::Test::open_channel(client => $client, agent => $agent, site_key => $key);
my ($ch, $visitor) = ($c->{channel}, $c->{visitor});
my $agent_p = participant_id($ch, agent_id => $agent->{id});
my $visitor_p = participant_id($ch, visitor_id => $visitor->{id});

sub private_say {
    my ($who, $to, $text, $token) = @_;
    my $res = $who->{browser}->post('/say', form => [channel => $ch, token => $token // $who->{token},
        text => $text, to => $to], headers => { Accept => 'application/json', Origin => $s->{URL} });
    is $res->{status}, 200, "private line sent: $text";
}

Baton::Test::chat_say($visitor, $ch, 'Public question from the visitor');
private_say($agent, $visitor_p, 'Agent to visitor, privately');
private_say($visitor, $agent_p, 'Visitor to agent, privately');
is post_as($sup, '/monitor', channel => $ch)->{status}, 303, 'a supervisor monitors';
my $sup_token = Baton::Test::channel_token($sup->{browser}->get("/channel?id=$ch")->{content});
private_say($sup, $agent_p, 'Supervisor prompt to the agent', $sup_token);
Baton::Test::chat_say($agent, $ch, 'Public answer from the agent');

sub kinds_and_text {
    my ($html) = @_;
    my @items;
    push @items, [$1, $2] while $html =~ m{<li class="event event-(\w+)(?: mine)?">(.*?)</li>}gs;
    return \@items;
}

subtest 'the visitor\'s transcript' => sub {
    my $res = $visitor->{browser}->get("/transcript?id=$ch");
    is $res->{status}, 200, 'the visitor opens it';
    my $items = kinds_and_text($res->{content});
    is_deeply [map { $_->[0] } @$items], [qw(join join address line line)], 'joins, the page led to and public lines only';
    unlike $res->{content}, qr/privately|Supervisor prompt/, 'no private line, whether sent, received or between others';
    unlike $res->{content}, qr/event-private|event-monitor/, 'no private or monitor event at all';
    unlike $res->{content}, qr/Quinn Quiet|watching/, 'nothing of the supervisor';
};

subtest 'the agent\'s transcript' => sub {
    my $res = $agent->{browser}->get("/transcript?id=$ch");
    is $res->{status}, 200, 'the agent opens it';
    my @private = map { $_->[1] } grep { $_->[0] eq 'private' } @{ kinds_and_text($res->{content}) };
    is scalar @private, 3, 'the private lines they sent or received';
    like $private[0], qr{<span class="who">Pat Private \(private\):</span> <span class="body">Agent to visitor, privately</span>}, 'marked private';
    like $res->{content}, qr/Quinn Quiet started watching silently/, 'and that a supervisor watched';
    unlike $res->{content}, qr/id="mail-form"/, 'staff are not offered the e-mail';
};

subtest 'the visitor\'s poll keeps the supervisor out of sight' => sub {
    my ($res, $d) = Baton::Test::chat_poll($visitor, $ch);
    is $res->{status}, 200, 'the visitor polls';
    ok !(grep { $_->{kind} eq 'monitor' } @{ $d->{events} }), 'no monitor event';
    ok !(grep { ($_->{body} // '') =~ /Supervisor prompt/ } @{ $d->{events} }), 'no supervisor prompt';
};

subtest 'the transcript by e-mail, later' => sub {
    $agent->{browser}->post('/leave', form => [channel => $ch, token => $agent->{token}],
        headers => { Origin => $s->{URL} });
    my $page = $visitor->{browser}->get("/transcript?id=$ch")->{content};
    like $page, qr{<form method="post" action="/transcript" class="mail-form row" id="mail-form">}, 'the ended session offers it';
    my ($token) = $page =~ /name="token" value="([0-9a-f]{64})"/;
    is $token, $visitor->{token}, 'with the visitor\'s token';
    my $first = mail_address('Me');
    my $post = sub {
        my ($who, %o) = @_;
        return $who->{browser}->post('/transcript', form => [id => $ch, token => $o{token} // $token,
            email => $o{email} // $first], headers => { Origin => $o{origin} // $s->{URL} });
    };
    my $ch_id = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];
    is $post->($visitor, email => 'not an address')->{status}, 400, 'not an e-mail address: 400';
    is $post->($visitor, token => 'f' x 64)->{status}, 403, 'a wrong token: 403';
    is $post->($visitor, origin => 'https://evil.example')->{status}, 403, 'another origin: 403';
    is $post->($agent, token => $agent->{token})->{status}, 403, 'staff: 403';
    my $stranger = Baton::Test::open_channel();
    is $post->($stranger->{visitor}, token => $stranger->{visitor}{token})->{status}, 403, 'a visitor of another session: 403';
    is_deeply sql("SELECT COUNT(*) FROM mail_outbox WHERE channel_id = $ch_id"), [[0]], 'none of those asked for it';

    my $res = $post->($visitor);
    is $res->{status}, 303, 'leaving an address: 303';
    is $res->{headers}{location}, "/transcript?id=$ch", 'back to the transcript';
    is_deeply sql("SELECT address, kind, participant_id FROM mail_outbox WHERE channel_id = $ch_id"),
        [[lc $first, 'transcript', $visitor_p]], 'asked for, lower-cased';
    like $visitor->{browser}->get("/transcript?id=$ch")->{content},
        qr{(?:queued to be sent by e-mail to|was sent to) \Q${\ lc $first}\E}, 'the page says where it goes';

    my ($mail) = wait_mail(lc $first);
    ok $mail, 'the mailer sends it through the mail server';
    # header() gives characters, sql() the column's UTF-8 bytes ("Visitor · page").
    is $mail->header('Subject'), "Transcript: " . decode_utf8(sql("SELECT name FROM channel WHERE id = $ch_id")->[0][0]),
        'Subject: the session';
    is $mail->header('From'), "Client $client <help\@" . ($ENV{BATON_MAIL_DOMAIN} // 'baton.test') . '>', 'From: the client';
    is $mail->header('Auto-Submitted'), 'auto-generated', 'Auto-Submitted: sent by Baton itself';
    like $mail->{text}, qr/\] Visitor: Public question from the visitor\n.*\] Pat Private: Public answer from the agent\n/s,
        'the text has the public lines';
    like $mail->{html}, qr{<strong>Pat Private:</strong> Public answer from the agent}, 'and so has the HTML';
    for my $part (qw(text html)) {
        unlike $mail->{$part}, qr/privately|Supervisor prompt|Quinn Quiet|watching/,
            "$part: no private line, no sign of the supervisor";
    }
    like $visitor->{browser}->get("/transcript?id=$ch")->{content},
        qr{This transcript was sent to \Q${\ lc $first}\E\.}, 'the page now says it was sent';

    my $second = mail_address('other');
    is $post->($visitor, email => $second)->{status}, 303, 'a second address';
    is_deeply sql("SELECT address FROM mail_outbox WHERE channel_id = $ch_id"), [[$second]], 'replaces the first';
    ok scalar(wait_mail($second)), 'and gets the transcript too';
    is_deeply sql("SELECT COUNT(*) FROM mail_outbox WHERE channel_id = $ch_id"), [[1]], 'still one row';
};

done_testing;
