#!/usr/bin/perl
# A visitor who scheduled a session comes back through the waiting page's
# link and joins the queue again, keeping their place among equals; only a
# scheduled request can rejoin, and only by its visitor.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX qw(strftime);
use Test::More;
use Baton::Test qw(stack sql);

stack();
my $day = strftime('%Y-%m-%d', gmtime(time + 2 * 86400));

my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
my $agent = Baton::Test::signed_in_agent(client => $client, state => 'break');

my ($v, $later) = map { Baton::Test::Browser->new } 1 .. 2;
my $id = $v->ask_help($key);
my $later_id = $later->ask_help($key);
my $csrf = Baton::Test::csrf_from($v->get("/wait?r=$id")->{content});

my $res = $v->post('/requeue', form => [csrf => $csrf, r => $id]);
is $res->{status}, 409, 'a waiting request cannot rejoin: 409';
like $res->{content}, qr/This request is not scheduled\./, 'saying so';

is $v->post('/schedule', form => [csrf => $csrf, r => $id, date => $day, time => '10:00'])->{status}, 303,
    'the visitor schedules a session';
like $later->get("/wait?r=$later_id")->{content}, qr/You are next\./, 'the visitor behind moves up';

my $other_csrf = Baton::Test::csrf_from($later->get("/wait?r=$later_id")->{content});
$res = $later->post('/requeue', form => [csrf => $other_csrf, r => $id]);
is $res->{status}, 403, 'someone else cannot bring the request back: 403';
$res = $v->post('/requeue', form => [r => $id]);
is $res->{status}, 400, 'no form token: 400';
$res = $v->post('/requeue', form => [csrf => 'a' x 64, r => $id]);
is $res->{status}, 403, 'a wrong form token: 403';
is Baton::Test::request_row($id)->{state}, 'scheduled', 'still scheduled';

# The visitor asked two hours ago and scheduled the session for now.
sql("UPDATE help_request SET created_at = NOW(3) - INTERVAL 2 HOUR WHERE public_id = '$id'");
$res = $v->post('/requeue', form => [csrf => $csrf, r => $id]);
is $res->{status}, 303, 'the visitor comes back and rejoins: 303';
is $res->{headers}{location}, "/wait?r=$id", 'to the waiting page';
is Baton::Test::request_row($id)->{state}, 'waiting', 'the request waits again';
is_deeply Baton::Test::request_events($id), [qw(created scheduled requeued)], 'rejoining is archived';
$res = $v->get("/wait?r=$id");
like $res->{content}, qr/<h1>Nobody is free right now<\/h1>/, 'the page shows the queue again (nobody free: the agent is on a break)';
like $res->{content}, qr/You are next\./, 'in the place the request had (it is older)';
like $later->get("/wait?r=$later_id")->{content}, qr/There is 1 person ahead of you\./, 'ahead of the later visitor';
my $snapshot = $agent->{browser}->console_snapshot;
is_deeply [map { $_->{id} } @{ $snapshot->{queue} }], [$id, $later_id], 'the console lists both, in that order';
ok !(grep { $_->{id} eq $id } @{ $snapshot->{scheduled} }), 'and no longer among the scheduled';
ok $snapshot->{queue}[0]{waited} < 60, "the wait is counted from rejoining ($snapshot->{queue}[0]{waited} s), not from the first click";

$res = $v->post('/requeue', form => [csrf => $csrf, r => $id]);
is $res->{status}, 409, 'rejoining twice: 409';

# With an agent free, the rejoined request is offered like any other.
$agent->{browser}->post('/state', form => [csrf => $agent->{browser}->session_csrf, state => 'available']);
ok Baton::Test::wait_for('the offer', 5, sub { Baton::Test::request_row($id)->{state} eq 'offered' }),
    'once an agent is available, the rejoined request is offered first';
is Baton::Test::request_row($id)->{offered_agent_id}, $agent->{id}, 'to that agent';
my $acsrf = $agent->{browser}->session_csrf;
is $agent->{browser}->post('/accept', form => [csrf => $acsrf, request => $id])->{status}, 303, 'who accepts it';
# Wait estimates use recent accept times: the time spent scheduled is not
# time spent waiting for an agent. This one was accepted within seconds of
# rejoining; with one visitor ahead and the one agent busy at their
# maximum (one session), two sessions of 300 s.
my $newcomer = Baton::Test::Browser->new;
my $new_id = $newcomer->ask_help($key);
like $newcomer->get("/wait?r=$new_id")->{content}, qr/The wait is <strong id="estimate">about 10 minutes<\/strong>\./,
    'a newcomer\'s wait estimate is not inflated by the scheduled hours';

done_testing;
