#!/usr/bin/perl
# The supervisor's live desk: the page (kept live by htdocs/js/supervise.js)
# and its long-poll (/poll?supervise=1&version=V). A held poll answers
# within a second of an agent changing state. Alerts: a wait over the
# client's target, an agent away or on break while visitors wait, an agent
# with more sessions than allowed. Agents and other clients' supervisors
# get 403; the operator chooses the client with ?client=SLUG.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use IO::Handle;
use Time::HiRes qw(time sleep);
use Test::More;
use Baton::Test qw(stack sql);
use Baton::Archive qw(staff operator post_as set_state);

my $s = stack();
my $client = Baton::Test::new_client();
my ($key) = Baton::Test::new_direct_site($client);
my $sup = staff($client, 'supervisor', name => 'Vera Visor');
my $agent = staff($client, 'agent', name => 'Abe Agent', state => 'away');

# The desk as the poll answers it now (version 0 is always behind).
sub desk {
    my ($who, %o) = @_;
    my $q = '/poll?supervise=1&version=0' . ($o{client} ? "&client=$o{client}" : '');
    my $res = $who->{browser}->get($q, headers => { Accept => 'application/json' });
    return ($res, Baton::Test::json_decode($res->{content}));
}
sub desk_now { my (undef, $d) = desk(@_); return $d }
sub agent_of { my ($desk, $id) = @_; my ($a) = grep { $_->{id} == $id } @{ $desk->{agents} }; return $a }

subtest 'the page' => sub {
    my $res = $sup->{browser}->get('/supervise');
    is $res->{status}, 200, 'a supervisor opens /supervise';
    like $res->{content}, qr{<script src="/js/supervise.js" defer></script>}, 'kept live by supervise.js';
    unlike $res->{content}, qr{<script>}, 'no inline script';
    my ($version) = $res->{content} =~ /id="supervise" data-version="(\d+)"/;
    ok defined $version && $version > 0, 'it carries the queue version to poll from';
    like $res->{content}, qr{<tr data-agent="$agent->{id}">\s*<td class="name">Abe Agent</td>\s*<td class="state" data-state="away">away</td>},
        'each agent with their state';
    like $res->{content}, qr{<td class="for" data-seconds="\d+">\d+ s</td>}, 'and the time in it';
    like $res->{content}, qr{<a href="/supervise" id="nav-supervise">Supervise</a>}, 'the top bar links to it';
    like $res->{content}, qr{<a href="/archive" id="archive-link">}, 'and the page to the archive';
};

subtest 'a held poll answers within a second of a state change' => sub {
    my $d = desk_now($sup);
    my $version = $d->{version};
    is agent_of($d, $agent->{id})->{state}, 'away', 'the agent is away';
    pipe my $reader, my $writer or die "pipe: $!";
    my $poller = $sup->{browser}->clone(timeout => 40);
    my $before = Baton::Test::poll_held();
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        close $reader;
        my $res = $poller->get("/poll?supervise=1&version=$version", headers => { Accept => 'application/json' });
        printf $writer "%.3f %d %s\n", time, $res->{status}, $res->{content} =~ s/\n/ /gr;
        close $writer;
        exit 0;
    }
    close $writer;
    ok Baton::Test::wait_parked($before), 'the supervisor\'s poll is held';
    my $changed_at = time;
    is set_state($agent, 'available')->{status}, 200, 'the agent becomes available';
    my $line = <$reader>;
    waitpid $pid, 0;
    my ($answered_at, $status, $body) = split / /, $line // '', 3;
    is $status, 200, 'the held poll answers';
    ok $answered_at > $changed_at - 0.05, 'after the change (it was held)';
    cmp_ok $answered_at - $changed_at, '<', 1.0, sprintf 'within a second (%.2f s)', $answered_at - $changed_at;
    my $answer = Baton::Test::json_decode($body);
    ok $answer->{version} > $version, 'with a newer version';
    is agent_of($answer, $agent->{id})->{state}, 'available', 'showing the new state';
    ok agent_of($answer, $agent->{id})->{state_seconds} <= 1, 'from just now';
    ok defined $answer->{hold}, 'and how long polls are held';
};

