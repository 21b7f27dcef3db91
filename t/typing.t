#!/usr/bin/perl
# Typing previews: a last-value-wins signal, not a log entry. The agent sees
# the visitor's words as typed; the visitor sees only that the agent is
# typing; a held poll wakes at once; stopping clears it.
use strict;
use warnings;
use utf8;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX ();
use Time::HiRes qw(time sleep);
use Test::More;
use Baton::Test qw(stack sql);

stack();
my $c = Baton::Test::open_channel(agent_name => 'Tess Typing');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
my $channel_id = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];
my $vp = sql("SELECT id FROM participant WHERE channel_id = $channel_id AND kind = 'visitor'")->[0][0];
my $ap = sql("SELECT id FROM participant WHERE channel_id = $channel_id AND kind = 'agent'")->[0][0];

# Where each side has read up to.
my $a_seen = (Baton::Test::chat_poll($agent, $ch))[1];
my $v_seen = (Baton::Test::chat_poll($visitor, $ch))[1];
my %seen = (agent => [$a_seen->{last_seq}, $a_seen->{signals}], visitor => [$v_seen->{last_seq}, $v_seen->{signals}]);
sub poll_as {
    my ($who, $name) = @_;
    my ($res, $d) = Baton::Test::chat_poll($who, $ch, after => $seen{$name}[0], signals => $seen{$name}[1]);
    is $res->{status}, 200, "$name\'s poll: 200";
    @{ $seen{$name} } = ($d->{last_seq}, $d->{signals});
    return $d;
}

subtest 'the agent sees the visitor\'s words as typed' => sub {
    my ($res, $d) = Baton::Test::chat_typing($visitor, $ch, 'Where is my par');
    is $res->{status}, 200, 'POST /typing: 200';
    is_deeply $d, { ok => JSON::PP::true() }, 'answering {"ok":true}';
    my $a = poll_as($agent, 'agent');
    is_deeply $a->{events}, [], 'no log entry for it';
    is_deeply $a->{typing}, [{ from => $vp, name => 'Visitor', typing => JSON::PP::true(), text => 'Where is my par' }],
        'the agent\'s poll: the visitor is typing, with the text';
    ok $a->{signals} > 0, 'and a signals version to send back';

    Baton::Test::chat_typing($visitor, $ch, 'Where is my parcel, ça va? <b>');
    Baton::Test::chat_typing($visitor, $ch, 'Where is my parcel, ça va? <b>!');
    $a = poll_as($agent, 'agent');
    is scalar @{ $a->{typing} }, 1, 'several updates since: only the newest value';
    is $a->{typing}[0]{text}, 'Where is my parcel, ça va? <b>!', 'as typed, Unicode and all, as a JSON string';

    my $v = poll_as($visitor, 'visitor');
    is_deeply $v->{typing}, [], 'the visitor\'s own poll does not echo their own typing';
    is sql("SELECT last_seq FROM channel WHERE id = $channel_id")->[0][0], 3, 'the event log is untouched';
};

subtest 'the visitor only sees that the agent is typing' => sub {
    my ($res) = Baton::Test::chat_typing($agent, $ch, 'Let me check your order num');
    is $res->{status}, 200, 'the agent types';
    my $v = poll_as($visitor, 'visitor');
    is_deeply $v->{typing}, [{ from => $ap, name => 'Tess Typing', typing => JSON::PP::true(), text => undef }],
        'the visitor\'s poll: the agent is typing, text null';
    unlike Baton::Test::chat_poll($visitor, $ch, signals => 0)->{content}, qr/order num/,
        'the agent\'s words appear nowhere in the visitor\'s answers';
};

