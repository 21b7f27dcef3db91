#!/usr/bin/perl
# Mirror mode's endpoint (cgi-bin/mirror.c, lib/mirror.c): the visitor's
# page messages and the agent's fills are ordered 'mirror' events that the
# other side's poll gets; each side sends only its own kinds; a supervisor
# watching silently sends none; malformed or oversized messages are a 400
# that says what is wrong; a focus message says which element and nothing
# else; a gzipped snapshot part is stored as sent (the browsers inflate
# it); mirror events are not lines of the chat.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);
use IO::Compress::Gzip qw(gzip $GzipError);
use IO::Uncompress::Gunzip qw(gunzip $GunzipError);
use MIME::Base64 qw(encode_base64 decode_base64);

my $s = stack();
sub mirror {
    my ($who, $ch, $data) = @_;
    return Baton::Test::party_post($who, '/mirror', $ch, [data => $data]);
}

my $c = Baton::Test::open_channel(agent_name => 'Mira Mirror');
my ($ch, $agent, $visitor) = @$c{qw(channel agent visitor)};

subtest 'the visitor\'s page reaches the agent; the agent\'s fill the visitor' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch)->{last_seq};
    my ($res, $d) = mirror($visitor, $ch, '{"t":"input","i":7,"v":"Flat 3"}');
    is $res->{status}, 200, 'the visitor posts a field\'s value: 200';
    ok $d->{seq} > $before, 'an ordered event';
    my ($events) = Baton::Test::chat_collect($agent, $ch, after => $before, seconds => 10,
        until => sub { grep { $_->{kind} eq 'mirror' } @{ $_[0] } });
    my ($m) = grep { $_->{kind} eq 'mirror' } @$events;
    ok $m, 'the agent\'s poll has it';
    is $m->{body}, '{"t":"input","i":7,"v":"Flat 3"}', 'as sent';
    ($res) = mirror($agent, $ch, '{"t":"fill","i":7,"v":"Flat 4"}');
    is $res->{status}, 200, 'the agent fills a field: 200';
    unlike $visitor->{browser}->get("/channel?id=$ch")->{content}, qr/Flat 3/, 'the chat shows nothing of it';
};

subtest 'each side sends only its own' => sub {
    my ($res) = mirror($agent, $ch, '{"t":"snap","id":1,"part":0,"parts":1,"d":"{}"}');
    is $res->{status}, 403, 'the agent sends no page: 403';
    like $res->{content}, qr/Only the visitor shares their page/, 'saying why';
    ($res) = mirror($visitor, $ch, '{"t":"fill","i":1,"v":"x"}');
    is $res->{status}, 403, 'the visitor sends no fill: 403';
};

subtest 'malformed messages: 400 saying what is wrong' => sub {
    for my $bad (['{"t":"explode"}', qr/Unknown mirror message/], ['["t"]', qr/JSON object/],
                 ['{"t":"mut","x":"' . ('a' x 60000) . '"}', qr/at most 60000 bytes|too long|longer/i]) {
        my ($res) = mirror($visitor, $ch, $bad->[0]);
        is $res->{status}, 400, 'refused: 400';
        like $res->{content}, $bad->[1], 'saying why';
    }
};

subtest 'the visitor\'s focus: which element, and nothing else' => sub {
    my $before = Baton::Test::channel_snapshot($agent, $ch)->{last_seq};
    for my $ok ('{"t":"focus","i":12}', '{"t":"focus","i":9,"masked":true}', '{"t":"focus","i":0}') {
        my ($res) = mirror($visitor, $ch, $ok);
        is $res->{status}, 200, "$ok: 200";
    }
    my ($events) = Baton::Test::chat_collect($agent, $ch, after => $before, seconds => 10,
        until => sub { 3 <= grep { $_->{kind} eq 'mirror' } @{ $_[0] } });
    is_deeply [map { $_->{body} } grep { $_->{kind} eq 'mirror' } @$events],
        ['{"t":"focus","i":12}', '{"t":"focus","i":9,"masked":true}', '{"t":"focus","i":0}'], 'the agent\'s poll has them, as sent';
    my ($res) = mirror($agent, $ch, '{"t":"focus","i":12}');
    is $res->{status}, 403, 'the agent sends no focus: 403';
    like $res->{content}, qr/Only the visitor shares their page/, 'saying why';
    for my $bad ('{"t":"focus","i":7,"v":"4111 1111 1111 1111"}', '{"t":"focus","i":7,"masked":false}',
                 '{"t":"focus","i":"7"}', '{"t":"focus","i":-1}', '{"t":"focus","i":07}', '{"t":"focus","i":1234567890}',
                 '{"t":"focus"}', '{"t":"focus","i":7 }', '{"t":"focus","masked":true,"i":7}') {
        my ($r) = mirror($visitor, $ch, $bad);
        is $r->{status}, 400, "$bad: 400";
        like $r->{content}, qr/A focus message is/, 'saying what a focus message is';
    }
    my $count = sub { sql("SELECT COUNT(*) FROM channel_event e JOIN channel c ON c.id = e.channel_id
                           WHERE c.public_id = '$ch' AND e.kind = 'mirror' AND e.body LIKE '$_[0]'")->[0][0] };
    is $count->('{"t":"focus",%'), 3, 'the three focus messages are stored';
    is $count->('%4111%'), 0, 'the value that tried to ride along with one was not';
};

subtest 'a gzipped snapshot is stored as sent' => sub {
    my $page = '{"url":"https://shop.example/basket","root":{"i":1,"n":"html","a":{},"c":[]}}' . (' ' x 3000);
    gzip(\$page => \my $packed) or die $GzipError;
    my $b64 = encode_base64($packed, '');
    my $body = qq({"t":"snap","id":4,"part":0,"parts":1,"z":"gzip","d":"$b64"});
    my ($res, $d) = mirror($visitor, $ch, $body);
    is $res->{status}, 200, 'the visitor posts a gzipped part: 200';
    my $stored = sql("SELECT e.body FROM channel_event e JOIN channel c ON c.id = e.channel_id
                      WHERE c.public_id = '$ch' AND e.seq = $d->{seq}")->[0][0];
    is $stored, $body, 'stored as sent';
    ok length($stored) < length($page), 'smaller than the page it carries';
    my ($got) = $stored =~ /"d":"([^"]+)"/;
    gunzip(\decode_base64($got) => \my $plain) or die $GunzipError;
    is $plain, $page, 'and inflates to the page';
};

done_testing();
