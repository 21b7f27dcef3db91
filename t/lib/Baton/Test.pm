# Baton::Test - helpers for the HTTP tests: the running stack's settings,
# a browser-like client with a cookie jar, fixtures through baton-admin and
# direct SQL for setting up situations (never for checking shortcuts).
package Baton::Test;
use strict;
use warnings;
use Exporter 'import';
use HTTP::Tiny;
use Test::More;

our @EXPORT_OK = qw(stack admin sql new_client new_agent csrf_from random_name wait_for);

sub stack {
    my %s = map { $_ => $ENV{"BATON_$_"} } qw(URL DIR CONF ROOT DB_SOCKET PORT);
    plan skip_all => 'no running stack: run through `make test`' unless $s{URL} && $s{CONF};
    return \%s;
}

sub random_name {
    my ($prefix) = @_;
    return sprintf '%s%d%04d', $prefix, time, int rand 10000;
}

# Runs baton-admin against the test stack; dies with its output on failure.
sub admin {
    my ($password, @args) = @_;
    my $s = stack();
    local $ENV{BATON_PASSWORD} = $password // '';
    my $out = qx{"$s->{ROOT}/tools/baton-admin" --conf "$s->{CONF}" @{[map { quotemeta } @args]} 2>&1 < /dev/null};
    die "baton-admin @args failed: $out" if $?;
    return $out;
}

# Runs SQL as the database's root user; returns rows as arrays of strings.
sub sql {
    my ($query) = @_;
    my $s = stack();
    open my $fh, '-|', 'mariadb', '--no-defaults', "--socket=$s->{DB_SOCKET}", '-uroot',
        '--batch', '--skip-column-names', 'baton', '-e', $query or die "mariadb: $!";
    my @rows = map { chomp; [split /\t/] } <$fh>;
    close $fh or die "mariadb failed for: $query\n";
    return \@rows;
}

sub new_client {
    my $slug = random_name('c');
    admin(undef, 'client', 'add', $slug, "Client $slug");
    return $slug;
}

