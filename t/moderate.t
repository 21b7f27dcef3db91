#!/usr/bin/perl
# The producer's hands (cgi-bin/moderate.c, lib/question.c,
# lib/attendee.c): a question approved goes on every attendee's screen;
# passed to a speaker it reaches that speaker's backstage alone; the
# speaker's written answer reaches every attendee; merged repeats count
# for the one that stays; a hidden one leaves the screens; the producer
# hands the stage's lead to a speaker; muting and removing attendees (a
# removed attendee's page hears of it and their polls are refused).
# Refused: speakers approving, passing, hiding, merging or moderating
# attendees; attendees and staff with no part in the event; questions and
# attendees of another event; passing to someone who does not speak.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql wait_for);
use Baton::Crowd qw(event_with attendee ask_as audience_poll staff_post moderate_as);

my $s = stack();
my $e = event_with(speakers => 2);
my ($producer, $s1, $s2) = ($e->{producer}, @{ $e->{speakers} });
my $id = $e->{id};
staff_post($producer, '/event', id => $id, action => 'live');
my @crowd = map { attendee($id, name => "Attendee $_") } 1 .. 3;
$_->{browser}->get("/attend?e=$id") for @crowd;
my (undef, $start) = audience_poll($crowd[2], $id);
my $back = sql("SELECT c.public_id FROM live_event e JOIN channel c ON c.id = e.backstage_channel_id WHERE e.public_id = '$id'")->[0][0];
my $bp = sub { sql("SELECT p.id FROM participant p JOIN channel c ON c.id = p.channel_id WHERE c.public_id = '$back' AND p.agent_id = $_[0]{id}")->[0][0] };

