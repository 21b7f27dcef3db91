#!/usr/bin/perl
# The agent console: only for a live session; sessions expire when idle and
# at their absolute limit; everything shown is escaped.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql new_agent);

stack();

my $anon = Baton::Test::Browser->new;
my $res = $anon->get('/console');
is $res->{status}, 303, 'no session: redirect';
is $res->{headers}{location}, '/signin', 'to sign-in';
$res = $anon->get('/console', headers => { Accept => 'application/json' });
is $res->{status}, 401, 'a script without a session gets 401';
like $res->{content}, qr/^\{"error":"You are not signed in[^"]*","status":401\}/, 'as a JSON error';
$anon->set_cookie(baton_session => 'not-a-token');
is $anon->get('/console')->{status}, 303, 'a malformed session cookie is no session';
$anon->set_cookie(baton_session => 'f' x 64);
is $anon->get('/console')->{status}, 303, 'an unknown session token is no session';

my ($email, $password) = new_agent(name => '<script>alert("x")</script> & Co');
my $b = Baton::Test::Browser->new;
$b->sign_in($email, $password);
$res = $b->get('/console');
is $res->{status}, 200, 'signed in: 200';
unlike $res->{content}, qr/<script>alert/, 'a hostile display name is not markup';
like $res->{content}, qr/Hello, &lt;script&gt;alert\(&quot;x&quot;\)&lt;\/script&gt; &amp; Co/, 'it is escaped';
like $res->{content}, qr/<form method="post" action="\/signout"/, 'with a sign-out button';

my $id = sql("SELECT s.id FROM staff_session s JOIN agent a ON a.id = s.agent_id WHERE a.email = '$email'")->[0][0];
sql("UPDATE staff_session SET idle_until = NOW(3) - INTERVAL 1 SECOND WHERE id = $id");
$res = $b->get('/console');
is $res->{status}, 303, 'an idle-expired session leads to sign-in';
ok !defined $b->cookie('baton_session'), 'and its cookie is cleared';

$b->sign_in($email, $password);
is $b->get('/console')->{status}, 200, 'signed in again';
# The stamp, at most once a minute (staff_session_valid, staff_session_touch):
# a session unseen for minutes is stamped and its idle deadline moved on.
my $again = sql("SELECT MAX(s.id) FROM staff_session s JOIN agent a ON a.id = s.agent_id WHERE a.email = '$email'")->[0][0];
sql("UPDATE staff_session SET last_seen_at = NOW(3) - INTERVAL 5 MINUTE, idle_until = NOW(3) + INTERVAL 1 MINUTE WHERE id = $again");
is $b->get('/console')->{status}, 200, 'a session unseen for minutes but not idle past its deadline still counts';
is_deeply sql("SELECT last_seen_at > NOW(3) - INTERVAL 30 SECOND, idle_until > NOW(3) + INTERVAL 5 MINUTE FROM staff_session WHERE id = $again")->[0],
    [1, 1], 'it is stamped seen and its idle deadline moved on';
sql("UPDATE staff_session SET last_seen_at = NOW(3) - INTERVAL 30 SECOND, idle_until = NOW(3) + INTERVAL 1 MINUTE WHERE id = $again");
$b->get('/console');
is sql("SELECT idle_until < NOW(3) + INTERVAL 2 MINUTE FROM staff_session WHERE id = $again")->[0][0], 1,
    'one seen within the minute is not written again';
my $idle_before = sql("SELECT idle_until FROM staff_session WHERE agent_id = (SELECT id FROM agent WHERE email = '$email') AND ended_at IS NULL ORDER BY id DESC LIMIT 1")->[0][0];
sql("UPDATE staff_session SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE agent_id = (SELECT id FROM agent WHERE email = '$email')");
is $b->get('/console')->{status}, 303, 'a session past its absolute lifetime is over, however active';
ok defined $idle_before, 'activity had kept the idle deadline in the future';

# The lists, their counts, the search over today's sessions.
{
    my $client = Baton::Test::new_client();
    my ($key) = Baton::Test::new_direct_site($client);
    my $agent = Baton::Test::signed_in_agent(client => $client, state => 'away', name => 'Carla Console');
    my $sup = Baton::Test::signed_in_agent(client => $client, role => 'supervisor', state => 'away');
    my $v = Baton::Test::Browser->new;
    $v->get("/help?site=$key", headers => { Referer => "$ENV{BATON_URL}/demo/x.html" });
    my $html = $agent->{browser}->get('/console')->{content};
    like $html, qr{<h2>Waiting <span id="queue-count" class="count">1</span></h2>}, 'the waiting list counts the visitor';
    like $html, qr{<h2>Offered <span id="offered-count" class="count">0</span></h2>}, 'nobody offered (the only agent is away)';
    for my $list (qw(channels scheduled messages)) {
        like $html, qr{<span id="$list-count" class="count">0</span>}, "the $list list has its count";
    }
    unlike $html, qr/class="priority-form"/, 'an agent has no priority field';
    like $sup->{browser}->get('/console')->{content}, qr/class="priority-form"/, 'a supervisor has one';

    my $session = Baton::Test::open_channel(client => $client);
    Baton::Test::chat_say($session->{visitor}, $session->{channel}, 'My teapot leaks badly');
    my $res = $agent->{browser}->get('/console?q=teapot+leaks');
    is $res->{status}, 200, 'searching today\'s sessions';
    like $res->{content}, qr{<a href="/session\?id=$session->{channel}">}, 'finds the session by its words';
    like $agent->{browser}->get('/console?q=100%25')->{content}, qr/None today\./, 'a % is a character, not a wildcard';
    unlike Baton::Test::signed_in_agent(state => 'away')->{browser}->get('/console?q=teapot')->{content},
        qr/\Q$session->{channel}\E/, 'another client\'s search never finds it';
    is $agent->{browser}->get('/console?q=' . ('x' x 101))->{status}, 400, 'a search of over 100 characters: 400';
}
done_testing;