# A fresh agent in a fresh (or given) client: ($email, $password, $client).
sub new_agent {
    my (%o) = @_;
    my $client = $o{client} // new_client();
    my $email = random_name('agent') . '@example.com';
    my $password = 'pw-' . random_name('');
    admin($password, 'agent', 'add', $client, $email, $o{name} // 'Test Agent', $o{role} // 'agent');
    return ($email, $password, $client);
}

sub csrf_from {
    my ($html) = @_;
    return $html =~ /name="csrf" value="([0-9a-f]{64})"/ ? $1 : undef;
}

sub wait_for {
    my ($what, $seconds, $check) = @_;
    my $until = time + $seconds;
    while (time < $until) {
        return 1 if $check->();
        select undef, undef, undef, 0.2;
    }
    return 0;
}

package Baton::Test::Browser;
use strict;
use warnings;

sub new {
    my ($class, %o) = @_;
    my $s = Baton::Test::stack();
    return bless {
        base => $o{base} // $s->{URL},
        jar => {},
        http => HTTP::Tiny->new(max_redirect => 0, timeout => 30, agent => 'baton-test/1'),
    }, $class;
}

sub cookie { $_[0]{jar}{ $_[1] } }
sub set_cookie { $_[0]{jar}{ $_[1] } = $_[2] }

sub _store_cookies {
    my ($self, $res) = @_;
    my $set = $res->{headers}{'set-cookie'} or return;
    for my $line (ref $set ? @$set : ($set)) {
        my ($pair, @attrs) = split /;\s*/, $line;
        my ($name, $value) = split /=/, $pair, 2;
        if (grep { /^Max-Age=0$/i } @attrs) { delete $self->{jar}{$name} }
        else { $self->{jar}{$name} = $value }
    }
}

sub request {
    my ($self, $method, $path, %o) = @_;
    my %headers = %{ $o{headers} // {} };
    my $cookies = join '; ', map { "$_=$self->{jar}{$_}" } sort keys %{ $self->{jar} };
    $headers{Cookie} = $cookies if length $cookies;
    my %args = (headers => \%headers);
    if (defined $o{form}) {
        my @pairs = ref $o{form} eq 'HASH' ? %{ $o{form} } : @{ $o{form} };
        my @parts;
        while (my ($k, $v) = splice @pairs, 0, 2) {
            push @parts, join '=', map { my $x = $_; $x =~ s/([^A-Za-z0-9_.~-])/sprintf '%%%02X', ord $1/ge; $x } $k, $v;
        }
        $args{content} = join '&', @parts;
        $headers{'Content-Type'} //= 'application/x-www-form-urlencoded';
    } elsif (defined $o{content}) {
        $args{content} = $o{content};
    }
    my $res = $self->{http}->request($method, $self->{base} . $path, \%args);
    Baton::Test::_nodelay($self);
    $self->_store_cookies($res);
    return $res;
}

sub get { my ($self, $path, %o) = @_; $self->request('GET', $path, %o) }
sub post { my ($self, $path, %o) = @_; $self->request('POST', $path, %o) }

# Loads the sign-in form and signs in; returns the POST response.
sub sign_in {
    my ($self, $email, $password, %o) = @_;
    my $page = $self->get('/signin');
    my $csrf = Baton::Test::csrf_from($page->{content});
    return $self->post('/signin', form => [csrf => $csrf, email => $email,
        password => $password, ($o{state} ? (state => $o{state}) : ())]);
}

# The CSRF token of the signed-in session, read from the console page.
sub session_csrf {
    my ($self) = @_;
    return Baton::Test::csrf_from($self->get('/console')->{content});
}

# ---- channels (t/channel.t, t/say.t, t/typing.t, t/leave.t, t/transfer.t,
# t/transcript.t, t/delivery.t) ----------------------------------------------
package Baton::Test;
use JSON::PP ();

my $JSON = JSON::PP->new->utf8->canonical;
sub json_decode { my $d = eval { $JSON->decode($_[0] // '') }; return $d }

# A site of the client that sends visitors straight into the queue (no
# question form): (key, site id). The domain is the test stack's own host, so
# a Referer of "$BATON_URL/demo/x.html" passes the site check.
sub new_direct_site {
    my ($client) = @_;
    my $out = admin(undef, 'site', 'add', $client, 'Site ' . random_name('s'), '127.0.0.1');
    my ($key) = $out =~ /key is (\S+)/ or die "no site key in: $out";
    sql("UPDATE site SET ask_question = 0 WHERE site_key = '$key'");
    my $id = sql("SELECT id FROM site WHERE site_key = '$key'")->[0][0];
    return ($key, $id);
}

# Registers one more domain for a site (a visitor who leads goes straight
# only to the client's registered domains: lib/lead.h).
sub add_site_domain {
    my ($key, $domain) = @_;
    die "bad domain $domain" unless $domain =~ /^[a-z0-9.-]+$/;
    sql("INSERT IGNORE INTO site_domain (site_id, domain) SELECT id, '$domain' FROM site WHERE site_key = '$key'");
}

# A signed-in agent as a party: {browser, email, password, name, id, client}.
sub signed_in_agent {
    my (%o) = @_;
    my ($email, $password, $client) = new_agent(%o);
    my $b = Baton::Test::Browser->new;
    my $res = $b->sign_in($email, $password, state => $o{state} // 'available');
    die "sign-in of $email failed: $res->{status}" unless $res->{status} == 303;
    my $id = sql("SELECT id FROM agent WHERE email = '$email'")->[0][0];
    return { browser => $b, email => $email, password => $password,
        name => $o{name} // 'Test Agent', id => $id, client => $client };
}

# The participant token on a channel page (data-token on #channel).
sub channel_token {
    my ($html) = @_;
    return ($html // '') =~ /id="channel"[^>]*data-token="([0-9a-f]{64})"/ ? $1 : undef;
}

# The whole way into a channel: a fresh client (or o{client}), a direct site,
# an available agent who signs in, a visitor with a new cookie who clicks the
# help link, and the agent accepting. Returns
#   { channel, request, client, site_key,
#     agent   => {browser, token, name, id, email, password, client},
#     visitor => {browser, token, name, id} }
# Both parties have opened the channel page once (their tokens come from it).
sub open_channel {
    my (%o) = @_;
    my $s = stack();
    my $client = $o{client} // new_client();
    my $key = $o{site_key} // (new_direct_site($client))[0];
    my $agent = $o{agent} // signed_in_agent(client => $client, name => $o{agent_name} // 'Agnes Agent');
    my $v = Baton::Test::Browser->new;
    # o{lang}: the visitor's language, as a page's <html lang> gives it.
    my $lang = defined $o{lang} ? "&lang=$o{lang}" : '';
    my $res = $v->get("/help?site=$key$lang", headers => { Referer => "$s->{URL}/demo/x.html" });
    my ($request) = ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$}
        or die "help link: $res->{status} $res->{headers}{location}\n$res->{content}";
    my $csrf = $agent->{browser}->session_csrf or die 'no csrf on the console';
    # The router offers the request within a second; accept takes a waiting
    # request as well as an offered one, so there is nothing to wait for.
    $res = $agent->{browser}->post('/accept', form => [csrf => $csrf, request => $request]);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$}
        or die "accept: $res->{status}\n$res->{content}";
    my $page = $agent->{browser}->get("/channel?id=$channel");
    $agent->{token} = channel_token($page->{content}) or die "agent channel page: $page->{status}";
    $res = $v->get("/wait?r=$request");
    die "wait page does not lead to the channel: $res->{status}"
        unless ($res->{headers}{location} // '') eq "/channel?id=$channel";
    $page = $v->get("/channel?id=$channel");
    my $vtoken = channel_token($page->{content}) or die "visitor channel page: $page->{status}";
    my $vid = sql("SELECT visitor_id FROM help_request WHERE public_id = '$request'")->[0][0];
    return { channel => $channel, request => $request, client => $client, site_key => $key,
        agent => $agent,
        visitor => { browser => $v, token => $vtoken, name => 'Visitor', id => $vid } };
}

# HTTP::Tiny writes a POST's head and body separately; with Nagle's
# algorithm and delayed ACKs every post on a kept-alive connection then
# waits 40 ms (t/input-shapes.t's 1,900 requests took a minute): every
# request switches Nagle off on the browser's connection once it exists.
sub _nodelay {
    my ($browser) = @_;
    my $fh = $browser->{http}{handle} && $browser->{http}{handle}{fh} or return;
    return if $browser->{nodelay_fh} && $browser->{nodelay_fh} == $fh;
    require Socket;
    setsockopt($fh, Socket::IPPROTO_TCP(), Socket::TCP_NODELAY(), 1);
    $browser->{nodelay_fh} = $fh;
}

# Posts a chat line as a party ({browser, token}) the way channel.js does:
# JSON answer, our own Origin. Returns (response, decoded JSON or undef).
sub chat_say {
    my ($who, $channel, $text, %o) = @_;
    my $s = stack();
    # Character strings go as UTF-8; byte strings (bad input tests) as they are.
    utf8::encode($text) if utf8::is_utf8($text);
    my $res = $who->{browser}->post('/say',
        form => [channel => $channel, token => $o{token} // $who->{token}, text => $text,
            (defined $o{cmid} ? (cmid => $o{cmid}) : ()),
            (defined $o{canned} ? (canned => $o{canned}) : ()),
            (defined $o{to} ? (to => $o{to}) : ())],
        headers => { Accept => 'application/json', Origin => $o{origin} // $s->{URL} });
    return wantarray ? ($res, json_decode($res->{content})) : $res;
}

# One poll of a channel as a party: (response, decoded JSON or undef).
sub chat_poll {
    my ($who, $channel, %o) = @_;
    my $q = "/poll?channel=$channel&after=" . ($o{after} // 0) . '&signals=' . ($o{signals} // 0);
    my $res = $who->{browser}->get($q, headers => { Accept => 'application/json' });
    return wantarray ? ($res, json_decode($res->{content})) : $res;
}

# Sends what a party is typing (empty: stopped), as channel.js does.
sub chat_typing {
    my ($who, $channel, $text, %o) = @_;
    my $s = stack();
    utf8::encode($text) if utf8::is_utf8($text);
    my $res = $who->{browser}->post('/typing',
        form => [channel => $channel, token => $o{token} // $who->{token}, text => $text],
        headers => { Accept => 'application/json', Origin => $s->{URL} });
    return wantarray ? ($res, json_decode($res->{content})) : $res;
}

# A second browser with the same cookies: for a forked child, or a second
# connection of the same person (HTTP::Tiny keeps one connection per object).
sub Baton::Test::Browser::clone {
    my ($self, %o) = @_;
    my $copy = Baton::Test::Browser->new(%o, base => $self->{base});
    $copy->{jar} = { %{ $self->{jar} } };
    $copy->{http}{timeout} = $o{timeout} if $o{timeout};
    return $copy;
}

# The same party ({browser, token, ...}) in a fresh browser (see clone).
sub party_clone {
    my ($who, %o) = @_;
    return { %$who, browser => $who->{browser}->clone(%o) };
}

# Polls (following last_seq) until `until` returns true for the events seen
# so far or `seconds` pass. Returns (all events, last_seq, last answer).
sub chat_collect {
    my ($who, $channel, %o) = @_;
    my $after = $o{after} // 0;
    my (@events, $last);
    my $deadline = time + ($o{seconds} // 30);
    while (time < $deadline) {
        my ($res, $d) = chat_poll($who, $channel, after => $after, signals => $o{signals});
        die "poll: $res->{status} $res->{content}" unless $res->{status} == 200 && $d;
        $last = $d;
        if ($d->{events}) {
            push @events, @{ $d->{events} };
            $after = $d->{last_seq};
        }
        last if !$o{until} || $o{until}->(\@events, $d);
    }
    return (\@events, $after, $last);
}

# ---- help requests, the queue and routing (t/help.t, t/wait.t, t/cancel.t,
# t/schedule.t, t/requeue.t, t/message.t, t/accept.t, t/settings.t,
# t/availability.t, t/poll.t) ------------------------------------------------
package Baton::Test;

# The page of a client's site the visitor comes from (the Referer).
sub visitor_page { return stack()->{URL} . '/demo/page.html' }

# A site of a client (a new one unless o{client}) on o{domains} (default: the
# stack's own host), asking for a question first unless o{ask_question} is 0.
# Returns (key, client slug).
sub new_help_site {
    my (%o) = @_;
    my $client = $o{client} // new_client();
    my $out = admin(undef, 'site', 'add', $client, $o{name} // 'Site ' . random_name('s'),
        @{ $o{domains} // ['127.0.0.1'] });
    my ($key) = $out =~ /its key is ([0-9a-f]{32})/ or die "no site key in: $out";
    sql("UPDATE site SET ask_question = " . ($o{ask_question} ? 1 : 0) . " WHERE site_key = '$key'")
        if defined $o{ask_question};
    return ($key, $client);
}

sub client_id {
    my ($slug) = @_;
    return sql("SELECT id FROM client WHERE slug = '$slug'")->[0][0];
}

# Sets client columns (numbers only): set_client($slug, seat_cap => 1, ...).
sub set_client {
    my ($slug, %set) = @_;
    my $cols = join ', ', map { die "bad value for $_" unless $set{$_} =~ /^\d+$/; "$_ = $set{$_}" } sort keys %set;
    sql("UPDATE client SET $cols WHERE slug = '$slug'");
}

# The help_request row of a public id as a hash (undef when there is none).
sub request_row {
    my ($id) = @_;
    my @cols = qw(id client_id visitor_id state name question page_url topic priority
        offered_agent_id accepted_agent_id channel_id scheduled_for contact);
    # mariadb --batch prints NULL as "NULL".
    my $row = sql('SELECT ' . join(', ', @cols) . " FROM help_request WHERE public_id = '$id'")->[0]
        or return undef;
    return { map { $cols[$_] => ($row->[$_] eq 'NULL' ? undef : $row->[$_]) } 0 .. $#cols };
}

# The kinds of a request's events, in order.
sub request_events {
    my ($id) = @_;
    return [map { $_->[0] } @{ sql("SELECT e.kind FROM request_event e JOIN help_request r"
        . " ON r.id = e.request_id WHERE r.public_id = '$id' ORDER BY e.id") }];
}

package Baton::Test::Browser;
use Time::HiRes ();

# Clicks a site's help link from o{referer} (default visitor_page; undef with
# o{no_referer}). Returns the response.
sub click_help {
    my ($self, $key, %o) = @_;
    my $referer = exists $o{referer} ? $o{referer} : Baton::Test::visitor_page();
    my $topic = defined $o{topic} ? "&topic=$o{topic}" : '';
    return $self->get("/help?site=$key$topic",
        headers => { ($o{no_referer} || !defined $referer ? () : (Referer => $referer)) });
}

# Clicks the help link and, when the site asks, sends o{question} (and
# o{name}). Returns the request's public id (dies otherwise).
sub ask_help {
    my ($self, $key, %o) = @_;
    my $res = $self->click_help($key, %o);
    if ($res->{status} == 200) {
        my ($page) = $res->{content} =~ /name="page" value="([^"]*)"/;
        $page =~ s/&amp;/&/g if defined $page;
        $res = $self->post('/help', form => [csrf => Baton::Test::csrf_from($res->{content}),
            site => $key, page => $page // '', name => $o{name} // '',
            question => $o{question} // 'I need help']);
    }
    my ($id) = ($res->{headers}{location} // '') =~ m{^/wait\?r=([0-9a-f]{32})$}
        or die "no waiting page after the help link: $res->{status}\n$res->{content}";
    return $id;
}

# The visitor's form token (the baton_csrf cookie, set by the help form or
# the waiting page).
sub form_csrf {
    my ($self) = @_;
    return $self->cookie('baton_csrf');
}

# An agent's console snapshot (/poll?console=1&version=0), decoded; dies
# unless 200 at once. (A client whose queue never changed is at version 0,
# so its console poll is held: give it a request first.)
sub console_snapshot {
    my ($self) = @_;
    my $started = Time::HiRes::time();
    my $res = $self->get('/poll?console=1&version=0');
    die "console poll: $res->{status} $res->{content}" unless $res->{status} == 200;
    die sprintf "console poll was held %.1f s: the client's queue is still at version 0\n",
        Time::HiRes::time() - $started if Time::HiRes::time() - $started > 5;
    return Baton::Test::json_decode($res->{content}) // die "console poll: not JSON: $res->{content}";
}

# A waiting visitor's status (/poll?request=ID&version=0), decoded; dies
# unless 200.
sub request_status {
    my ($self, $id) = @_;
    my $res = $self->get("/poll?request=$id&version=0");
    die "request poll: $res->{status} $res->{content}" unless $res->{status} == 200;
    return Baton::Test::json_decode($res->{content}) // die "request poll: not JSON: $res->{content}";
}

1;

# ---- co-browsing (t/go.t, t/lead.t, t/seen.t, t/pointer.t, t/avatar.t,
# t/framecheck.t, t/sidebar.t) -----------------------------------------------
package Baton::Test;

# A post to one of the viewer's programs (/go, /lead, /seen, /pointer,
# /avatar, /say) as a party ({browser, token}), the way the viewer makes it:
# the channel, the party's token (o{token} for another), the fields of
# $form (an array ref), a JSON answer and our own Origin (o{origin} for
# another). Returns (response, decoded JSON or undef).
sub party_post {
    my ($who, $path, $channel, $form, %o) = @_;
    my $s = stack();
    my $res = $who->{browser}->post($path,
        form => [channel => $channel, token => $o{token} // $who->{token}, @{ $form // [] }],
        headers => { Accept => 'application/json', Origin => $o{origin} // $s->{URL} });
    return wantarray ? ($res, json_decode($res->{content})) : $res;
}

# What a party's freshly opened page learns (after=0, signals=0): every
# event it may see, everyone's latest signals (peers), leader and url. Dies
# unless the poll answers 200 with JSON.
sub channel_snapshot {
    my ($who, $channel) = @_;
    my ($res, $d) = chat_poll($who, $channel);
    die "poll: $res->{status} $res->{content}" unless $res->{status} == 200 && $d;
    return $d;
}

# The participant ids of a channel's people by role, as a page learns them
# from the join events: {agent => id, visitor => id} (the first of each).
sub participant_ids {
    my ($who, $channel) = @_;
    my %ids;
    for my $e (@{ channel_snapshot($who, $channel)->{events} }) {
        $ids{ $e->{role} } //= $e->{from} if $e->{kind} eq 'join';
    }
    return \%ids;
}

# How many polls the poll program of a stack (this one, or the stack in
# $dir) holds: the connections in the set it watches for clients that hang
# up (cgi-bin/poll.c, watch_hang_up), an epoll instance, whose descriptors
# the kernel lists in /proc/PID/fdinfo. Its other epoll set, of the
# connections the web server keeps between polls (lib/fcgi_kept.h), is the
# one that also watches the listener, descriptor 0: a kept connection is
# no held poll, so counting sockets would not tell. -1 when there is no
# such program. Taken when steady (the same twice in a row), so that a
# poll being answered is not counted.
sub poll_held {
    my ($dir) = @_;
    $dir //= stack()->{DIR};
    my $count = sub {
        open my $fh, '<', "$dir/run/child/poll.pid" or return -1;
        my ($pid) = (<$fh> // '') =~ /(\d+)/ or return -1;
        opendir my $dh, "/proc/$pid/fd" or return -1;
        for my $fd (grep { /^\d+$/ } readdir $dh) {
            next unless (readlink("/proc/$pid/fd/$fd") // '') eq 'anon_inode:[eventpoll]';
            open my $info, '<', "/proc/$pid/fdinfo/$fd" or next;
            my @watched = map { /^tfd:\s+(\d+)/ ? $1 : () } <$info>;
            return scalar @watched unless grep { $_ == 0 } @watched;
        }
        return -1;
    };
    my $n = $count->();
    for (1 .. 15) {
        select undef, undef, undef, 0.1;
        my $again = $count->();
        return $n if $again == $n;
        $n = $again;
    }
    return $n;
}

# Waits (up to 10 s) until the poll program holds one poll more than when
# poll_held() said $before: a poll sent meanwhile is parked. Tests of
# held polls act only then, rather than after a fixed pause.
sub wait_parked {
    my ($before, %o) = @_;
    return wait_for('a parked poll', $o{seconds} // 10, sub { poll_held($o{dir}) > $before });
}

# Holds a poll of $reader that is up to date with everything (so it waits)
# while a forked child runs $act->() once the poll is parked (and a second
# has passed); $act must use browsers of its own (party_clone) and return
# an HTTP status. Returns {held, latency, status, poll_status, answer}:
# seconds the poll was held before the action was sent, seconds from then
# to the poll's answer, the action's status, the poll's status and its
# decoded answer.
sub woken_poll {
    my ($reader, $channel, $act) = @_;
    require POSIX;
    require Time::HiRes;
    my $now = channel_snapshot($reader, $channel);
    my $before = poll_held();
    my $start = Time::HiRes::time();
    pipe my $rd, my $wr or die "pipe: $!";
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        close $rd;
        wait_parked($before) or POSIX::_exit(1);
        # Held a little over a second before the action, at least.
        my $left = $start + 1.2 - Time::HiRes::time();
        Time::HiRes::sleep($left) if $left > 0;
        my $t = Time::HiRes::time();
        my $status = eval { $act->() } // 'died';
        print {$wr} "$t $status\n";
        close $wr;
        POSIX::_exit(0);
    }
    close $wr;
    my ($res, $d) = chat_poll($reader, $channel, after => $now->{last_seq}, signals => $now->{signals});
    my $answered = Time::HiRes::time();
    my ($posted, $status) = split ' ', readline($rd) // '0 none';
    waitpid $pid, 0;
    return { held => $posted - $start, latency => $answered - $posted, status => $status,
        poll_status => $res->{status}, answer => $d };
}

# A signed-in supervisor of the client (away, so routing offers them no
# visitors) who joins the channel silently with POST /monitor and opens
# it: {browser, token, name, id, ...}.
sub monitoring_supervisor {
    my ($client, $channel, %o) = @_;
    my $sup = signed_in_agent(client => $client, role => 'supervisor', state => 'away',
        name => $o{name} // 'Sue Supervisor');
    my $csrf = $sup->{browser}->session_csrf or die 'no csrf for the supervisor';
    my $res = $sup->{browser}->post('/monitor', form => [csrf => $csrf, channel => $channel],
        headers => { Origin => stack()->{URL} });
    die "monitor: $res->{status} $res->{content}" unless $res->{status} == 303;
    my $page = $sup->{browser}->get("/channel?id=$channel");
    $sup->{token} = channel_token($page->{content}) or die "supervisor channel page: $page->{status}";
    return $sup;
}

1;
