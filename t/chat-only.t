#!/usr/bin/perl
# Co-browsing gated by the service level (issue 16; lib/profile.h's
# profile_channel_cobrowses): a conversation whose request's level offers
# chat without co-browse is chat only: the agent leads no page (/go), the
# lead is not passed to the visitor (/lead), the visitor's page is not
# followed (/seen) or mirrored (/mirror), each refused with a 403 saying
# why, and the page says so to both. A level with co-browse, or a client without levels, co-browses
# as before. Messages stay open to a visitor whatever their level.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin);

my $s = stack();

sub channel_with_level {
    my ($channels) = @_;
    my $client = Baton::Test::new_client();
    admin(undef, 'level', 'set', $client, 'default', $channels) if $channels;
    return Baton::Test::open_channel(client => $client);
}

subtest 'a chat-only level: no page led or followed, and the page says so' => sub {
    my $c = channel_with_level('chat,message');
    my ($ch, $agent, $visitor) = @$c{qw(channel agent visitor)};
    my $ids = Baton::Test::participant_ids($agent, $ch);
    my ($res, $d) = Baton::Test::party_post($agent, '/go', $ch, [url => "$s->{URL}/demo/x.html"]);
    is $res->{status}, 403, 'the agent cannot lead the visitor\'s view to a page';
    like $d->{error}, qr/chat without co-browsing/, 'saying why';
    ($res, $d) = Baton::Test::party_post($agent, '/lead', $ch, [to => $ids->{visitor}]);
    is $res->{status}, 403, 'nor pass the visitor the lead';
    like $d->{error}, qr/chat without co-browsing/, 'saying why';
    ($res) = Baton::Test::party_post($visitor, '/seen', $ch, [url => "$s->{URL}/demo/x.html"]);
    is $res->{status}, 403, 'the visitor\'s page is not followed';
    ($res, $d) = Baton::Test::party_post($visitor, '/mirror', $ch, [data => '{"t":"input","i":7,"v":"Flat 3"}']);
    is $res->{status}, 403, 'nor mirrored';
    like $d->{error}, qr/chat without co-browsing/, 'saying why';
    ($res) = Baton::Test::party_post($agent, '/say', $ch, [text => 'Here is the link: https://example.com/help']);
    like $res->{status}, qr/^20[01]$/, 'the chat goes on';
    like $agent->{browser}->get("/channel?id=$ch")->{content}, qr/id="chat-only"/, 'the agent\'s page says it is chat only';
    like $visitor->{browser}->get("/channel?id=$ch")->{content}, qr/id="chat-only"[^>]*>This conversation is a chat/,
        'and the visitor\'s, in their words';
};

subtest 'a level with co-browse, or no levels: co-browsing as before' => sub {
    for my $channels ('chat,cobrowse', undef) {
        my $c = channel_with_level($channels);
        my ($ch, $agent, $visitor) = @$c{qw(channel agent visitor)};
        my $ids = Baton::Test::participant_ids($agent, $ch);
        my $what = $channels // 'no levels';
        my ($res) = Baton::Test::party_post($agent, '/go', $ch, [url => "$s->{URL}/demo/x.html"]);
        is $res->{status}, 200, "$what: the agent leads to a page";
        ($res) = Baton::Test::party_post($visitor, '/mirror', $ch, [data => '{"t":"input","i":7,"v":"Flat 3"}']);
        is $res->{status}, 200, "$what: the visitor's page is mirrored";
        ($res) = Baton::Test::party_post($agent, '/lead', $ch, [to => $ids->{visitor}]);
        is $res->{status}, 200, "$what: and passes the visitor the lead";
        unlike $agent->{browser}->get("/channel?id=$ch")->{content}, qr/id="chat-only"/, "$what: no chat-only notice";
    }
};

subtest 'messages stay open whatever the level' => sub {
    my $client = Baton::Test::new_client();
    admin(undef, 'level', 'set', $client, 'default', 'chat');
    my ($key) = Baton::Test::new_direct_site($client);
    my $v = Baton::Test::Browser->new;
    my $res = $v->get("/help?site=$key", headers => { Referer => "$s->{URL}/demo/x.html" });
    my ($request) = ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$} or diag $res->{content};
    my $wait = $v->get("/wait?r=$request")->{content};
    like $wait, qr/id="choose-message"/, 'a visitor whose level offers chat only may still leave a message';
};

done_testing;