subtest 'alerts' => sub {
    Baton::Test::set_client($client, wait_target_seconds => 30);
    is set_state($agent, 'away')->{status}, 200, 'nobody is available';
    my $v1 = Baton::Test::Browser->new;
    my $r1 = $v1->get("/help?site=$key", headers => { Referer => "$s->{URL}/demo/x.html" });
    my ($req1) = ($r1->{headers}{location} // '') =~ m{r=([0-9a-f]{32})} or die 'no request';
    my $d = desk_now($sup);
    is $d->{waiting}, 1, 'one visitor waits';
    is $d->{queue_alert}, undef, 'within the target: no queue alert';
    is agent_of($d, $agent->{id})->{alert}, 'not available while visitors wait', 'an agent away while visitors wait';
    is set_state($agent, 'break')->{status}, 200, 'on break';
    is agent_of(desk_now($sup), $agent->{id})->{alert}, 'not available while visitors wait', 'is an alert too';

    sql("UPDATE help_request SET created_at = NOW(3) - INTERVAL 95 SECOND WHERE public_id = '$req1'");
    $d = desk_now($sup);
    ok $d->{oldest_wait} >= 95, "the oldest wait: $d->{oldest_wait} s";
    is $d->{wait_target}, 30, 'the target';
    is $d->{queue_alert}, 'a visitor has waited longer than the target', 'a wait over the target is an alert';
    my $page = $sup->{browser}->get('/supervise')->{content};
    like $page, qr{<p id="queue-alert" class="alert" role="alert">a visitor has waited longer than the target</p>}, 'that stands out on the page';
    like $page, qr{<tr data-agent="$agent->{id}" class="alerting">}, 'as does the agent\'s row';
    like $page, qr{<strong id="waiting">1</strong> waiting}, 'with the queue\'s length';
    like $page, qr{<strong id="oldest-wait" data-seconds="\d+">1 min</strong>}, 'and oldest wait';

    # Two sessions for an agent now allowed one: both taken directly while
    # two were allowed, then an administrator lowered the maximum (accept
    # itself never takes anyone past it: t/capacity.t).
    sql("UPDATE agent SET max_sessions = 2 WHERE id = $agent->{id}");
    my $v2 = Baton::Test::Browser->new;
    my ($req2) = ($v2->get("/help?site=$key", headers => { Referer => "$s->{URL}/demo/x.html" })->{headers}{location} // '')
        =~ m{r=([0-9a-f]{32})};
    my @channels;
    for my $req ($req1, $req2) {
        my $res = post_as($agent, '/accept', request => $req);
        my ($ch) = ($res->{headers}{location} // '') =~ m{id=([0-9a-f]{32})} or die "accept: $res->{status}";
        push @channels, $ch;
    }
    sql("UPDATE agent SET max_sessions = 1 WHERE id = $agent->{id}");
    $d = desk_now($sup);
    my $a = agent_of($d, $agent->{id});
    is $a->{sessions}, 2, 'the agent has two sessions';
    is $a->{max_sessions}, 1, 'and is allowed one';
    is $a->{alert}, 'more sessions than allowed', 'more sessions than allowed is an alert';
    is $d->{queue_alert}, undef, 'nobody waits any more: no queue alert';
    is_deeply [split /,/, $a->{channels}], \@channels, 'the live sessions';
    is scalar @{ $a->{session_seconds} }, 2, 'each with its length';
    $page = $sup->{browser}->get('/supervise')->{content};
    like $page, qr{data-channel="$channels[$_]"}, "session $_ has a Monitor button" for 0, 1;
    like $page, qr{<td class="sessions">2 / 1</td>}, 'the page shows 2 / 1';
};

subtest 'who may watch the desk' => sub {
    my ($res) = desk($agent);
    is $res->{status}, 403, 'an agent polling: 403';
    is $agent->{browser}->get('/supervise')->{status}, 403, 'an agent opening the page: 403';
    unlike $agent->{browser}->get('/console')->{content}, qr/nav-supervise/, 'agents have no link to it';

    my $other = Baton::Test::new_client();
    my $other_sup = staff($other, 'supervisor');
    ($res) = desk($other_sup, client => $client);
    is $res->{status}, 403, 'another client\'s supervisor polling this client: 403';
    unlike $res->{content}, qr/Abe Agent/, 'learns nothing';
    is $other_sup->{browser}->get("/supervise?client=$client")->{status}, 403, 'nor by the page';
    my $own = desk_now($other_sup);
    ok !agent_of($own, $agent->{id}), 'their own desk has none of this client\'s agents';

    my $admin = staff($client, 'admin');
    my ($ares) = desk($admin);
    is $ares->{status}, 200, 'an admin of the client';
    my $op = operator();
    my ($ores, $od) = desk($op, client => $client);
    is $ores->{status}, 200, 'the operator with ?client=';
    ok agent_of($od, $agent->{id}), 'sees this client\'s desk';
    my $page = $op->{browser}->get("/supervise?client=$client");
    is $page->{status}, 200, 'and its page';
    like $page->{content}, qr{data-client="\Q$client\E"}, 'which polls for that client';
    like $page->{content}, qr{Abe Agent}, 'with its agents';
    is $op->{browser}->get('/supervise?client=no-such-client')->{status}, 404, 'an unknown client: 404';
    my $anon = Baton::Test::Browser->new;
    is $anon->get('/poll?supervise=1&version=0', headers => { Accept => 'application/json' })->{status}, 401, 'no session: 401';
};

done_testing;