sub qa_on_screen {
    my ($who, $after) = @_;
    my (undef, $d) = audience_poll($who, $id, after => $after // $start->{last_seq});
    my %q;
    for my $ev (grep { $_->{kind} eq 'qa' } @{ $d->{events} }) {
        my $b = Baton::Test::json_decode($ev->{body});
        $q{ $b->{id} } = $b;
    }
    return \%q;
}

my (undef, $q1) = ask_as($crowd[0], $id, 'How long is the battery life?');
my (undef, $q2) = ask_as($crowd[1], $id, 'Battery life?');
my (undef, $q3) = ask_as($crowd[1], $id, 'Buy cheap watches here!!!');
($q1, $q2, $q3) = map { $_->{question} } $q1, $q2, $q3;

subtest 'the queue' => sub {
    my $r = $producer->{browser}->get("/moderate?e=$id", headers => { Accept => 'application/json' });
    is $r->{status}, 200, 'GET /moderate: 200';
    my $d = Baton::Test::json_decode($r->{content});
    is_deeply [map { [$_->{id}, $_->{state}] } @{ $d->{questions} }], [[$q1, 'new'], [$q2, 'new'], [$q3, 'new']], 'three new questions, oldest first';
    is $crowd[0]{browser}->get("/moderate?e=$id", headers => { Accept => 'application/json' })->{status}, 401, 'an attendee: 401';
};

subtest 'approve, merge, hide' => sub {
    my ($res) = moderate_as($s1, $id, action => 'approve', question => $q1);
    is $res->{status}, 403, 'a speaker cannot approve: 403';
    ($res) = moderate_as($producer, $id, action => 'approve', question => $q1);
    is $res->{status}, 200, 'the producer approves: 200';
    my $screen = qa_on_screen($crowd[2]);
    is_deeply [keys %$screen], [$q1], 'every attendee sees the approved one';
    is $screen->{$q1}{state}, 'approved', 'as approved';
    ($res) = moderate_as($producer, $id, action => 'merge', question => $q2, into => $q1);
    is $res->{status}, 200, 'the repeat merged into it: 200';
    $screen = qa_on_screen($crowd[2]);
    is $screen->{$q1}{votes}, 2, 'it counts for two now';
    ok !$screen->{$q2}, 'the merged one never shows';
    ($res) = moderate_as($producer, $id, action => 'merge', question => $q1, into => $q1);
    is $res->{status}, 400, 'merging a question into itself: 400';
    ($res) = moderate_as($producer, $id, action => 'approve', question => $q2);
    is $res->{status}, 404, 'a merged question is no longer in the queue: 404';
    ($res) = moderate_as($producer, $id, action => 'hide', question => $q3);
    is $res->{status}, 200, 'the spam hidden: 200';
    ok !qa_on_screen($crowd[2])->{$q3}, 'never on screen';
};

subtest 'pass to a speaker, who answers' => sub {
    my ($res) = moderate_as($producer, $id, action => 'pass', question => $q1, speaker => $producer->{id});
    is $res->{status}, 400, 'passing to someone who does not speak: 400';
    ($res) = moderate_as($producer, $id, action => 'pass', question => $q1, speaker => $s2->{id});
    is $res->{status}, 200, 'passed to Speaker 2: 200';
    my ($events) = Baton::Test::chat_collect({ browser => $s2->{browser} }, $back, seconds => 10,
        until => sub { grep { $_->{kind} eq 'pass' } @{ $_[0] } });
    my ($pass) = grep { $_->{kind} eq 'pass' } @$events;
    ok $pass, 'Speaker 2\'s backstage has it';
    is $pass->{to}, $bp->($s2), 'addressed to them';
    is Baton::Test::json_decode($pass->{body})->{text}, 'How long is the battery life?', 'the question';
    my ($other) = Baton::Test::chat_collect({ browser => $s1->{browser} }, $back, seconds => 3, until => sub { 1 });
    ok !(grep { $_->{kind} eq 'pass' } @$other), 'Speaker 1 does not see it';
    is qa_on_screen($crowd[0])->{$q1}{speaker}, 'Speaker 2', 'attendees see whom it is for';
    ($res) = moderate_as($s2, $id, action => 'answer', question => $q1);
    is $res->{status}, 400, 'an answer without text: 400';
    ($res) = moderate_as($s2, $id, action => 'answer', question => $q1, text => 'About two days.');
    is $res->{status}, 200, 'the speaker answers: 200';
    for my $a (@crowd) {
        my $q = qa_on_screen($a)->{$q1};
        is_deeply [@$q{qw(state answer by)}], ['answered', 'About two days.', 'Speaker 2'], "$a->{name} sees the answer";
    }
};

subtest 'the producer hands over the lead' => sub {
    my $stage = sql("SELECT stage_channel_id FROM live_event WHERE public_id = '$id'")->[0][0];
    my ($res, $d) = moderate_as($producer, $id, action => 'lead', speaker => $s2->{id});
    is $res->{status}, 200, 'to Speaker 2: 200';
    is sql("SELECT p.agent_id FROM channel c JOIN participant p ON p.id = c.leader_participant_id WHERE c.id = $stage")->[0][0],
        $s2->{id}, 'Speaker 2 leads';
    my (undef, $p) = audience_poll($crowd[0], $id);
    is $p->{leader}, $d->{leader}, 'attendees see who leads';
    ($res) = moderate_as($s1, $id, action => 'lead', speaker => $s1->{id});
    is $res->{status}, 403, 'a speaker cannot hand the lead over this way: 403';
    ($res) = moderate_as($producer, $id, action => 'lead', speaker => $producer->{id});
    is $res->{status}, 400, 'to someone who does not speak: 400';
};

subtest 'mute and remove' => sub {
    my $victim = $crowd[1];
    my ($res) = moderate_as($s1, $id, action => 'remove', attendee => $victim->{id});
    is $res->{status}, 403, 'a speaker cannot remove: 403';
    my (undef, $before) = audience_poll($victim, $id);
    ($res) = moderate_as($producer, $id, action => 'remove', attendee => $victim->{id});
    is $res->{status}, 200, 'the producer removes them: 200';
    my ($r, $d) = audience_poll($victim, $id, after => $before->{last_seq}, signals => $before->{signals});
    ok $r->{status} == 403 || (grep { $_->{kind} eq 'removed' } @{ $d->{events} // [] }),
        'their next poll is refused, or tells them they were removed';
    ok wait_for('the refusal', 15, sub { audience_poll($victim, $id)->{status} == 403 }), 'from then on their polls are refused';
    my (undef, $other) = audience_poll($crowd[0], $id, after => $before->{last_seq});
    ok !(grep { $_->{kind} eq 'removed' } @{ $other->{events} }), 'nobody else reads of the removal';
    is $victim->{browser}->get("/attend?e=$id")->{status}, 403, 'their page says they were removed (403)';
    ($res) = moderate_as($producer, $id, action => 'remove', attendee => $victim->{id});
    is $res->{status}, 404, 'removing them again: 404';
    ($res) = moderate_as($producer, $id, action => 'mute', attendee => 999999999);
    is $res->{status}, 404, 'an attendee of no event: 404';
};

subtest 'outsiders' => sub {
    my $bystander = Baton::Test::signed_in_agent(client => $e->{client}, name => 'No Part', state => 'away');
    my ($res) = moderate_as($bystander, $id, action => 'approve', question => $q1);
    is $res->{status}, 403, 'an agent of the client with no part: 403';
    my $other = Baton::Test::signed_in_agent(name => 'Other Client', state => 'away');
    ($res) = moderate_as($other, $id, action => 'approve', question => $q1);
    is $res->{status}, 404, 'staff of another client: 404 (its events are not theirs to know of)';
    my $f = event_with(speakers => 1);
    staff_post($f->{producer}, '/event', id => $f->{id}, action => 'live');
    ($res) = moderate_as($f->{producer}, $f->{id}, action => 'approve', question => $q1);
    is $res->{status}, 404, 'another event\'s question: 404';
    ($res) = moderate_as($f->{producer}, $f->{id}, action => 'remove', attendee => $crowd[0]{id});
    is $res->{status}, 404, 'another event\'s attendee: 404';
    my $res2 = $crowd[0]{browser}->post('/moderate', form => [e => $id, csrf => $crowd[0]{csrf}, action => 'approve', question => $q1],
        headers => { Accept => 'application/json', Origin => $s->{URL} });
    is $res2->{status}, 401, 'an attendee: 401';
};

done_testing;
