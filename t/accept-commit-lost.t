#!/usr/bin/perl
# An accept whose database connection breaks during its COMMIT (lib/channel.c,
# channel_accept). The client cannot know whether the COMMIT went through, so
# the accept looks for the channel it made:
#   - the COMMIT reached the server and committed: the agent is answered with
#     the channel (a 503 would leave them out of a conversation the visitor is
#     already in);
#   - the COMMIT never reached the server, which rolled the transaction back:
#     the agent is told to try again, and the request is still waiting, whole.
# The break is real: the accept program runs as plain CGI against the test
# stack's MariaDB through a Unix-socket relay (below) that cuts the
# connection at the accept's COMMIT, after or before passing it on.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use File::Temp ();
use POSIX ();
use Test::More;
use Baton::CutRelay;
use Baton::Test qw(stack sql wait_for);

my $s = stack();
my $tmp = File::Temp->newdir('/tmp/baton-commit-lost.XXXXXX');

# ---- the relay ---------------------------------------------------------------
# t/lib/Baton/CutRelay.pm: the accept prepares "INSERT INTO channel" on its
# connection; the first COMMIT after that on the same connection is cut:
# with $mode 'after' the COMMIT is passed on and the server's answer
# awaited, then both sides are closed without passing the answer back; with
# 'before' both sides are closed instead of passing the COMMIT on. The relay
# writes what it did to $tmp/cut (the server's answer's first byte, 0 for
# OK, or "not sent").
sub start_relay {
    my ($mode, $path) = @_;
    return Baton::CutRelay::start(mode => $mode, path => $path, db_socket => $s->{DB_SOCKET},
        arm => qr/^\x16.*INSERT\s+INTO\s+channel\b/si, cut => qr/^\x03COMMIT$/i,
        report => "$tmp/cut");
}


# Runs cgi-bin/accept once as plain CGI, as the agent; returns the status,
# the Location and what it logged.
sub accept_as_cgi {
    my ($agent, $request, $conf) = @_;
    my $b = $agent->{browser};
    my $body = "csrf=$agent->{csrf}&request=$request";
    my ($host) = $s->{URL} =~ m{^https?://([^/]+)};
    open my $in, '>', "$tmp/body" or die;
    print {$in} $body;
    close $in;
    local %ENV = (%ENV,
        BATON_CONF => $conf, GATEWAY_INTERFACE => 'CGI/1.1', SERVER_PROTOCOL => 'HTTP/1.1',
        REQUEST_METHOD => 'POST', SCRIPT_NAME => '/accept', PATH_INFO => '', QUERY_STRING => '',
        CONTENT_TYPE => 'application/x-www-form-urlencoded', CONTENT_LENGTH => length $body,
        HTTP_HOST => $host, HTTP_ORIGIN => $s->{URL}, REMOTE_ADDR => '127.0.0.1',
        HTTP_COOKIE => join('; ', map { "$_=" . $b->cookie($_) } sort keys %{ $b->{jar} }));
    my $out = qx{"$s->{ROOT}/cgi-bin/accept.fcgi" < "$tmp/body" 2> "$tmp/stderr"};
    my $log = do { local (@ARGV, $/) = ("$tmp/stderr"); <> } // '';
    my ($status) = $out =~ /^Status:\s*(\d+)/mi;
    my ($location) = $out =~ /^Location:\s*(\S+)/mi;
    return ($status // ($location ? 302 : 200), $location // '', $log, $out);
}

sub one_accept {
    my ($mode) = @_;
    unlink "$tmp/cut";
    my ($key, $client) = Baton::Test::new_help_site(ask_question => 0);
    my $agent = Baton::Test::signed_in_agent(client => $client, name => "Commit $mode");
    $agent->{csrf} = $agent->{browser}->session_csrf or die 'no csrf';
    my $visitor = Baton::Test::Browser->new;
    my $res = $visitor->click_help($key);
    my ($request) = ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$}
        or die "no waiting page: $res->{status}";
    my $socket = "$tmp/relay-$mode.sock";
    my $relay = start_relay($mode, $socket);
    my @answer = eval { accept_as_cgi($agent, $request, Baton::CutRelay::conf_through($s->{CONF}, $socket, "$tmp/baton.conf")) };
    my $error = $@;
    kill 'TERM', $relay;
    waitpid $relay, 0;
    unlink $socket;
    die $error if $error;
    my $cut = -e "$tmp/cut" ? do { local (@ARGV, $/) = ("$tmp/cut"); <> } : 'no cut';
    return ($request, $cut, $client, @answer);
}

subtest 'the COMMIT went through, then the connection broke' => sub {
    my ($request, $cut, $client, $status, $location, $log, $out) = one_accept('after');
    is $cut, '0', 'the relay passed the COMMIT on, the server answered OK, and the relay cut the connection';
    my ($channel) = $location =~ m{/channel\?id=([0-9a-f]{32})$};
    is $status, 303, 'the accept answers 303, as for any accept' or diag $out, $log;
    ok $channel, 'to the channel page';
    my $row = Baton::Test::request_row($request);
    is $row->{state}, 'accepted', 'the request is accepted';
    is sql("SELECT public_id FROM channel WHERE id = " . ($row->{channel_id} // 0))->[0][0] // '',
        $channel // '-', 'and its channel is the one the agent was sent to';
    like $log, qr/the connection broke during COMMIT, which went through \(channel \Q$channel\E\)/,
        'the program logged what happened' if $channel;
    is sql("SELECT COUNT(*) FROM channel WHERE client_id = " . Baton::Test::client_id($client))->[0][0],
        1, 'no second channel was made';
};

subtest 'the connection broke before the COMMIT reached the server' => sub {
    my ($request, $cut, $client, $status, $location, $log, $out) = one_accept('before');
    is $cut, 'not sent', 'the relay cut the connection instead of passing the COMMIT on';
    is $status, 503, 'the agent is told to try again' or diag $out, $log;
    my $row = Baton::Test::request_row($request);
    isnt $row->{state}, 'accepted', 'the request was not accepted';
    is sql("SELECT COUNT(*) FROM channel WHERE client_id = " . Baton::Test::client_id($client))->[0][0],
        0, 'and no channel exists: the server rolled the whole transaction back';
};

done_testing;
