# Baton::Crowd - helpers for the tests of rooms and events (t/invite.t,
# t/join.t, t/rooms.t, t/events.t, t/event.t, t/attend.t, t/ask.t,
# t/moderate.t, t/population.t, t/attendance.t): invitations made the way
# the viewer makes them, people following links, events scheduled with
# baton-admin and attendees registering as the page makes them.
package Baton::Crowd;
use strict;
use warnings;
use Exporter 'import';
use Baton::Test qw(stack sql admin);

our @EXPORT_OK = qw(invite join_link joined_party event_with attendee ask_as moderate_as audience_poll
    staff_post);

# An invitation into the channel made by a party ({browser, token}):
# (response, decoded JSON).
sub invite {
    my ($who, $channel, %o) = @_;
    return Baton::Test::party_post($who, '/invite', $channel,
        [action => 'make', uses => $o{uses} // 1, hours => $o{hours} // 24,
            ($o{email} ? (email => $o{email}) : ()), ($o{name} ? (name => $o{name}) : ())], %o);
}

# The path and query of an invitation's link (/join?i=TOKEN).
sub link_path {
    my ($link) = @_;
    my ($path) = ($link // '') =~ m{(/join\?i=[0-9a-f]{64})$} or die "not an invitation link: $link";
    return $path;
}

# A browser follows a link and sends the form (o{name}, or o{login} and
# o{password}). Returns (form page response, post response).
sub join_link {
    my ($browser, $link, %o) = @_;
    my $path = link_path($link);
    my $page = $browser->get($path);
    return ($page, undef) unless $page->{status} == 200;
    my $csrf = Baton::Test::csrf_from($page->{content}) or die 'no csrf on the join page';
    my ($token) = $path =~ /i=([0-9a-f]{64})/;
    my $res = $browser->post('/join', form => [csrf => $csrf, i => $token,
        (defined $o{name} ? (name => $o{name}) : ()),
        (defined $o{login} ? (login => $o{login}, password => $o{password}) : ())],
        headers => { Origin => stack()->{URL} });
    return ($page, $res);
}

# A new person who joins by the link as o{name}: a party {browser, token,
# name, id (participant)} in the channel. Dies unless the join works.
sub joined_party {
    my ($link, $name, %o) = @_;
    my $b = $o{browser} // Baton::Test::Browser->new;
    my (undef, $res) = join_link($b, $link, name => $name);
    my ($channel) = ($res && $res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$}
        or die "join as $name: " . ($res ? "$res->{status} $res->{content}" : 'no form');
    my $page = $b->get("/channel?id=$channel");
    my $token = Baton::Test::channel_token($page->{content}) or die "no token for $name";
    my ($id) = $page->{content} =~ /id="channel"[^>]*data-me="(\d+)"/;
    return { browser => $b, token => $token, name => $name, id => $id, channel => $channel };
}

# A fresh client with a producer and o{speakers} (default 2) speakers
# signed in, and an event scheduled with baton-admin (o{seats}, o{talk},
# o{registration}, o{field}). Returns {client, id, producer, speakers =>
# [...]} (staff are signed-in parties as Baton::Test::signed_in_agent).
sub event_with {
    my (%o) = @_;
    my $client = $o{client} // Baton::Test::new_client();
    admin(undef, 'client', 'set', $client, 'seat_cap', $o{seat_cap} // 1000);
    my $producer = Baton::Test::signed_in_agent(client => $client, role => 'supervisor',
        name => 'Pat Producer', state => 'away');
    my @speakers = map { Baton::Test::signed_in_agent(client => $client, name => "Speaker $_", state => 'away') }
        1 .. ($o{speakers} // 2);
    my $out = admin(undef, 'event', 'add', $client, $o{title} // 'Launch webinar', $o{starts} // '2031-05-01 10:00',
        $producer->{email}, join(',', map { $_->{email} } @speakers), $o{seats} // 100,
        $o{registration} // 'open', $o{talk} // 'questions', ($o{field} ? ($o{field}) : ()));
    my ($id) = $out =~ /^([0-9a-f]{32})$/m or die "event add: $out";
    return { client => $client, id => $id, producer => $producer, speakers => \@speakers };
}

# A staff form post (csrf of the session, our own Origin), JSON answer.
sub staff_post {
    my ($who, $path, @form) = @_;
    my $csrf = $who->{csrf} //= $who->{browser}->session_csrf;
    my $res = $who->{browser}->post($path, form => [csrf => $csrf, @form],
        headers => { Accept => 'application/json', Origin => stack()->{URL} });
    return wantarray ? ($res, Baton::Test::json_decode($res->{content})) : $res;
}

sub moderate_as {
    my ($who, $event, @form) = @_;
    return staff_post($who, '/moderate', e => $event, @form);
}

# An attendee who registers (o{name}, o{email}, o{field}) and, when the
# event is live, opens its page (taking a seat): {browser, name, csrf, id}.
sub attendee {
    my ($event, %o) = @_;
    my $b = $o{browser} // Baton::Test::Browser->new;
    my $page = $b->get("/attend?e=$event", headers => { Referer => $o{referer} // 'https://partner.example/events' });
    die "attend page: $page->{status}" unless $page->{status} == 200;
    my $csrf = Baton::Test::csrf_from($page->{content}) or die 'no csrf on the attend page';
    my ($from) = $page->{content} =~ /name="from" value="([^"]*)"/;
    my $res = $b->post('/attend', form => [csrf => $csrf, e => $event, name => $o{name} // 'Attendee',
        ($o{email} ? (email => $o{email}) : ()), ($o{field} ? (field => $o{field}) : ()), from => $from // ''],
        headers => { Origin => stack()->{URL} });
    die "register: $res->{status} $res->{content}" unless $res->{status} == 303;
    $page = $b->get("/attend?e=$event");
    my ($id) = $page->{content} =~ /id="audience"[^>]*data-me="(\d+)"/;
    return { browser => $b, name => $o{name} // 'Attendee', csrf => $b->form_csrf, id => $id, page => $page };
}

# An attendee's post to /ask: (response, JSON).
sub ask_as {
    my ($who, $event, $text, %o) = @_;
    my $res = $who->{browser}->post('/ask', form => [e => $event, csrf => $who->{csrf}, text => $text,
        ($o{kind} ? (kind => $o{kind}) : ())],
        headers => { Accept => 'application/json', Origin => stack()->{URL} });
    return wantarray ? ($res, Baton::Test::json_decode($res->{content})) : $res;
}

# One audience poll: (response, JSON).
sub audience_poll {
    my ($who, $event, %o) = @_;
    my $res = $who->{browser}->get("/poll?audience=$event&after=" . ($o{after} // 0) . '&signals=' . ($o{signals} // 0),
        headers => { Accept => 'application/json' });
    return wantarray ? ($res, Baton::Test::json_decode($res->{content})) : $res;
}

1;
