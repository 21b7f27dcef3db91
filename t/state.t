#!/usr/bin/perl
# Changing an agent's state: HTML form and JSON, validated, CSRF-protected,
# archived; an agent whose sessions lapse without a sign-out is signed out
# as of the lapse (the poll program's router thread, every few seconds).
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql new_agent);

stack();
my ($email, $password) = new_agent();
my $b = Baton::Test::Browser->new;
$b->sign_in($email, $password, state => 'available');
my $csrf = $b->session_csrf;

my $res = $b->post('/state', form => [csrf => $csrf, state => 'break']);
is $res->{status}, 303, 'the form answers 303';
is $res->{headers}{location}, '/console', 'back to the console';
like $b->get('/console')->{content}, qr/data-state="break">On break</, 'which shows the new state';

$res = $b->post('/state', form => [csrf => $csrf, state => 'away'], headers => { Accept => 'application/json' });
is $res->{status}, 200, 'a script gets 200';
is $res->{content}, qq({"state":"away"}\n), 'and JSON';
is sql("SELECT state FROM agent WHERE email = '$email'")->[0][0], 'away', 'the database agrees';

my $states = sql("SELECT e.state FROM agent_event e JOIN agent a ON a.id = e.agent_id WHERE a.email = '$email' AND e.kind = 'state' ORDER BY e.id");
is_deeply [map { $_->[0] } @$states], [qw(available break away)], 'every change is archived in order';
$b->post('/state', form => [csrf => $csrf, state => 'away']);
is scalar @{ sql("SELECT id FROM agent_event e WHERE e.agent_id = (SELECT id FROM agent WHERE email = '$email') AND e.kind = 'state'") }, 3, 'choosing the same state again archives nothing';

# The top bar's buttons, on any page: one click, and back to that page.
like $b->get('/profile')->{content}, qr{<form method="post" action="/state" id="statebar" class="statebar" data-state="away">.*?<input type="hidden" name="back" value="/profile">.*?<button type="submit" name="state" value="away" aria-pressed="true">Away</button>}s,
    'every staff page has the state buttons in its top bar';
like $b->get('/console?q=a%26b')->{content}, qr{name="back" value="/console\?q=a%26b"}, 'returning to the page as it was asked for';
$res = $b->post('/state', form => [csrf => $csrf, state => 'available', back => '/profile']);
is $res->{headers}{location}, '/profile', 'a button sends the agent back to the page it was on';
$res = $b->post('/state', form => [csrf => $csrf, state => 'available', back => '//evil.example/x']);
is $res->{headers}{location}, '/', 'never to another site';
$res = $b->post('/state', form => [csrf => $csrf, state => 'available', back => 'https://evil.example/']);
is $res->{headers}{location}, '/', 'nor to a full address';
$b->post('/state', form => [csrf => $csrf, state => 'away']);

$res = $b->post('/state', form => [csrf => $csrf, state => 'asleep']);
is $res->{status}, 400, 'an unknown state is 400';
like $res->{content}, qr/The field &#39;state&#39; must be one of: available, break, away\./, 'listing the choices';
$res = $b->post('/state', form => [csrf => $csrf, state => 'offline']);
is $res->{status}, 400, '"offline" is for signing out, not a choice';
$res = $b->post('/state', form => [state => 'break']);
is $res->{status}, 400, 'no CSRF token: 400';
$res = $b->post('/state', form => [csrf => 'd' x 64, state => 'break']);
is $res->{status}, 403, 'a wrong CSRF token: 403';

my ($other_email, $other_pw) = new_agent();
my $other = Baton::Test::Browser->new;
$other->sign_in($other_email, $other_pw);
$res = $other->post('/state', form => [csrf => $csrf, state => 'break']);
is $res->{status}, 403, 'another session\'s token does not work';

my $anon = Baton::Test::Browser->new;
$res = $anon->post('/state', form => [csrf => $csrf, state => 'break']);
is $res->{status}, 401, 'without a session: 401';
is sql("SELECT state FROM agent WHERE email = '$email'")->[0][0], 'away', 'none of those changed anything';

# A session that lapses while the agent is available.
my ($idle_email, $idle_pw) = new_agent();
my $idle = Baton::Test::Browser->new;
$idle->sign_in($idle_email, $idle_pw, state => 'available');
my $agent_id = sql("SELECT id FROM agent WHERE email = '$idle_email'")->[0][0];
sql("UPDATE staff_session SET idle_until = NOW(3) - INTERVAL 30 SECOND WHERE agent_id = $agent_id");
my $lapsed_at = sql("SELECT DATE_FORMAT(idle_until, '%Y-%m-%d %H:%i:%s.%f') FROM staff_session WHERE agent_id = $agent_id")->[0][0];
ok Baton::Test::wait_for('signed out', 12, sub { sql("SELECT state FROM agent WHERE id = $agent_id")->[0][0] eq 'offline' }),
    'an agent whose session lapsed is signed out within seconds';
is_deeply sql("SELECT kind, state, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s.%f') FROM agent_event WHERE agent_id = $agent_id ORDER BY id DESC LIMIT 1"),
    [['signout', 'offline', $lapsed_at]], 'as of when the session lapsed, in the archive';
is sql("SELECT DATE_FORMAT(state_since, '%Y-%m-%d %H:%i:%s.%f') FROM agent WHERE id = $agent_id")->[0][0], $lapsed_at,
    'and in the agent\'s state';
sleep 6;
is sql("SELECT COUNT(*) FROM agent_event WHERE agent_id = $agent_id AND kind = 'signout'")->[0][0], 1, 'once';
is sql("SELECT state FROM agent WHERE email = '$email'")->[0][0], 'away', 'an agent still signed in keeps their state';

done_testing;
