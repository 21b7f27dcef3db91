#!/usr/bin/perl
# Mirror mode's endpoint (cgi-bin/mirror.c, lib/mirror.c): the visitor's
# page messages and the agent's fills are ordered 'mirror' events that the
# other side's poll gets; each side sends only its own kinds; a supervisor
# watching silently sends none; malformed or oversized messages are a 400
# that says what is wrong; mirror events are not lines of the chat.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

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

done_testing();
