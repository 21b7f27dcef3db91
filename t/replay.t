#!/usr/bin/perl
# The replay: a page (driven by htdocs/js/replay.js) and, with
# format=json, the session's events with their times: milliseconds since
# the session opened, in order, chat lines and the addresses the view went
# to among them. The same people as for the staff transcript may see it;
# other clients' staff and agents who were not in it get 403.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Time::Local qw(timegm);
use Baton::Test qw(stack sql);
use Baton::Archive qw(staff operator post_as participant_id go_to pass_lead);

my $s = stack();
my $client = Baton::Test::new_client();
my ($key) = Baton::Test::new_direct_site($client);
# The client's site is shop.example (visitors who lead stay on it: t/go.t).
Baton::Test::add_site_domain($key, 'shop.example');
my $agent = staff($client, 'agent', name => 'Rita Replay');
my $sup = staff($client, 'supervisor', name => 'Sam Super');
my $c = Baton::Test::open_channel(client => $client, agent => $agent, site_key => $key);
my ($ch, $visitor) = ($c->{channel}, $c->{visitor});
$agent->{token} = $c->{agent}{token};
my $pause = sub { select undef, undef, undef, $_[0] };

Baton::Test::chat_say($visitor, $ch, 'Where is the size chart?');
$pause->(0.4);
go_to($agent, $ch, 'https://shop.example/sizes');
$pause->(0.3);
is post_as($sup, '/monitor', channel => $ch)->{status}, 303, 'a supervisor starts monitoring';
my $sup_token = Baton::Test::channel_token($sup->{browser}->get("/channel?id=$ch")->{content});
my $agent_p = participant_id($ch, agent_id => $agent->{id});
$sup->{browser}->post('/say', form => [channel => $ch, token => $sup_token, text => 'Mention the returns policy',
    to => $agent_p], headers => { Accept => 'application/json', Origin => $s->{URL} });
Baton::Test::chat_say($agent, $ch, 'Here it is, on the sizes page');
my $visitor_p = participant_id($ch, visitor_id => $visitor->{id});
pass_lead($agent, $ch, $visitor_p);
$pause->(0.3);
go_to($visitor, $ch, 'https://shop.example/sizes#shoes');
$agent->{browser}->post('/leave', form => [channel => $ch, token => $agent->{token}],
    headers => { Accept => 'application/json', Origin => $s->{URL} });

