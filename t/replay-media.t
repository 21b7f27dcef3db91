#!/usr/bin/perl
# The complete record (lib/sample.c, lib/timeline.c): pointers (page and
# overlay) and the leader's scroll positions are kept as samples, at most
# one per 250 ms per person and kind, and the replay's events hold them in
# time order among the marks and the calls' steps (with who, participant
# id and coordinates); a follower's scrolling is not kept; signalling is
# left out; the staff record names calls and marks in words.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Time::HiRes qw(time sleep);
use Baton::Test qw(stack sql);
use Baton::Archive qw(staff);

my $s = stack();
my $client = Baton::Test::new_client();
my ($key) = Baton::Test::new_direct_site($client);
my $agent = staff($client, 'agent', name => 'Rex Record');
my $sup = staff($client, 'supervisor', name => 'Sid Super');
my $c = Baton::Test::open_channel(client => $client, agent => $agent, site_key => $key);
my ($ch, $visitor) = ($c->{channel}, $c->{visitor});
$agent->{token} = $c->{agent}{token};
my $ids = Baton::Test::participant_ids($agent, $ch);
my ($ap, $vp) = @$ids{qw(agent visitor)};
my $page = "$s->{URL}/demo/record.html";

sub post {
    my ($who, $path, @form) = @_;
    my $res = Baton::Test::party_post($who, $path, $ch, [@form]);
    die "$path: $res->{status} $res->{content}" unless $res->{status} == 200;
    return Baton::Test::json_decode($res->{content});
}

# The agent points 20 times in one second: a sample at most every 250 ms.
my $t0 = time;
for my $i (1 .. 20) {
    post($agent, '/pointer', mode => 'page', x => 100 + 10 * $i, y => 300 + 5 * $i);
    sleep 0.05;
}
my $pointing = time - $t0;
sleep 0.3;
post($agent, '/seen', url => $page, sx => 0, sy => 640);           # the leader scrolls
post($visitor, '/seen', url => $page, sx => 0, sy => 200);          # a follower does too
post($visitor, '/pointer', mode => 'overlay', x => '0.25', y => '0.5');
sleep 0.3;
post($agent, '/mark', action => 'add', id => 'ring', tool => 'circle', mode => 'page', url => $page,
    color => '#e8590c', points => '500,800,760,1000');
my $call = post($agent, '/call', action => 'start', media => 'audio')->{call}{id};
post($visitor, '/call', action => 'join', call => $call, media => 'audio');
post($visitor, '/signal', call => $call, to => $ap, type => 'offer', data => 'v=0');
post($agent, '/call', action => 'leave', call => $call);

my $res = $sup->{browser}->get("/replay?id=$ch&format=json", headers => { Accept => 'application/json' });
is $res->{status}, 200, 'the replay\'s record';
my $d = Baton::Test::json_decode($res->{content});
my @events = @{ $d->{events} };

subtest 'pointers and scrolls are sampled' => sub {
    my @pointer = grep { $_->{kind} eq 'pointer' } @events;
    ok @pointer >= 2, 'the agent\'s pointer was kept (' . scalar(@pointer) . ' samples of 20 reports)';
    ok @pointer <= int($pointing / 0.25) + 2, sprintf 'at most one per 250 ms (%.2f s of pointing)', $pointing;
    my @gaps = map { $pointer[$_]{t} - $pointer[$_ - 1]{t} } 1 .. $#pointer;
    ok !(grep { $_ < 200 } @gaps), 'no two closer than the rate allows (' . join(', ', @gaps) . ' ms)';
    is_deeply [@{ $pointer[0] }{qw(who role pid seq)}], ['Rex Record', 'agent', $ap, 0], 'each with who, their id, seq 0';
    is_deeply [@{ $pointer[0] }{qw(x y)}], [110, 305], 'and where: page pixels';
    my @scroll = grep { $_->{kind} eq 'scroll' } @events;
    is scalar @scroll, 1, 'the leader\'s scroll is kept';
    is_deeply [@{ $scroll[0] }{qw(pid x y)}], [$ap, 0, 640], 'with its position';
    ok !(grep { $_->{kind} eq 'scroll' && $_->{pid} == $vp } @events), 'a follower\'s scrolling is not';
    my ($overlay) = grep { $_->{kind} eq 'overlay' } @events;
    is_deeply [@$overlay{qw(pid x y)}], [$vp, 0.25, 0.5], 'the overlay pointer, in fractions';
};

subtest 'in time order with the marks and the call' => sub {
    my @kinds = map { $_->{kind} } grep { $_->{kind} ne 'join' } @events;
    my ($first_mark) = grep { $kinds[$_] eq 'mark' } 0 .. $#kinds;
    my ($last_pointer) = grep { $kinds[$_] eq 'pointer' } reverse 0 .. $#kinds;
    ok $last_pointer < $first_mark, 'the pointing comes before the circle';
    my @t = map { $_->{t} } @events;
    is_deeply [sort { $a <=> $b } @t], \@t, 'times never go backwards';
    my @call = map { $_->{body} } grep { $_->{kind} eq 'call' } @events;
    is_deeply \@call, ['start audio', 'join audio', 'leave', 'end'], 'the call: started, joined, left, ended';
    ok !(grep { $_->{kind} eq 'rtc' } @events), 'its signalling is not in the replay';
    my ($mark) = grep { $_->{kind} eq 'mark' } @events;
    is Baton::Test::json_decode($mark->{body})->{tool}, 'circle', 'the mark, for the replay to draw';
    is $mark->{pid}, $ap, 'by the agent';
};

subtest 'the staff record names them' => sub {
    my $html = $sup->{browser}->get("/session?id=$ch")->{content};
    like $html, qr/Rex Record started a voice call/, 'the call\'s start';
    like $html, qr/Visitor joined the call \(voice\)/, 'who joined';
    like $html, qr/The call ended/, 'its end';
    like $html, qr/Rex Record drew on the page \(circle\)/, 'the mark, by its tool';
    unlike $html, qr/v=0|data-kind="rtc"/, 'no signalling';
    unlike $html, qr/data-kind="pointer"/, 'no samples (they are for the replay)';
};

done_testing;
