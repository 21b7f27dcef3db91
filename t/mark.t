#!/usr/bin/perl
# The whiteboard (cgi-bin/mark.c, lib/mark.c): a mark is an ordered
# 'mark' event in its canonical JSON, seen by everyone at once (a held poll
# wakes), and by a page that opens later through GET /mark; the leader
# draws, and everyone once the leader allows it ('draw' event); anyone
# clears their own marks of a page, the leader everyone's ('erase'); a
# supervisor watching silently never draws; every malformed mark is a 400
# that says what is wrong; marks are not lines of the chat.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);
use Baton::Archive qw(staff post_as);

my $s = stack();
my $page = "$s->{URL}/demo/kettles.html";

sub mark {
    my ($who, $ch, %f) = @_;
    my %o = exists $f{token} ? (token => delete $f{token}) : ();
    return Baton::Test::party_post($who, '/mark', $ch, [%f], %o);
}
sub add {
    my ($who, $ch, %f) = @_;
    return mark($who, $ch, action => 'add', id => 'm' . int(rand 1e9), tool => 'circle', mode => 'page',
        url => $page, color => '#E8590C', width => 4, points => '500,800,760,1000', %f);
}
sub board_of {
    my ($who, $ch) = @_;
    my $res = $who->{browser}->get("/mark?channel=$ch", headers => { Accept => 'application/json' });
    return ($res, Baton::Test::json_decode($res->{content}));
}

my $c = Baton::Test::open_channel(agent_name => 'Mara Marker');
my ($ch, $agent, $visitor) = @$c{qw(channel agent visitor)};
my $ids = Baton::Test::participant_ids($agent, $ch);
my ($ap, $vp) = @$ids{qw(agent visitor)};

subtest 'the leader draws a circle; everyone sees it' => sub {
    my $before = Baton::Test::channel_snapshot($visitor, $ch)->{last_seq};
    my ($res, $d) = add($agent, $ch, id => 'circle-1');
    is $res->{status}, 200, 'the agent (the leader) draws a circle: 200';
    ok $d->{seq} > $before, 'an ordered event';
    my ($events) = Baton::Test::chat_collect($visitor, $ch, after => $before, seconds => 10,
        until => sub { grep { $_->{kind} eq 'mark' } @{ $_[0] } });
    my ($m) = grep { $_->{kind} eq 'mark' } @$events;
    ok $m, 'the visitor\'s poll has it';
    is $m->{from}, $ap, 'from the agent';
    is_deeply Baton::Test::json_decode($m->{body}), { id => 'circle-1', tool => 'circle', mode => 'page', url => $page,
        color => '#e8590c', width => 4, points => [500, 800, 760, 1000], text => '' }, 'in its canonical form';
    ($res, $d) = board_of($visitor, $ch);
    is $res->{status}, 200, 'GET /mark: 200';
    is_deeply [map { $_->{kind} } @{ $d->{events} }], ['mark'], 'a page opening now gets the mark';
    unlike $visitor->{browser}->get("/channel?id=$ch")->{content}, qr/circle-1/, 'the chat shows nothing of it';
};

subtest 'the other tools' => sub {
    my @ok = (
        [pen => { points => '10,10,20,25.5,30.26,40' }, [10, 10, 20, 25.5, 30.3, 40]],
        [highlight => { points => '0,0,900,0', width => 18 }, [0, 0, 900, 0]],
        [rect => { points => '1,2,3,4' }, [1, 2, 3, 4]],
        [arrow => { points => '100,100,200,150' }, [100, 100, 200, 150]],
        [text => { points => '40,60', text => 'This one fits induction hobs' }, [40, 60]],
        [circle => { mode => 'overlay', points => '0.1,0.2,0.4,0.55' }, [0.1, 0.2, 0.4, 0.55]],
    );
    for my $case (@ok) {
        my ($tool, $f, $points) = @$case;
        my ($res, $d) = add($agent, $ch, tool => $tool, %$f);
        is $res->{status}, 200, "a $tool: 200";
    }
    my ($res, $d) = board_of($agent, $ch);
    my @bodies = map { Baton::Test::json_decode($_->{body}) } grep { $_->{kind} eq 'mark' } @{ $d->{events} };
    is_deeply [map { $_->{tool} } @bodies], [qw(circle pen highlight rect arrow text circle)], 'all stored, in order';
    is_deeply $bodies[1]{points}, [10, 10, 20, 25.5, 30.3, 40], 'pixels kept to a tenth';
    is $bodies[2]{width}, 18, 'widths kept';
    is $bodies[5]{text}, 'This one fits induction hobs', 'a note keeps its text';
    is $bodies[6]{mode}, 'overlay', 'overlay marks in fractions';
};