sub replay_json {
    my ($who, %o) = @_;
    my $res = $who->{browser}->get("/replay?id=" . ($o{id} // $ch) . '&format=json',
        headers => { Accept => 'application/json' });
    return ($res, Baton::Test::json_decode($res->{content}));
}

sub epoch_ms {
    my ($at) = @_;
    my ($y, $mo, $d, $h, $mi, $sec, $frac) = $at =~ /^(\d+)-(\d+)-(\d+)T(\d+):(\d+):(\d+)\.(\d+)Z$/ or return undef;
    return timegm($sec, $mi, $h, $d, $mo - 1, $y) * 1000 + int(substr($frac . '000000', 0, 6) / 1000);
}

subtest 'the page' => sub {
    my $res = $sup->{browser}->get("/replay?id=$ch");
    is $res->{status}, 200, 'a supervisor opens the replay';
    like $res->{content}, qr{id="replay" data-events="/replay\?id=$ch&amp;format=json"}, 'it says where the events are';
    like $res->{content}, qr{<script src="/js/replay.js" defer></script>}, 'and loads replay.js';
    unlike $res->{content}, qr{<script>|<script [^>]*>[^<]}, 'no inline script';
    like $res->{content}, qr{name="speed" value="16"}, 'speeds 1x, 4x, 16x';
    like $res->{headers}{'content-security-policy'}, qr/frame-src http: https:/, 'the pages gone to may show in a frame';
    like $res->{content}, qr{<iframe id="replay-frame"[^>]*sandbox="allow-scripts allow-forms"}, 'a sandboxed frame';
};

subtest 'the events with their times' => sub {
    my ($res, $d) = replay_json($sup);
    is $res->{status}, 200, 'format=json: 200';
    like $res->{headers}{'content-type'}, qr{^application/json}, 'as JSON';
    ok $d && ref $d->{events} eq 'ARRAY', 'with a list of events';
    my @kinds = map { $_->{kind} } @{ $d->{events} };
    is_deeply \@kinds, [qw(join join address line address monitor private line lead address leave close)],
        'every event, in order (the supervisor sees monitoring and the private prompt)';
    is_deeply [map { $_->{seq} } @{ $d->{events} }], [1 .. 12], 'with its seq';
    my @t = map { $_->{t} } @{ $d->{events} };
    is_deeply [sort { $a <=> $b } @t], \@t, 'times never go backwards';
    ok $t[0] >= 0 && $t[0] < 1000, 'the first event at the start';
    my $first = epoch_ms($d->{events}[0]{at});
    for my $e (@{ $d->{events} }) {
        my $since = epoch_ms($e->{at}) - $first;
        ok abs(($e->{t} - $t[0]) - $since) <= 2, "$e->{kind} at $e->{t} ms matches its time $e->{at}";
    }
    ok $t[4] - $t[3] >= 350, 'the pause before the address is kept (' . ($t[4] - $t[3]) . ' ms)';
    my ($line) = grep { $_->{kind} eq 'line' } @{ $d->{events} };
    is_deeply [@$line{qw(who role body)}], ['Visitor', 'visitor', 'Where is the size chart?'], 'a line: who and what';
    my @addresses = map { $_->{body} } grep { $_->{kind} eq 'address' } @{ $d->{events} };
    is_deeply \@addresses, ["$s->{URL}/demo/x.html", 'https://shop.example/sizes', 'https://shop.example/sizes#shoes'],
        'the addresses the view went to, from the page asked from';
    my ($private) = grep { $_->{kind} eq 'private' } @{ $d->{events} };
    is_deeply [@$private{qw(who to body)}], ['Sam Super', 'Rita Replay', 'Mention the returns policy'], 'the private prompt, from and to';
    my ($lead) = grep { $_->{kind} eq 'lead' } @{ $d->{events} };
    is $lead->{to}, 'Visitor', 'the baton pass names the new leader';
    is $d->{channel}{id}, $ch, 'the session';
    is $d->{channel}{state}, 'closed', 'over';
    ok $d->{channel}{seconds} >= 1, 'with its length';
    like $d->{channel}{started}, qr/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/, 'and start';
};

subtest 'who may replay it' => sub {
    my ($res, $d) = replay_json($agent);
    is $res->{status}, 200, 'the agent who took part';
    ok((grep { $_->{kind} eq 'private' } @{ $d->{events} }), 'sees the private prompt sent to them');
    ($res) = replay_json(operator());
    is $res->{status}, 200, 'the Baton operator';
    my $other = Baton::Test::new_client();
    for my $case ([staff($other, 'supervisor'), 'a supervisor of another client'],
                  [staff($other, 'admin'), 'an admin of another client'],
                  [staff($other, 'agent', state => 'away'), 'an agent of another client'],
                  [staff($client, 'agent', state => 'away'), 'an agent of the client who was not in it']) {
        my ($r, $body) = replay_json($case->[0]);
        is $r->{status}, 403, "$case->[1]: 403";
        ok $body && $body->{error} && !$body->{events}, "$case->[1]: an error, no events";
        unlike $r->{content}, qr/size chart/, "$case->[1]: sees nothing of it";
        is $case->[0]{browser}->get("/replay?id=$ch")->{status}, 403, "$case->[1]: nor the page";
    }
    my $anon = Baton::Test::Browser->new;
    is $anon->get("/replay?id=$ch&format=json", headers => { Accept => 'application/json' })->{status}, 401,
        'a script with no session: 401';
    is $anon->get("/replay?id=$ch")->{status}, 303, 'a browser with no session: to sign-in';
    is $visitor->{browser}->get("/replay?id=$ch&format=json", headers => { Accept => 'application/json' })->{status}, 401,
        'the visitor has no replay';
    ($res) = replay_json($sup, id => '0' x 32);
    is $res->{status}, 404, 'an unknown session: 404';
    is $sup->{browser}->get("/replay?id=$ch&format=xml")->{status}, 400, 'an unknown format: 400';
};

done_testing;
