#!/usr/bin/perl
# Attendees speak to an event (cgi-bin/ask.c, lib/question.c): a question
# goes to the producer's queue (a 'question' event backstage that the
# producer alone sees); a public line reaches the room where the event
# allows chat. Refused: not registered, before it is live, an event that
# takes no questions or no chat, a muted or removed attendee, a blank one,
# too many too fast, a wrong form token, after the end.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);
use Baton::Crowd qw(event_with attendee ask_as audience_poll staff_post moderate_as);

my $s = stack();
my $e = event_with(speakers => 1, talk => 'chat');
my ($producer, $speaker) = ($e->{producer}, $e->{speakers}[0]);
my $id = $e->{id};
my $ann = attendee($id, name => 'Ann Asker');
my $ben = attendee($id, name => 'Ben Bystander');

subtest 'before the event is live' => sub {
    my ($res, $d) = ask_as($ann, $id, 'Is this on?');
    is $res->{status}, 409, 'a question before it is live: 409';
    like $d->{error}, qr/not started/, 'says so';
    staff_post($producer, '/event', id => $id, action => 'live');
    $ann->{browser}->get("/attend?e=$id");
    $ben->{browser}->get("/attend?e=$id");
};

subtest 'a question reaches the producer, and only the producer' => sub {
    my ($res, $d) = ask_as($ann, $id, 'Will it ship to Norway?');
    is $res->{status}, 200, 'asked: 200';
    ok $d->{question}, 'its id';
    my $back = sql("SELECT c.public_id FROM live_event e JOIN channel c ON c.id = e.backstage_channel_id WHERE e.public_id = '$id'")->[0][0];
    my $pp = { browser => $producer->{browser} };
    my ($events) = Baton::Test::chat_collect($pp, $back, seconds => 10, until => sub { grep { $_->{kind} eq 'question' } @{ $_[0] } });
    my ($q) = grep { $_->{kind} eq 'question' } @$events;
    ok $q, 'the producer\'s backstage poll has it';
    my $body = Baton::Test::json_decode($q->{body});
    is_deeply [@$body{qw(id name text state)}], [$d->{question}, 'Ann Asker', 'Will it ship to Norway?', 'new'], 'who asked what, new';
    my ($sevents) = Baton::Test::chat_collect({ browser => $speaker->{browser} }, $back, seconds => 3, until => sub { 1 });
    ok !(grep { $_->{kind} eq 'question' } @$sevents), 'a speaker does not see it before it is passed';
    my ($r, $p) = audience_poll($ben, $id);
    ok !(grep { $_->{kind} =~ /question|qa/ } @{ $p->{events} }), 'nor another attendee before it is approved';
};

subtest 'a public line in an event that allows chat' => sub {
    my ($res, $d) = ask_as($ben, $id, 'Hello from Oslo', kind => 'line');
    is $res->{status}, 200, 'a line: 200';
    my ($r, $p) = audience_poll($ann, $id, after => $d->{seq} - 1);
    my ($line) = grep { $_->{kind} eq 'aline' } @{ $p->{events} };
    ok $line, 'another attendee sees it';
    is_deeply [@$line{qw(name role body mine)}], ['Ben Bystander', 'attendee', 'Hello from Oslo', JSON::PP::false], 'by Ben';
    ($res) = ask_as($ben, $id, 'again at once', kind => 'line');
    is $res->{status}, 429, 'another at once: 429';
};

subtest 'refusals' => sub {
    my $nobody = { browser => Baton::Test::Browser->new };
    $nobody->{browser}->get("/attend?e=$id");
    $nobody->{csrf} = $nobody->{browser}->form_csrf;
    my ($res) = ask_as($nobody, $id, 'Can I?');
    is $res->{status}, 403, 'not registered: 403';
    ($res) = ask_as($ann, $id, "   \n ");
    is $res->{status}, 400, 'blank: 400';
    ($res) = ask_as({ %$ann, csrf => 'e' x 64 }, $id, 'forged');
    is $res->{status}, 403, 'a wrong form token: 403';
    ($res) = ask_as($ann, $id, 'x' x 1001);
    is $res->{status}, 400, 'over 1000 characters: 400';
    ask_as($ann, $id, "Question $_") for 1 .. 4;
    ($res) = ask_as($ann, $id, 'the sixth in a minute');
    is $res->{status}, 429, 'a sixth question within a minute: 429';
    moderate_as($producer, $id, action => 'mute', attendee => $ben->{id});
    ($res) = ask_as($ben, $id, 'muted?');
    is $res->{status}, 403, 'muted: 403';
    like Baton::Test::json_decode($res->{content})->{error}, qr/muted/, 'says muted';
    moderate_as($producer, $id, action => 'unmute', attendee => $ben->{id});
    ($res) = ask_as($ben, $id, 'back again?');
    is $res->{status}, 200, 'unmuted: 200';
    moderate_as($producer, $id, action => 'remove', attendee => $ben->{id});
    ($res) = ask_as($ben, $id, 'still here?');
    is $res->{status}, 403, 'removed: 403';
    ($res) = ask_as($ann, $id, 'not a number', kind => 'shout');
    is $res->{status}, 400, 'an unknown kind: 400';
};

subtest 'events that take no chat, or nothing' => sub {
    for my $talk (qw(questions none)) {
        my $f = event_with(client => $e->{client}, speakers => 1, talk => $talk);
        staff_post($f->{producer}, '/event', id => $f->{id}, action => 'live');
        my $a = attendee($f->{id}, name => "Quiet $talk");
        my ($res, $d) = ask_as($a, $f->{id}, 'Hi all', kind => 'line');
        is $res->{status}, 403, "talk=$talk: a public line, 403";
        like $d->{error}, qr/do not (chat|write)/, 'says why';
        ($res) = ask_as($a, $f->{id}, 'A question?');
        is $res->{status}, $talk eq 'none' ? 403 : 200, "talk=$talk: a question, " . ($talk eq 'none' ? 403 : 200);
        staff_post($f->{producer}, '/event', id => $f->{id}, action => 'end');
        ($res) = ask_as($a, $f->{id}, 'After the end?');
        is $res->{status}, 409, "talk=$talk: after the end, 409";
    }
};

done_testing;