subtest 'who may draw' => sub {
    my ($res, $d) = add($visitor, $ch);
    is $res->{status}, 403, 'the visitor (following) may not draw yet: 403';
    like $d->{error}, qr/Only the leader draws now/, 'saying whom to ask';
    ($res, $d) = mark($visitor, $ch, action => 'draw', who => 'everyone');
    is $res->{status}, 403, 'nor let everyone draw';
    my $before = Baton::Test::channel_snapshot($visitor, $ch)->{last_seq};
    ($res, $d) = mark($agent, $ch, action => 'draw', who => 'everyone');
    is $res->{status}, 200, 'the leader lets everyone draw';
    my ($events) = Baton::Test::chat_collect($visitor, $ch, after => $before, seconds => 10,
        until => sub { grep { $_->{kind} eq 'draw' } @{ $_[0] } });
    is_deeply [map { $_->{body} } grep { $_->{kind} eq 'draw' } @$events], ['everyone'], 'everyone hears it';
    ($res, $d) = add($visitor, $ch, id => 'v-1', tool => 'arrow', points => '1,1,50,50');
    is $res->{status}, 200, 'now the visitor draws';
    is mark($agent, $ch, action => 'draw', who => 'leader')->{status}, 200, 'the leader takes it back';
    is add($visitor, $ch)->{status}, 403, 'the visitor may not draw again';

    my $sup = staff($c->{client}, 'supervisor', name => 'Sol Silent');
    is post_as($sup, '/monitor', channel => $ch)->{status}, 303, 'a supervisor watches silently';
    $sup->{token} = Baton::Test::channel_token($sup->{browser}->get("/channel?id=$ch")->{content});
    ($res, $d) = add($sup, $ch);
    is $res->{status}, 403, 'and may not draw';
};

subtest 'clearing marks' => sub {
    my ($res, $d) = mark($visitor, $ch, action => 'erase', scope => 'all', url => $page);
    is $res->{status}, 403, 'a follower may not clear everyone\'s';
    ($res, $d) = mark($visitor, $ch, action => 'erase', scope => 'mine', url => $page);
    is $res->{status}, 200, 'but clears their own, even when they may not draw now';
    ($res, $d) = mark($agent, $ch, action => 'erase', scope => 'all', url => $page);
    is $res->{status}, 200, 'the leader clears everyone\'s';
    ($res, $d) = board_of($visitor, $ch);
    my @erase = map { Baton::Test::json_decode($_->{body}) } grep { $_->{kind} eq 'erase' } @{ $d->{events} };
    is_deeply \@erase, [{ scope => 'mine', url => $page }, { scope => 'all', url => $page }], 'both in order, with the page';
    ($res, $d) = mark($agent, $ch, action => 'erase', url => $page);
    is $res->{status}, 400, 'without a scope: 400';
    ($res, $d) = mark($agent, $ch, action => 'erase', scope => 'all', url => "$page#top");
    is $res->{status}, 400, 'an address with #: 400';
};

subtest 'malformed marks' => sub {
    my @bad = (
        [{ id => '' }, qr/id/, 'no id'], [{ id => 'a b' }, qr/id/, 'a space in the id'],
        [{ id => 'x' x 41 }, qr/40/, 'a long id'],
        [{ tool => 'spray' }, qr/tool/, 'an unknown tool'], [{ mode => 'screen' }, qr/mode/, 'an unknown mode'],
        [{ url => 'javascript:alert(1)' }, qr/page/, 'a javascript: address'], [{ url => "$page#x" }, qr/page/, 'an address with #'],
        [{ color => 'red' }, qr/colour/, 'a colour name'], [{ color => '#12345g' }, qr/colour/, 'not hex'],
        [{ width => 0 }, qr/width/, 'width 0'], [{ width => 61 }, qr/width/, 'width 61'],
        [{ points => '' }, qr/Points/, 'no points'], [{ points => '1,2,3' }, qr/Points/, 'an odd count'],
        [{ points => '1,2,,4' }, qr/Points/, 'an empty item'], [{ points => '1,2,3,-4' }, qr/Points/, 'a negative'],
        [{ points => '1e3,2,3,4' }, qr/Points/, 'an exponent'], [{ points => '1, 2,3,4' }, qr/Points/, 'a space'],
        [{ points => 'NaN,2,3,4' }, qr/Points/, 'NaN'], [{ points => '10000001,2,3,4' }, qr/Points/, 'past ten million pixels'],
        [{ mode => 'overlay', points => '0.5,1.5,0,0' }, qr/fractions/, 'an overlay fraction over 1'],
        [{ points => '1,2,3,4,5,6' }, qr/2 points/, 'a circle of three points'],
        [{ tool => 'pen', points => '1,2' }, qr/2 points or more/, 'a line of one point'],
        [{ tool => 'pen', points => join(',', (1) x 2002) }, qr/./, 'a line of 1001 points'],
        [{ tool => 'text', points => '1,2' }, qr/1 to 200/, 'a note without text'],
        [{ tool => 'text', points => '1,2', text => 'x' x 201 }, qr/./, 'a note of 201 characters'],
        [{ tool => 'text', points => '1,2,3,4', text => 'hi' }, qr/one point/, 'a note at two points'],
        [{ text => 'hi' }, qr/Only a note/, 'text on a circle'],
        [{ text => "a\nb", tool => 'text', points => '1,2' }, qr/./, 'a line break in a note'],
    );
    for my $case (@bad) {
        my ($f, $re, $what) = @$case;
        my ($res, $d) = add($agent, $ch, %$f);
        is $res->{status}, 400, "$what: 400";
        like $d->{error} // '', $re, "$what: says what is wrong";
    }
    my ($res, $d) = mark($agent, $ch, action => 'scribble');
    is $res->{status}, 400, 'an unknown action: 400';
    my $other = Baton::Test::open_channel(agent_name => 'Otto Other');
    ($res) = add($other->{agent}, $ch, token => $other->{agent}{token});
    is $res->{status}, 403, 'someone of another conversation: 403';
    ($res) = board_of($other->{visitor}, $ch);
    is $res->{status}, 403, 'and may not read its marks';
};

done_testing;
