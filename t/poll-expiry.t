#!/usr/bin/perl
# A held poll whose time is up. A channel's poll is told to ask again
# ({"again":true}), without the database: a channel's news comes only from
# changes, which the watcher answers as they happen, and the next poll looks
# for itself. A console's poll gets its full answer, since it carries times.
# Runs a second app stack on the same database, holding polls 2 s.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Time::HiRes qw(time);
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $second = "$s->{DIR}/app-hold";
my $out = qx{"$s->{ROOT}/tools/stack" start "$second" --db-of "$s->{DIR}" --set poll_hold_seconds=2 2>&1};
is $?, 0, 'a second app stack, holding polls 2 s, starts' or diag $out;
my $parent = $$;
END { system("\"$s->{ROOT}/tools/stack\" stop \"$second\" >/dev/null 2>&1") if $second && $$ == $parent }
my ($port2) = do { open my $fh, '<', "$second/env" or die; join('', <$fh>) =~ /BATON_PORT=(\d+)/ };

my $c = Baton::Test::open_channel();
my $agent = Baton::Test::Browser->new(base => "http://127.0.0.1:$port2");
$agent->{jar} = { %{ $c->{agent}{browser}{jar} } };
my $visitor = Baton::Test::Browser->new(base => "http://127.0.0.1:$port2");
$visitor->{jar} = { %{ $c->{visitor}{browser}{jar} } };

my ($seq, $signals) = @{ sql("SELECT last_seq, signal_version FROM channel WHERE public_id = '$c->{channel}'")->[0] };
my $poll = "/poll?channel=$c->{channel}&after=$seq&signals=$signals";
my $t0 = time;
my $res = $visitor->get($poll, headers => { Accept => 'application/json' });
my $took = time - $t0; # a hold counts whole seconds: between 1 and 2 s here
is $res->{status}, 200, 'a channel poll with nothing new is held, then answered';
ok $took > 0.9, sprintf('when its time is up (%.1f s)', $took) or diag $res->{content};
my $d = Baton::Test::json_decode($res->{content});
is_deeply $d, { again => JSON::PP::true(), retry_ms => 0 }, 'with "ask again" and nothing else'
    or diag $res->{content};

# Something said meanwhile reaches the next poll: with the line, not with
# "ask again" after a hold (the answer, not a stopwatch, tells them apart).
my ($said) = Baton::Test::chat_say($c->{agent}, $c->{channel}, 'While you were away');
is $said->{status}, 200, 'the agent says something (on the first host)';
$res = $visitor->get($poll, headers => { Accept => 'application/json' });
$d = Baton::Test::json_decode($res->{content});
ok $d && grep({ ($_->{body} // '') eq 'While you were away' } @{ $d->{events} // [] }),
    'with the line said meanwhile' or diag $res->{content};

# The console's feed carries times: a full answer when its time is up.
$res = $agent->get('/poll?console=1&version=0', headers => { Accept => 'application/json' });
my $version = (Baton::Test::json_decode($res->{content}) // {})->{version};
ok defined $version, 'the console feed says its version';
$t0 = time;
$res = $agent->get("/poll?console=1&version=$version", headers => { Accept => 'application/json' });
$took = time - $t0;
$d = Baton::Test::json_decode($res->{content});
ok $took > 0.9, sprintf('a console poll is held until its time is up (%.1f s)', $took);
ok $d && ref $d->{queue} eq 'ARRAY' && !$d->{again}, 'and then answered in full' or diag $res->{content};

done_testing;
