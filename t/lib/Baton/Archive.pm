# Baton::Archive - helpers for the tests of the archive, the staff
# transcript, the replay, supervision and monitoring (t/archive.t,
# t/session.t, t/replay.t, t/supervise.t, t/monitor.t,
# t/transcript-private.t): staff of each role, posts the way the pages make
# them, and readers for the pages' markup.
package Baton::Archive;
use strict;
use warnings;
use Exporter 'import';
use Encode qw(decode_utf8);
use Baton::Test qw(stack sql);

our @EXPORT_OK = qw(staff operator csrf_of post_as timeline_of archive_rows channel_id_of
    participant_id go_to pass_lead set_state past_session);

# A signed-in member of the client's staff: {browser, email, name, id, client}.
# Staff who are not meant to take visitors sign in away (routing offers
# requests to every available staff member, supervisors included).
sub staff {
    my ($client, $role, %o) = @_;
    return Baton::Test::signed_in_agent(client => $client, role => $role,
        name => $o{name} // ucfirst($role) . ' ' . Baton::Test::random_name(''),
        state => $o{state} // ($role eq 'agent' ? 'available' : 'away'));
}

# The Baton operator, who belongs to a house client of their own.
sub operator {
    my (%o) = @_;
    return staff(Baton::Test::new_client(), 'operator', %o);
}

# The session's CSRF token, from the console (every staff member has one).
sub csrf_of {
    my ($who) = @_;
    return $who->{csrf} //= $who->{browser}->session_csrf;
}

# A staff form post with the session's CSRF token, from our own origin.
sub post_as {
    my ($who, $path, @form) = @_;
    return $who->{browser}->post($path, form => [csrf => csrf_of($who), @form],
        headers => { Origin => stack()->{URL} });
}

# A participant leads everyone to an address (as channel.js does).
sub go_to {
    my ($who, $channel, $url) = @_;
    return $who->{browser}->post('/go', form => [channel => $channel, token => $who->{token}, url => $url],
        headers => { Accept => 'application/json', Origin => stack()->{URL} });
}

# A participant passes the baton to another participant (by participant id).
sub pass_lead {
    my ($who, $channel, $to) = @_;
    return $who->{browser}->post('/lead', form => [channel => $channel, token => $who->{token}, to => $to],
        headers => { Accept => 'application/json', Origin => stack()->{URL} });
}

# A staff member changes state as the console does (JSON answer).
sub set_state {
    my ($who, $state) = @_;
    return $who->{browser}->post('/state', form => [csrf => csrf_of($who), state => $state],
        headers => { Accept => 'application/json', Origin => stack()->{URL} });
}

sub channel_id_of {
    my ($public_id) = @_;
    return sql("SELECT id FROM channel WHERE public_id = '$public_id'")->[0][0];
}

# The participant id of an agent or of a visitor (o{visitor_id}) in a channel.
sub participant_id {
    my ($public_id, %o) = @_;
    my $where = $o{visitor_id} ? "p.visitor_id = $o{visitor_id}" : "p.agent_id = $o{agent_id}";
    return sql("SELECT p.id FROM participant p JOIN channel c ON c.id = p.channel_id"
        . " WHERE c.public_id = '$public_id' AND $where ORDER BY p.id DESC LIMIT 1")->[0][0];
}

# A whole session, over when this returns: a visitor named o{name} asks on
# the site o{key} (a site that asks the question), o{agent} accepts it at
# once (whatever routing offered), lines are said (o{lines}: [who, text]
# with who 'visitor' or 'agent'), o{private} goes privately from the agent
# to the visitor, and the agent leaves. With o{started} ('YYYY-MM-DD
# HH:MM:SS') the channel is dated then (setting up the past). Returns
# {channel, request, visitor, agent} (parties with browser and token).
sub past_session {
    my (%o) = @_;
    my $v = { browser => Baton::Test::Browser->new };
    my $request = $v->{browser}->ask_help($o{key}, name => $o{name}, question => $o{question} // 'Help me');
    my $agent = { %{ $o{agent} } };
    my $res = post_as($o{agent}, '/accept', request => $request);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$}
        or die "accept: $res->{status} $res->{content}";
    $agent->{token} = Baton::Test::channel_token($agent->{browser}->get("/channel?id=$channel")->{content})
        or die 'no agent token';
    $v->{browser}->get("/wait?r=$request");
    $v->{token} = Baton::Test::channel_token($v->{browser}->get("/channel?id=$channel")->{content})
        or die 'no visitor token';
    for my $line (@{ $o{lines} // [] }) {
        my ($r) = Baton::Test::chat_say($line->[0] eq 'visitor' ? $v : $agent, $channel, $line->[1]);
        die "say: $r->{status}" unless $r->{status} == 200;
    }
    if (defined $o{private}) {
        my $to = participant_id($channel, visitor_id => Baton::Test::request_row($request)->{visitor_id});
        my $r = $agent->{browser}->post('/say', form => [channel => $channel, token => $agent->{token},
            text => $o{private}, to => $to], headers => { Accept => 'application/json', Origin => stack()->{URL} });
        die "private say: $r->{status}" unless $r->{status} == 200;
    }
    unless ($o{keep_open}) {
        my $r = $agent->{browser}->post('/leave', form => [channel => $channel, token => $agent->{token}],
            headers => { Accept => 'application/json', Origin => stack()->{URL} });
        die "leave: $r->{status}" unless $r->{status} == 200 || $r->{status} == 303;
    }
    if ($o{started}) {
        sql("UPDATE channel SET created_at = '$o{started}', closed_at = IF(closed_at IS NULL, NULL,"
            . " '$o{started}' + INTERVAL 150 SECOND) WHERE public_id = '$channel'");
    }
    return { channel => $channel, request => $request, visitor => $v, agent => $agent };
}

# The timeline of a /session page: [{source, kind, at, text}] in page order.
sub timeline_of {
    my ($html) = @_;
    $html = decode_utf8($html // '');
    my @items;
    while ($html =~ m{<li class="tl [^"]*" data-source="(\w+)" data-kind="(\w+)"><time datetime="([^"]+)">[^<]*</time>(.*?)</li>}gs) {
        my ($source, $kind, $at, $inner) = ($1, $2, $3, $4);
        (my $text = $inner) =~ s/<[^>]+>//g;
        $text =~ s/\s+/ /g;
        $text =~ s/^ | $//g;
        push @items, { source => $source, kind => $kind, at => $at, text => $text, html => $inner };
    }
    return \@items;
}

# The rows of an /archive page: [{id, text}] in page order.
sub archive_rows {
    my ($html) = @_;
    my @rows;
    while (($html // '') =~ m{<tr data-session="([0-9a-f]{32})">(.*?)</tr>}gs) {
        my ($id, $inner) = ($1, $2);
        (my $text = $inner) =~ s/<[^>]+>//g;
        $text =~ s/\s+/ /g;
        push @rows, { id => $id, text => decode_utf8($text) };
    }
    return \@rows;
}

1;
