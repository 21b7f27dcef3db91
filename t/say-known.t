#!/usr/bin/perl
# Senders remembered (issue 21: authorizing from memory). Each say process
# checks a sender from the start once (CALL line_post) and stores their
# later public lines by the shorter path (CALL line_post_known), which
# checks again, as it stores, whatever can have changed: so a sign-out, a
# disabled agent, a participant who left or a closed channel stop the very
# next line, with no wait, and a changed language is the next line's. A
# retried line is still stored once. (Two app hosts: t/two-hosts.t.)
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::GeneralLog qw(log_on log_off);
use Baton::Test qw(stack sql);

my $s = stack();
my $LINES = 12;

sub say_as {
    my ($who, $ch, $text, %o) = @_;
    my ($res, $d) = Baton::Test::chat_say($who, $ch, $text, %o);
    return ($res->{status}, $d);
}

sub stored_with {
    my ($ch, $text) = @_;
    return sql("SELECT COUNT(*) FROM channel_event e JOIN channel c ON c.id = e.channel_id"
        . " WHERE c.public_id = '$ch' AND e.body = '$text'")->[0][0];
}

# Which path each logged CALL took, and by how many connections (one per
# say process) the first kind came.
sub calls_logged {
    my $rows = sql("SELECT thread_id, argument FROM mysql.general_log"
        . " WHERE command_type IN ('Query', 'Execute') AND argument LIKE 'CALL line_post%'");
    my (%n, %checked_by);
    for (@$rows) {
        my ($thread, $text) = @$_;
        my ($name) = $text =~ /^CALL (line_post\w*)\(/ or next;
        $n{$name}++;
        $checked_by{$thread} = 1 if $name eq 'line_post';
    }
    return ($n{line_post} // 0, $n{line_post_known} // 0, scalar keys %checked_by);
}

subtest 'a sender is checked once per say process, then remembered' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Remy Remembered');
    log_on();
    for my $i (1 .. $LINES) {
        my ($status) = say_as($c->{visitor}, $c->{channel}, "remembered $i");
        is $status, 200, "line $i is stored";
    }
    log_off();
    my ($checked, $known, $processes) = calls_logged();
    ok $processes >= 1, "the visitor's lines came through $processes say process(es)";
    is $checked, $processes, 'each process checked the visitor from the start once';
    is $known, $LINES - $checked, 'and stored the rest of their lines by the remembered path';
    is stored_with($c->{channel}, "remembered $_"), 1, "line $_ is stored once" for 1 .. $LINES;
};

# Every say process remembers the sender before the change: enough lines
# that the log shows the remembered path taken, then the change, then the
# lines that must be refused at once.
sub remembered {
    my ($who, $ch, $tag) = @_;
    log_on();
    my $ok = 0;
    for my $i (1 .. $LINES) {
        my ($status) = say_as($who, $ch, "$tag $i");
        $ok++ if $status == 200;
    }
    log_off();
    my (undef, $known) = calls_logged();
    return $ok == $LINES && $known > 0;
}

sub refused_at_once {
    my ($who, $ch, $tag, $status_wanted, $what) = @_;
    my @statuses = map { (say_as($who, $ch, "$tag after $_"))[0] } 1 .. $LINES;
    is_deeply [grep { $_ != $status_wanted } @statuses], [],
        "$what: every one of $LINES lines straight after is refused ($status_wanted)";
    is stored_with($ch, "$tag after $_"), 0, "$what: line $_ after is not stored" for 1, $LINES;
}

subtest 'a sign-out stops the next line, even with the old cookie' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Sam Signout');
    ok remembered($c->{agent}, $c->{channel}, 'before signing out'), 'the agent\'s lines take the remembered path';
    # A copy of the browser keeps the cookie, as someone who stole it would.
    my $old = Baton::Test::party_clone($c->{agent});
    my $b = $c->{agent}{browser};
    is $b->post('/signout', form => [csrf => $b->session_csrf])->{status}, 303, 'the agent signs out';
    refused_at_once($old, $c->{channel}, 'signed out', 403, 'signed out');
};

subtest 'an agent disabled stops at the next line' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Dora Disabled');
    ok remembered($c->{agent}, $c->{channel}, 'before disabling'), 'the agent\'s lines take the remembered path';
    sql("UPDATE agent SET disabled = 1 WHERE id = $c->{agent}{id}");
    refused_at_once($c->{agent}, $c->{channel}, 'disabled', 403, 'disabled');
};

subtest 'a visitor who left stops at the next line' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Lena Left');
    ok remembered($c->{visitor}, $c->{channel}, 'before leaving'), 'the visitor\'s lines take the remembered path';
    my ($res) = Baton::Test::party_post($c->{visitor}, '/leave', $c->{channel});
    is $res->{status}, 200, 'the visitor leaves';
    refused_at_once($c->{visitor}, $c->{channel}, 'left', 409, 'left');
    my ($status) = say_as($c->{agent}, $c->{channel}, 'the agent still talks');
    is $status, 200, 'the agent, still in the channel, is not refused';
};

subtest 'a closed channel stops the next line' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Cleo Closed');
    ok remembered($c->{visitor}, $c->{channel}, 'before closing'), 'the visitor\'s lines take the remembered path';
    my ($res) = Baton::Test::party_post($c->{agent}, '/leave', $c->{channel});
    is $res->{status}, 200, 'the agent leaves';
    is sql("SELECT state FROM channel WHERE public_id = '$c->{channel}'")->[0][0], 'closed',
        'which closes the channel';
    refused_at_once($c->{visitor}, $c->{channel}, 'closed', 409, 'closed');
};

subtest 'a changed language is the next line\'s' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Lars Language');
    ok remembered($c->{visitor}, $c->{channel}, 'in English'), 'the visitor\'s lines take the remembered path';
    my $ids = Baton::Test::participant_ids($c->{agent}, $c->{channel});
    my ($res) = Baton::Test::party_post($c->{agent}, '/language', $c->{channel},
        [visitor => $ids->{visitor}, lang => 'es']);
    is $res->{status}, 200, 'the agent switches the visitor to Spanish';
    my ($status) = say_as($c->{visitor}, $c->{channel}, 'hola');
    is $status, 200, 'the visitor\'s next line is stored';
    is sql("SELECT e.lang FROM channel_event e JOIN channel c ON c.id = e.channel_id"
        . " WHERE c.public_id = '$c->{channel}' AND e.body = 'hola'")->[0][0], 'es',
        'in the language they have now';
};

subtest 'a retried line is stored once' => sub {
    my $c = Baton::Test::open_channel(agent_name => 'Rita Retry');
    ok remembered($c->{visitor}, $c->{channel}, 'before retrying'), 'the visitor\'s lines take the remembered path';
    my @seqs;
    for (1 .. 4) {
        my ($status, $d) = say_as($c->{visitor}, $c->{channel}, 'said twice', cmid => 'retry-1');
        is $status, 200, "post $_ of the same line is answered 200";
        push @seqs, $d && $d->{seq};
    }
    is scalar(grep { defined && $_ == $seqs[0] } @seqs), 4, "every post is answered with the one seq ($seqs[0])";
    is stored_with($c->{channel}, 'said twice'), 1, 'and the line is stored once';
};

done_testing;
