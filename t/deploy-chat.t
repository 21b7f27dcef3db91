#!/usr/bin/perl
# The whole chat through the restricted deployments: Apache with mod_fcgid
# and plain CGI. There a poll cannot be held (each request has a process of
# its own), so it is answered at once with "hold":0 and the browser asks
# again on an interval; the conversation must still work end to end.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Time::HiRes qw(time);
use Test::More;
use Baton::Test qw(stack sql admin new_client new_agent wait_for);

my $s = stack();
my $tool = "$s->{ROOT}/tools/apache";
my $parent = $$;
my %started;
END {
    return unless $$ == $parent;
    system("\"$tool\" stop \"$s->{DIR}\" $_ >/dev/null 2>&1") for keys %started;
}

sub json { my ($text) = @_; return eval { JSON::PP::decode_json($text) } // {} }

for my $mode (qw(fcgid cgi)) {
    subtest "a conversation under Apache ($mode)" => sub {
        $started{$mode} = 1;
        my $out = qx{"$tool" start "$s->{DIR}" $mode 2>&1};
        my ($port) = $out =~ /^(\d+)\s*\z/m;
        ok $port, "Apache ($mode) runs" or return diag $out;
        my $base = "http://127.0.0.1:$port";

        my $client = new_client();
        my ($key) = admin(undef, 'site', 'add', $client, 'Shop', '127.0.0.1') =~ /its key is ([0-9a-f]{32})/;
        sql("UPDATE site SET ask_question = 0 WHERE site_key = '$key'");
        my ($email, $password) = new_agent(client => $client, name => "Apache $mode Agent");

        my $agent = Baton::Test::Browser->new(base => $base);
        is $agent->sign_in($email, $password, state => 'available')->{status}, 303, 'the agent signs in';
        my $visitor = Baton::Test::Browser->new(base => $base);
        my $res = $visitor->get("/help?site=$key", headers => { Referer => "$base/demo/page.html" });
        is $res->{status}, 303, 'the visitor asks for help';
        my ($request) = ($res->{headers}{location} // '') =~ /r=([0-9a-f]{32})/;

        # No poll program holds anything here, so nothing routes every second:
        # the request is offered when it is made (an agent is available).
        my $started = time;
        my $console = json($agent->get('/poll?console=1&version=0')->{content});
        cmp_ok time - $started, '<', 2, 'a console poll is answered at once';
        is $console->{hold}, 0, 'and says polls are not held (ask again on an interval)';
        ok((grep { $_->{id} eq $request } @{ $console->{queue} // [] }), 'the request is in the queue');

        $res = $agent->post('/accept', form => [csrf => $agent->session_csrf, request => $request]);
        is $res->{status}, 303, 'the agent accepts';
        my ($channel) = ($res->{headers}{location} // '') =~ /id=([0-9a-f]{32})/;
        my ($agent_token) = $agent->get("/channel?id=$channel")->{content} =~ /data-token="([0-9a-f]{64})"/;
        my ($visitor_token) = $visitor->get("/channel?id=$channel")->{content} =~ /data-token="([0-9a-f]{64})"/;
        ok $agent_token && $visitor_token, 'both open the channel';

        my %json = (Accept => 'application/json');
        my @lines = (['visitor', $visitor, $visitor_token, 'Hello from the visitor'],
                     ['agent', $agent, $agent_token, 'Hello from the agent'],
                     ['visitor', $visitor, $visitor_token, 'Thanks!']);
        my $n = 0;
        for my $line (@lines) {
            my ($who, $b, $token, $text) = @$line;
            $res = $b->post('/say', form => [channel => $channel, token => $token, text => $text, cmid => "$mode-" . ++$n],
                headers => \%json);
            is $res->{status}, 200, "the $who says a line";
        }
        for my $reader ([agent => $agent], [visitor => $visitor]) {
            my ($who, $b) = @$reader;
            my $t0 = time;
            my $answer = json($b->get("/poll?channel=$channel&after=0&signals=0")->{content});
            cmp_ok time - $t0, '<', 2, "the ${who}'s poll is answered at once";
            is_deeply [map { $_->{body} } grep { $_->{kind} eq 'line' } @{ $answer->{events} }],
                [map { $_->[3] } @lines], "the $who sees all lines, in order";
            my $again = json($b->get("/poll?channel=$channel&after=$answer->{last_seq}&signals=$answer->{signals}")->{content});
            is_deeply $again->{events}, [], "asking again with the last seq brings nothing twice";
        }
        $res = $visitor->post('/typing', form => [channel => $channel, token => $visitor_token, text => 'typ'], headers => \%json);
        is $res->{status}, 200, 'typing works';
        my $typing = json($agent->get("/poll?channel=$channel&after=99&signals=0")->{content});
        is $typing->{typing}[0]{text}, 'typ', 'and the agent sees the preview';

        $res = $agent->post('/leave', form => [channel => $channel, token => $agent_token], headers => \%json);
        is $res->{status}, 200, 'the agent leaves';
        my $end = json($visitor->get("/poll?channel=$channel&after=0&signals=0")->{content});
        is $end->{open}, JSON::PP::false, 'the visitor learns the session has ended';

        system("\"$tool\" stop \"$s->{DIR}\" $mode >/dev/null 2>&1");
        delete $started{$mode};
    };
}
done_testing;