subtest 'a held poll is woken by typing' => sub {
    for my $case ([$agent, 'agent', $visitor, 'visitor'], [$visitor, 'visitor', $agent, 'agent']) {
        my ($reader, $rname, $typist, $tname) = @$case;
        my $typist2 = Baton::Test::party_clone($typist);
        # Up to date with everything (one's own typing moves the channel's
        # signal version too), so the poll below has nothing to return yet.
        my ($last_seq, $signals) = @{ sql("SELECT last_seq, signal_version FROM channel WHERE id = $channel_id")->[0] };
        $seen{$rname} = [$last_seq, $signals];
        my $before = Baton::Test::poll_held();
        my $start = time;
        pipe my $rd, my $wr or die "pipe: $!";
        my $pid = fork // die "fork: $!";
        if ($pid == 0) {
            close $rd;
            Baton::Test::wait_parked($before) or POSIX::_exit(1);  # the reader's poll
            sleep 1.2 - (time - $start) if time - $start < 1.2;
            my $t = time;
            my ($res) = Baton::Test::chat_typing($typist2, $ch, "hello from the $tname");
            print {$wr} "$t $res->{status}\n";
            close $wr;
            POSIX::_exit(0);
        }
        close $wr;
        my $d = poll_as($reader, $rname);
        my $answered = time;
        my ($posted, $status) = split ' ', scalar <$rd>;
        waitpid $pid, 0;
        is $status, 200, "the $tname typed";
        ok $posted - $start > 1, "the $rname\'s poll was held until then";
        my $latency = $answered - $posted;
        ok $latency < 1, sprintf "and answered %.0f ms after the typing was sent (< 1 s)", $latency * 1000;
        is scalar @{ $d->{typing} }, 1, 'with the typing signal';
        ok $d->{typing}[0]{typing}, "the $tname is typing";
    }
};

subtest 'stopping gives typing:false' => sub {
    my ($res) = Baton::Test::chat_typing($visitor, $ch, '');
    is $res->{status}, 200, 'the visitor clears the input (empty text)';
    my $a = poll_as($agent, 'agent');
    is_deeply $a->{typing}, [{ from => $vp, name => 'Visitor', typing => JSON::PP::false(), text => undef }],
        'the agent sees typing:false, no text';
    is sql("SELECT typing_text IS NULL FROM participant WHERE id = $vp")->[0][0], 1, 'nothing kept';

    ($res) = Baton::Test::chat_typing($agent, $ch, '');
    my $v = poll_as($visitor, 'visitor');
    is_deeply [map { [$_->{from}, $_->{typing}] } @{ $v->{typing} }], [[$ap, JSON::PP::false()]], 'the visitor sees the agent stop';

    my ($fresh) = (Baton::Test::chat_poll($agent, $ch, after => 0, signals => 0))[1];
    is_deeply [map { [$_->{from}, $_->{typing} ? 1 : 0] } @{ $fresh->{typing} }], [[$vp, 0]],
        'a fresh page (signals=0) learns the current state: nobody typing';
};

subtest 'bad input and outsiders' => sub {
    my ($res, $d) = Baton::Test::chat_typing($visitor, $ch, 'x' x 501);
    is $res->{status}, 400, 'a preview over 500 characters: 400';
    ($res) = Baton::Test::chat_typing($visitor, $ch, 'sneaky', token => 'b' x 64);
    is $res->{status}, 403, 'a wrong token: 403';
    my $other = Baton::Test::open_channel();
    ($res) = Baton::Test::chat_typing($other->{visitor}, $ch, 'sneaky', token => $other->{visitor}{token});
    is $res->{status}, 403, 'a visitor of another channel: 403';
    $res = $visitor->{browser}->post('/typing', form => [channel => $ch, token => $visitor->{token}, text => 'x'],
        headers => { Accept => 'application/json', Origin => 'https://evil.example' });
    is $res->{status}, 403, 'another Origin: 403';
    my $a = (Baton::Test::chat_poll($agent, $ch, signals => 0))[1];
    unlike join(' ', map { $_->{text} // '' } @{ $a->{typing} }), qr/sneaky|xxxx/, 'none of them shows';

    $agent->{browser}->post('/leave', form => [channel => $ch, token => $agent->{token}]);
    ($res, $d) = Baton::Test::chat_typing($visitor, $ch, 'still there?');
    is $res->{status}, 409, 'typing into a closed channel: 409';
    my $after = (Baton::Test::chat_poll($agent, $ch, signals => 0))[1];
    ok !$after->{open}, 'the channel is closed';
    is_deeply [grep { $_->{typing} } @{ $after->{typing} }], [], 'and nobody shows as typing';
};

done_testing;
