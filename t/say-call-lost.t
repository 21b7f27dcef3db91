#!/usr/bin/perl
# A post whose database connection breaks while the one request that stores
# it (the CALL of line_post, schema 280: the sender's checks, seq, insert
# and commit) is on its way (issue 21). The program cannot know whether it committed, so it must
# not send it again (a line stored twice); it answers 503, and the client's
# retry with the same client message id stores it once:
#   - the CALL reached the server and committed: the retry is answered with
#     the seq it was stored under, and the line is there once;
#   - the CALL never reached the server: nothing is stored, and the retry
#     stores the line once.
# The break is real: say runs as plain CGI against the test stack's MariaDB
# through a Unix-socket relay (t/lib/Baton/CutRelay.pm) that cuts the
# connection at the CALL, after or before passing it on.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use File::Temp ();
use Test::More;
use Baton::CutRelay;
use Baton::Test qw(stack sql);

my $s = stack();
my $tmp = File::Temp->newdir('/tmp/baton-call-lost.XXXXXX');
my $c = Baton::Test::open_channel(agent_name => 'Cal Lost');
my ($ch, $agent) = ($c->{channel}, $c->{agent});
my $channel_id = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];


# Runs cgi-bin/say once as plain CGI, as the agent: (status, output, log).
sub say_as_cgi {
    my ($text, $cmid, $conf) = @_;
    my $b = $agent->{browser};
    my $body = "channel=$ch&token=$agent->{token}&text=$text&cmid=$cmid";
    my ($host) = $s->{URL} =~ m{^https?://([^/]+)};
    open my $in, '>', "$tmp/body" or die;
    print {$in} $body;
    close $in;
    local %ENV = (%ENV,
        BATON_CONF => $conf, GATEWAY_INTERFACE => 'CGI/1.1', SERVER_PROTOCOL => 'HTTP/1.1',
        REQUEST_METHOD => 'POST', SCRIPT_NAME => '/say', PATH_INFO => '', QUERY_STRING => '',
        CONTENT_TYPE => 'application/x-www-form-urlencoded', CONTENT_LENGTH => length $body,
        HTTP_ACCEPT => 'application/json', HTTP_HOST => $host, HTTP_ORIGIN => $s->{URL},
        REMOTE_ADDR => '127.0.0.1',
        HTTP_COOKIE => join('; ', map { "$_=" . $b->cookie($_) } sort keys %{ $b->{jar} }));
    my $out = qx{"$s->{ROOT}/cgi-bin/say.fcgi" < "$tmp/body" 2> "$tmp/stderr"};
    my $log = do { local (@ARGV, $/) = ("$tmp/stderr"); <> } // '';
    my ($status) = $out =~ /^Status:\s*(\d+)/mi;
    return ($status // 200, $out, $log);
}

sub stored {
    my ($cmid) = @_;
    return sql("SELECT seq FROM channel_event WHERE channel_id = $channel_id AND client_msg_id = '$cmid'");
}

sub one_post {
    my ($mode, $cmid) = @_;
    unlink "$tmp/cut";
    my $socket = "$tmp/relay-$mode.sock";
    my $relay = Baton::CutRelay::start(mode => $mode, path => $socket, db_socket => $s->{DB_SOCKET},
        arm => qr/^\x16\s*CALL\s+line_post\b/i, cut => qr/^\x17/, report => "$tmp/cut");
    my @answer = eval { say_as_cgi("line+$mode", $cmid, Baton::CutRelay::conf_through($s->{CONF}, $socket, "$tmp/baton.conf")) };
    my $error = $@;
    kill 'TERM', $relay;
    waitpid $relay, 0;
    unlink $socket;
    die $error if $error;
    my $cut = -e "$tmp/cut" ? do { local (@ARGV, $/) = ("$tmp/cut"); <> } : 'no cut';
    return ($cut, @answer);
}

subtest 'the CALL committed, then the connection broke' => sub {
    my ($cut, $status, $out, $log) = one_post('after', 'lost-after');
    # The answer's first packet is its rows' column count (8: the readers'
    # id, kind and language, the outcome, seq, channel, client and sender):
    # the procedure sends it after its COMMIT.
    is $cut, '8', 'the relay passed the CALL on, the server answered with its row, and the relay cut the connection';
    is $status, 503, 'the post is answered 503: the program does not know it was stored' or diag $out, $log;
    my $rows = stored('lost-after');
    is scalar @$rows, 1, 'the line is stored once: the CALL was not sent again';
    my ($res, $d) = Baton::Test::chat_say($agent, $ch, 'line after', cmid => 'lost-after');
    is $res->{status}, 200, "the client's retry with the same message id: 200";
    is $d->{seq}, $rows->[0][0], 'answered with the seq the line was stored under';
    is scalar @{ stored('lost-after') }, 1, 'and still stored once';
};

subtest 'the connection broke before the CALL reached the server' => sub {
    my ($cut, $status, $out, $log) = one_post('before', 'lost-before');
    is $cut, 'not sent', 'the relay cut the connection instead of passing the CALL on';
    is $status, 503, 'the post is answered 503' or diag $out, $log;
    is scalar @{ stored('lost-before') }, 0, 'nothing is stored';
    my ($res, $d) = Baton::Test::chat_say($agent, $ch, 'line before', cmid => 'lost-before');
    is $res->{status}, 200, "the client's retry: 200";
    is_deeply [map { $_->[0] } @{ stored('lost-before') }], [$d->{seq}], 'the line is stored once, under the seq answered';
    my $gaps = sql("SELECT COUNT(*), MAX(seq) FROM channel_event WHERE channel_id = $channel_id")->[0];
    is $gaps->[0], $gaps->[1], "the channel's events have no gap: seqs 1 to $gaps->[1]";
};

done_testing;
