#!/usr/bin/perl
# The reports (/report): usage, queue, agents and attendance, each checked
# figure by figure against hand-computed values on fixture rows with exact
# times (in a week of March 2024, UTC), as CSV and as the page's tables;
# CSV escaping and the formula guard; who may see which client's reports
# (every kind, page and CSV); bad inputs.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack admin sql new_agent new_client random_name);

stack();

# ---- fixtures ---------------------------------------------------------------

my $slug = new_client();
my $other = new_client();
my ($key_a) = Baton::Test::new_help_site(client => $slug, name => 'North <b>& Co');
my ($key_b) = Baton::Test::new_help_site(client => $slug, name => '=Site B');
my ($key_o) = Baton::Test::new_help_site(client => $other, name => 'Elsewhere');

sub one { sql($_[0])->[0][0] }
sub quoted { my ($s) = @_; $s =~ s/\\/\\\\/g; $s =~ s/'/\\'/g; return "'$s'" }
sub value { defined $_[0] ? ($_[0] =~ /^-?\d+$/ ? $_[0] : quoted($_[0])) : 'NULL' }
# Inserts a row and returns its id: insert(table => {column => value}).
sub insert {
    my ($table, $row) = @_;
    my @cols = sort keys %$row;
    my $id = sql("INSERT INTO $table (" . join(', ', @cols) . ') VALUES ('
        . join(', ', map { value($row->{$_}) } @cols) . '); SELECT LAST_INSERT_ID()')->[0][0];
    return $id;
}
sub random_hex { join '', map { sprintf '%x', int rand 16 } 1 .. $_[0] }

my $client = one("SELECT id FROM client WHERE slug = '$slug'");
my $other_id = one("SELECT id FROM client WHERE slug = '$other'");
my $site_a = one("SELECT id FROM site WHERE site_key = '$key_a'");
my $site_b = one("SELECT id FROM site WHERE site_key = '$key_b'");
my $site_o = one("SELECT id FROM site WHERE site_key = '$key_o'");

my ($ann_email, $ann_pw) = new_agent(client => $slug, name => 'Ann Agent');
my ($bob_email) = new_agent(client => $slug, name => 'Bob Agent');
new_agent(client => $slug, name => 'Cat Quiet');
my ($sue_email, $sue_pw) = new_agent(client => $slug, name => 'Sue Supervisor', role => 'supervisor');
my ($ada_email, $ada_pw) = new_agent(client => $slug, name => 'Ada Admin', role => 'admin');
my ($oscar_email, $oscar_pw) = new_agent(client => $other, name => 'Oscar Other', role => 'supervisor');
my ($olga_email, $olga_pw) = new_agent(client => $other, name => 'Olga Operator', role => 'operator');
my %agent = map { $_->[0] => one("SELECT id FROM agent WHERE email = '$_->[1]'") }
    [ann => $ann_email], [bob => $bob_email], [sue => $sue_email], [oscar => $oscar_email];

my ($visitor, $vera, $will) = map { insert(visitor => { token_hash => random_hex(64),
    created_at => '2024-03-01 00:00:00', last_seen_at => '2024-03-01 00:00:00' }) } 1 .. 3;

# A help request; returns its id.
sub request {
    my (%o) = @_;
    return insert(help_request => { public_id => random_hex(32), client_id => $o{client} // $client,
        site_id => $o{site} // $site_a, visitor_id => $visitor, state => $o{state},
        created_at => $o{created}, accepted_at => $o{accepted}, accepted_agent_id => $o{agent},
        scheduled_for => $o{scheduled_for}, ended_at => $o{ended} });
}
sub event {
    my ($request, $kind, $at, $agent, $client_id) = @_;
    insert(request_event => { request_id => $request, client_id => $client_id // $client, kind => $kind,
        agent_id => $agent, at => $at });
}
# A channel for a request (or none); returns its id.
sub channel {
    my (%o) = @_;
    return insert(channel => { public_id => random_hex(32), client_id => $o{client} // $client,
        request_id => $o{request}, name => $o{name} // 'Session', state => $o{closed} ? 'closed' : 'open',
        changed_at => $o{created}, created_at => $o{created}, closed_at => $o{closed} });
}
sub participant {
    my ($channel, $kind, $name, $joined, $left, $agent_id, $visitor_id) = @_;
    insert(participant => { channel_id => $channel, kind => $kind, display_name => $name,
        agent_id => $agent_id, visitor_id => $kind eq 'visitor' ? $visitor_id // $visitor : undef,
        token => random_hex(64), joined_at => $joined, left_at => $left });
}
sub state_event {
    my ($who, $kind, $state, $at) = @_;
    insert(agent_event => { agent_id => $agent{$who}, client_id => $client, kind => $kind,
        state => $state, at => $at });
}

# Sessions (usage): site A 2 on the 4th (5.5 + 10 minutes, the second over
# midnight: it counts where it started), site B 45.5 s on the 6th, site A
# 40 minutes on the 7th (the training with many people); outside the week:
# the 3rd (1 minute) and the 11th (2 minutes); another client's on the 4th.
my $r_ch1 = request(site => $site_a, state => 'accepted', created => '2024-03-04 09:59:40',
    accepted => '2024-03-04 10:00:00', agent => $agent{ann});
my $ch1 = channel(request => $r_ch1, created => '2024-03-04 10:00:00', closed => '2024-03-04 10:05:30');
my $r_ch2 = request(site => $site_a, state => 'accepted', created => '2024-03-04 23:58:15',
    accepted => '2024-03-04 23:59:00', agent => $agent{bob});
my $ch2 = channel(request => $r_ch2, created => '2024-03-04 23:59:00', closed => '2024-03-05 00:09:00');
my $r_ch3 = request(site => $site_b, state => 'accepted', created => '2024-03-06 11:58:30',
    accepted => '2024-03-06 12:00:00', agent => $agent{ann});
my $ch3 = channel(request => $r_ch3, created => '2024-03-06 12:00:00.000', closed => '2024-03-06 12:00:45.500');
my $training = channel(name => 'Training: returns', created => '2024-03-07 15:00:00',
    closed => '2024-03-07 15:40:00', request => request(site => $site_a, state => 'closed',
    created => '2024-03-01 12:00:00'));
channel(request => request(site => $site_a, state => 'closed', created => '2024-03-01 12:00:00'),
    created => '2024-03-03 23:00:00', closed => '2024-03-03 23:01:00');
channel(request => request(site => $site_b, state => 'closed', created => '2024-03-01 12:00:00'),
    created => '2024-03-11 00:00:00', closed => '2024-03-11 00:02:00');
channel(client => $other_id, request => request(client => $other_id, site => $site_o, state => 'accepted',
    created => '2024-03-04 10:00:00', accepted => '2024-03-04 10:00:01'),
    created => '2024-03-04 10:00:01', closed => '2024-03-04 11:00:00');
# Help-link hits.
sql("INSERT INTO help_hit (site_id, day, hits) VALUES ($site_a, '2024-03-04', 7), ($site_a, '2024-03-05', 3),"
    . " ($site_b, '2024-03-06', 5), ($site_b, '2024-03-11', 100), ($site_a, '2024-03-03', 50),"
    . " ($site_o, '2024-03-04', 1000)");

# Requests (queue). The three above wait 20 s, 45 s and 90 s; then
my $q4 = request(state => 'accepted', created => '2024-03-06 11:10:00', accepted => '2024-03-06 11:13:00',
    agent => $agent{ann});                                                   # 180 s, unoffered
request(state => 'accepted', created => '2024-03-07 14:00:00', accepted => '2024-03-07 14:07:00',
    agent => $agent{bob});                                                   # 420 s
request(state => 'accepted', created => '2024-03-07 14:30:00', accepted => '2024-03-07 14:45:00.500',
    agent => $agent{bob});                                                   # 900.5 s
request(state => 'cancelled', created => '2024-03-08 09:00:00', ended => '2024-03-08 09:02:00');
request(state => 'waiting', created => '2024-03-08 09:30:00');               # gone: waiting for days
request(state => 'closed', created => '2024-03-08 10:00:00');                # gone
my $q10 = request(state => 'offered', created => '2024-03-08 10:30:00');     # gone: abandoned
event($q10, 'abandoned', '2024-03-08 10:31:00');
my $q11 = request(state => 'message', created => '2024-03-09 16:00:00');
# Its thread: Ann answers 12 minutes after the message, Bob 5 minutes after
# the visitor's reply.
sql("UPDATE help_request SET thread_state = 'done' WHERE id = $q11");
for my $m (['in', undef, '2024-03-09 16:00:00'], ['out', 'ann', '2024-03-09 16:12:00'],
           ['in', undef, '2024-03-09 17:00:00'], ['out', 'bob', '2024-03-09 17:05:00']) {
    insert(help_message => { request_id => $q11, client_id => $client, direction => $m->[0],
        agent_id => $m->[1] ? $agent{ $m->[1] } : undef, body => 'text', created_at => $m->[2] });
}
# Scheduled sessions: one made before the week for the 5th 15:00, back and
# accepted 30 s after its time (kept); one for the 10th 09:00, never back
# (missed); one for the 9th 12:00, back an hour late (missed; it waited 10 s
# after rejoining the queue).
my $q12 = request(state => 'accepted', created => '2024-03-02 08:00:00', scheduled_for => '2024-03-05 15:00:00',
    accepted => '2024-03-05 15:00:30', agent => $agent{bob});
event($q12, 'created', '2024-03-02 08:00:00');
event($q12, 'scheduled', '2024-03-02 08:01:00');
event($q12, 'created', '2024-03-05 14:58:00');
event($q12, 'accepted', '2024-03-05 15:00:30', $agent{bob});
request(state => 'scheduled', created => '2024-03-09 08:00:00', scheduled_for => '2024-03-10 09:00:00');
my $q14 = request(state => 'accepted', created => '2024-03-09 08:30:00', scheduled_for => '2024-03-09 12:00:00',
    accepted => '2024-03-09 13:00:10', agent => $agent{bob});
request(client => $other_id, site => $site_o, state => 'cancelled', created => '2024-03-04 09:00:00');

# Request events (agents: time to accept and rollovers).
event($r_ch1, 'created', '2024-03-04 09:59:40');
event($r_ch1, 'routed', '2024-03-04 09:59:41', $agent{ann});
event($r_ch1, 'accepted', '2024-03-04 10:00:00', $agent{ann});              # Ann: 19 s
event($r_ch2, 'created', '2024-03-04 23:58:15');
event($r_ch2, 'routed', '2024-03-04 23:58:20', $agent{bob});
event($r_ch2, 'accepted', '2024-03-04 23:59:00', $agent{bob});              # Bob: 40 s
event($r_ch3, 'created', '2024-03-06 11:58:30');
event($r_ch3, 'routed', '2024-03-06 11:58:31', $agent{bob});
event($r_ch3, 'rolled', '2024-03-06 11:58:51', $agent{bob});                # Bob's 1st rollover
event($r_ch3, 'routed', '2024-03-06 11:58:52', $agent{ann});
event($r_ch3, 'accepted', '2024-03-06 12:00:00', $agent{ann});              # Ann: 68 s
event($q4, 'created', '2024-03-06 11:10:00');
event($q4, 'accepted', '2024-03-06 11:13:00', $agent{ann});                 # Ann: 180 s from joining
event($q14, 'created', '2024-03-09 08:30:00');
event($q14, 'routed', '2024-03-09 08:30:01', $agent{bob});
event($q14, 'rolled', '2024-03-09 08:30:21', $agent{bob});                  # Bob's 2nd rollover
event($q14, 'scheduled', '2024-03-09 08:31:00');
event($q14, 'created', '2024-03-09 13:00:00');
event($q14, 'routed', '2024-03-09 13:00:02', $agent{bob});
event($q14, 'accepted', '2024-03-09 13:00:10', $agent{bob});                # Bob: 8 s (not from 08:30:01)
event($q14, 'rolled', '2024-03-11 09:00:00', $agent{ann});                  # after the week
event($r_ch1, 'rolled', '2024-03-05 09:00:00', $agent{oscar}, $other_id);   # another client's

# Participants (agents: sessions and handle time; attendance).
participant($ch1, 'agent', 'Ann Agent', '2024-03-04 10:00:00', undef, $agent{ann});          # 330 s
participant($ch1, 'visitor', 'Vic', '2024-03-04 10:00:00', undef);
participant($ch2, 'agent', 'Bob Agent', '2024-03-04 23:59:00', '2024-03-05 00:09:00', $agent{bob}); # 600 s
my $val_p = participant($ch2, 'visitor', 'Val', '2024-03-04 23:59:00', undef);
participant($ch3, 'agent', 'Ann Agent', '2024-03-06 12:00:00', '2024-03-06 12:00:45.500', $agent{ann}); # 45.5 s
participant($training, 'agent', 'Ann Agent', '2024-03-07 15:00:00', '2024-03-07 15:30:00', $agent{ann}); # 1800 s
my $vera_p = participant($training, 'visitor', 'Vera Visitor', '2024-03-07 15:00:00', '2024-03-07 15:20:00', undef, $vera);
my $will_p = participant($training, 'visitor', 'Will "Bill" =Visitor', '2024-03-07 15:01:30', '2024-03-07 15:40:00', undef, $will);
participant($training, 'supervisor', 'Sue Supervisor', '2024-03-07 15:05:00', undef, $agent{sue});
participant($training, 'agent', 'Bob Agent', '2024-03-07 15:10:00', undef, $agent{bob});     # 1800 s
participant($training, 'visitor', 'Vera Visitor', '2024-03-07 15:25:00', undef, undef, $vera);

# Visitors' ratings (agents): the training (Ann and Bob) 5 and 3, Bob's
# session on the 4th 2 (rated on the 5th); Ann's first session rated after
# the week.
sub rating {
    my ($channel, $participant, $stars, $comment, $at) = @_;
    insert(session_rating => { channel_id => $channel, participant_id => $participant, client_id => $client,
        stars => $stars, comment => $comment, rated_at => $at });
}
rating($training, $vera_p, 5, 'Very helpful, thank you', '2024-03-07 16:00:00');
rating($training, $will_p, 3, undef, '2024-03-07 16:05:00');
rating($ch2, $val_p, 2, 'Slow to answer', '2024-03-05 01:00:00');
rating($ch1, participant($ch1, 'visitor', 'Vic again', '2024-03-04 10:01:00', undef), 1, 'Later', '2024-03-12 10:00:00');

# Agent states: Ann available from before the week to 08:00 on the 4th,
# on break to 08:15, available to 12:00, away to 12:30:00.5, signed out;
# signed in available at 23:00 on the 10th until after the week.
state_event(ann => 'signin', 'available', '2024-03-03 22:00:00');
state_event(ann => 'state', 'break', '2024-03-04 08:00:00');
state_event(ann => 'state', 'available', '2024-03-04 08:15:00');
state_event(ann => 'state', 'away', '2024-03-04 12:00:00');
state_event(ann => 'signout', undef, '2024-03-04 12:30:00.500');
state_event(ann => 'signin', 'available', '2024-03-10 23:00:00');
state_event(ann => 'signout', undef, '2024-03-11 01:00:00');
# Bob: on break 09:00-09:10 on the 5th, available to 10:00, then away to the
# end of the week (never signed out).
state_event(bob => 'signin', 'break', '2024-03-05 09:00:00');
state_event(bob => 'state', 'available', '2024-03-05 09:10:00');
state_event(bob => 'state', 'away', '2024-03-05 10:00:00');
insert(agent_event => { agent_id => $agent{oscar}, client_id => $other_id, kind => 'signin',
    state => 'available', at => '2024-03-04 00:00:00' });

# ---- helpers ------------------------------------------------------------------

sub signed_in {
    my ($email, $password) = @_;
    my $b = Baton::Test::Browser->new;
    my $res = $b->sign_in($email, $password);
    die "sign-in of $email: $res->{status}" unless $res->{status} == 303;
    return $b;
}

# A minimal RFC 4180 reader: rows of cells.
sub parse_csv {
    my ($text) = @_;
    $text =~ s/^\x{EF}\x{BB}\x{BF}//;
    my (@rows, @row, $cell);
    $cell = '';
    pos($text) = 0;
    while (pos($text) < length $text) {
        if ($text =~ /\G"((?:[^"]|"")*)"/gc) { ($cell .= $1) =~ s/""/"/g }
        elsif ($text =~ /\G([^,"\r\n]+)/gc) { $cell .= $1 }
        elsif ($text =~ /\G,/gc) { push @row, $cell; $cell = '' }
        elsif ($text =~ /\G\r\n/gc) { push @row, $cell; push @rows, [@row]; @row = (); $cell = '' }
        else { die 'bad CSV at ' . pos($text) . ': ' . substr($text, pos($text), 20) }
    }
    push @rows, [@row, $cell] if @row || length $cell;
    return \@rows;
}

my $week = 'from=2024-03-04&to=2024-03-10';
sub csv_table {
    my ($b, $query, $table) = @_;
    my $res = $b->get("/report?$query&format=csv&table=$table");
    is $res->{status}, 200, "CSV of $table ($query): 200" or diag $res->{content};
    return parse_csv($res->{content});
}

my $sue = signed_in($sue_email, $sue_pw);

# ---- usage ----------------------------------------------------------------------

my $res = $sue->get("/report?kind=usage&$week&format=csv");
is $res->{status}, 200, 'usage as CSV: 200';
is $res->{headers}{'content-type'}, 'text/csv; charset=utf-8', 'as text/csv';
is $res->{headers}{'content-disposition'}, "attachment; filename=\"baton-usage-$slug-2024-03-04-2024-03-10.csv\"",
    'as an attachment with a telling name';
like $res->{content}, qr/^\x{EF}\x{BB}\x{BF}Usage over time\r\nDay,Sessions,Minutes,Help-link hits\r\n/,
    'the whole report: a byte-order mark, then each table under its title';
like $res->{content}, qr/\r\n\r\nUsage per site\r\nSite,Sessions,Minutes,Help-link hits\r\n/,
    'tables apart by a blank line';

is_deeply csv_table($sue, "kind=usage&$week", 'periods'), [
    ['Day', 'Sessions', 'Minutes', 'Help-link hits'],
    ['2024-03-04', 2, '15.5', 7],
    ['2024-03-05', 0, '0.0', 3],
    ['2024-03-06', 1, '0.8', 5],
    ['2024-03-07', 1, '40.0', 0],
    ['2024-03-08', 0, '0.0', 0],
    ['2024-03-09', 0, '0.0', 0],
    ['2024-03-10', 0, '0.0', 0],
], 'usage per day: sessions where they started, minutes to one decimal, hits; every day of the range';
is_deeply csv_table($sue, "kind=usage&$week", 'sites'), [
    ['Site', 'Sessions', 'Minutes', 'Help-link hits'],
    ['North <b>& Co', 3, '55.5', 10],
    ["'=Site B", 1, '0.8', 5],
], 'usage per site (a name that looks like a formula is guarded)';
is_deeply csv_table($sue, "kind=usage&$week", 'site-periods'), [
    ['Day', 'Site', 'Sessions', 'Minutes', 'Help-link hits'],
    ['2024-03-04', 'North <b>& Co', 2, '15.5', 7],
    ['2024-03-05', 'North <b>& Co', 0, '0.0', 3],
    ['2024-03-06', "'=Site B", 1, '0.8', 5],
    ['2024-03-07', 'North <b>& Co', 1, '40.0', 0],
], 'usage per site and day: only days with something';
is_deeply csv_table($sue, 'kind=usage&from=2024-03-04&to=2024-03-17&granularity=week', 'periods'), [
    ['Week (from Monday)', 'Sessions', 'Minutes', 'Help-link hits'],
    ['2024-03-04', 4, '56.3', 15],
    ['2024-03-11', 1, '2.0', 100],
], 'usage per week';
is_deeply csv_table($sue, 'kind=usage&from=2024-03-06&to=2024-03-12&granularity=week', 'periods'), [
    ['Week (from Monday)', 'Sessions', 'Minutes', 'Help-link hits'],
    ['2024-03-04', 2, '40.8', 5],
    ['2024-03-11', 1, '2.0', 100],
], 'weeks are labelled by their Monday; only the days in the range count';
is_deeply csv_table($sue, 'kind=usage&from=2024-02-15&to=2024-03-31&granularity=month', 'periods'), [
    ['Month', 'Sessions', 'Minutes', 'Help-link hits'],
    ['2024-02', 0, '0.0', 0],
    ['2024-03', 6, '59.3', 165],
], 'usage per month';

# A session still open counts up to now.
my $today = one('SELECT UTC_DATE()');
channel(request => request(state => 'accepted', created => one('SELECT NOW(3) - INTERVAL 10 MINUTE')),
    created => one('SELECT NOW(3) - INTERVAL 10 MINUTE'));
my $now_rows = csv_table($sue, "kind=usage&from=$today&to=$today", 'periods');
is $now_rows->[1][1], 1, 'a session open today is counted';
ok $now_rows->[1][2] >= 10 && $now_rows->[1][2] < 12, "with its minutes up to now ($now_rows->[1][2])";

# ---- queue ------------------------------------------------------------------------

my $hours = csv_table($sue, "kind=queue&$week", 'hours');
is scalar @$hours, 25, 'requests per hour: a row for each of the 24 hours';
is_deeply $hours->[0], ['Hour (UTC)', 'Requests'], 'with its header';
my %per_hour = map { $_->[0] => $_->[1] } @$hours[1 .. 24];
is_deeply { map { $_ => $per_hour{$_} } grep { $per_hour{$_} } keys %per_hour },
    { '08:00' => 2, '09:00' => 3, '10:00' => 2, '11:00' => 2, '14:00' => 2, '16:00' => 1, '23:00' => 1 },
    'requests per hour of the day, by when they were made';
is_deeply csv_table($sue, "kind=queue&$week", 'waits'), [
    ['Wait', 'Requests accepted'],
    ['Under 30 s', 2], ['30-60 s', 1], ['1-2 min', 1], ['2-5 min', 1], ['5-10 min', 1], ['Over 10 min', 1],
], 'waiting times in buckets (a scheduled session waits from rejoining the queue)';
is_deeply csv_table($sue, "kind=queue&$week", 'outcomes'), [
    ['Requests', 'Count'],
    ['All requests', 13], ['Accepted', 7], ['Abandoned', 4], ['Cancelled while waiting', 1],
    ['Gone without being accepted', 3], ['Left a message', 1], ['Scheduled for later, not yet back', 1],
    ['Still waiting', 0],
], 'what became of the requests';
is_deeply csv_table($sue, "kind=queue&$week", 'scheduled'), [
    ['Requests', 'Count'], ['Scheduled', 3], ['Kept', 1], ['Missed', 2], ['Still to come', 0],
], 'scheduled sessions kept and missed';
is_deeply csv_table($sue, "kind=queue&$week", 'messages'), [
    ['Messages', 'Threads', 'Answered', 'Average time to first answer (seconds)'],
    ['Left on the waiting page', 1, 1, 720], ['By e-mail', 0, 0, 0], ['All', 1, 1, 720],
], 'message threads, answered, and how soon';
my $tomorrow = one('SELECT UTC_DATE() + INTERVAL 1 DAY');
request(state => 'scheduled', created => one('SELECT NOW(3)'),
    scheduled_for => "$tomorrow 10:00:00");
is_deeply csv_table($sue, "kind=queue&from=$tomorrow&to=$tomorrow", 'scheduled'), [
    ['Requests', 'Count'], ['Scheduled', 1], ['Kept', 0], ['Missed', 0], ['Still to come', 1],
], 'a session booked for tomorrow is still to come';

# ---- agents -------------------------------------------------------------------------

my $agents = csv_table($sue, "kind=agents&$week", 'agents');
is_deeply $agents, [
    ['Agent', 'Sessions', 'Average handle time (seconds)', 'Average time to accept (seconds)',
     'Available (seconds)', 'On break (seconds)', 'Away (seconds)', 'Rollovers', 'Answers by e-mail',
     'Average time to answer (seconds)', 'Ratings', 'Average rating'],
    ['Ada Admin', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ''],
    # (330 + 45.5 + 1800) / 3 = 725.17; (19 + 68 + 180) / 3 = 89; 8 h + 3 h 45 + 1 h;
    # 15 min; 30 min 0.5 s; one answer, 12 minutes after the message; rated 5 and 3 (the training)
    ['Ann Agent', 3, 725, 89, 45900, 900, 1801, 0, 1, 720, 2, '4.0'],
    # (600 + 1800) / 2; (40 + 150 + 8) / 3 = 66; 50 min; 10 min; from 10:00 on the 5th to the end;
    # one answer, 5 minutes after the visitor's reply; rated 5, 3 and 2
    ['Bob Agent', 2, 1200, 66, 3000, 600, 482400, 2, 1, 300, 3, '3.3'],
    ['Cat Quiet', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ''],
    ['Sue Supervisor', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ''],
], 'agent performance: sessions, handle and accept times, time in each state, rollovers, answers, ratings';
is_deeply csv_table($sue, "kind=agents&$week&agent=$agent{bob}", 'agents')->[1],
    ['Bob Agent', 2, 1200, 66, 3000, 600, 482400, 2, 1, 300, 3, '3.3'], 'one agent chosen: only that agent';
is_deeply csv_table($sue, "kind=agents&$week", 'ratings'), [
    ['Rated', 'Agents', 'Stars', 'Comment'],
    ['2024-03-07 16:05', 'Ann Agent, Bob Agent', 3, ''],
    ['2024-03-07 16:00', 'Ann Agent, Bob Agent', 5, 'Very helpful, thank you'],
    ['2024-03-05 01:00', 'Bob Agent', 2, 'Slow to answer'],
], 'the visitors\' ratings of the week, newest first, with the agents and the comments';
is_deeply [map { $_->[3] } @{ csv_table($sue, "kind=agents&$week&agent=$agent{ann}", 'ratings') }],
    ['Comment', '', 'Very helpful, thank you'], 'one agent chosen: the ratings of their sessions only';
is scalar @{ csv_table($sue, "kind=agents&$week&agent=$agent{bob}", 'agents') }, 2, 'and no other';
is_deeply [map { $_->[0] } @{ csv_table($sue, 'kind=agents&from=2024-03-04&to=2024-03-04', 'agents') }]
    , ['Agent', 'Ada Admin', 'Ann Agent', 'Bob Agent', 'Cat Quiet', 'Sue Supervisor'],
    'every agent of the client, the operator of another client never';
is_deeply csv_table($sue, 'kind=agents&from=2024-03-04&to=2024-03-04', 'agents')->[2],
    ['Ann Agent', 1, 330, 19, 28800 + 13500, 900, 1801, 0, 0, 0, 0, ''], 'one day: its sessions, and states clipped to it';

# ---- attendance ---------------------------------------------------------------------

is_deeply csv_table($sue, "kind=attendance&$week", 'sessions'), [
    ['Session', 'Started', 'Ended', 'People', 'Minutes'],
    ['Training: returns', '2024-03-07 15:00:00', '2024-03-07 15:40:00', 4, '40.0'],
], 'sessions with at least three people (a silent supervisor is not counted)';
is_deeply csv_table($sue, "kind=attendance&$week", 'attendance'), [
    ['Session', 'Session started', 'Person', 'Role', 'Joined', 'Left', 'Minutes present'],
    ['Training: returns', '2024-03-07 15:00:00', 'Ann Agent', 'agent', '2024-03-07 15:00:00', '2024-03-07 15:30:00', '30.0'],
    ['Training: returns', '2024-03-07 15:00:00', 'Vera Visitor', 'visitor', '2024-03-07 15:00:00', '2024-03-07 15:20:00', '20.0'],
    ['Training: returns', '2024-03-07 15:00:00', 'Will "Bill" =Visitor', 'visitor', '2024-03-07 15:01:30', '2024-03-07 15:40:00', '38.5'],
    ['Training: returns', '2024-03-07 15:00:00', 'Bob Agent', 'agent', '2024-03-07 15:10:00', '2024-03-07 15:40:00', '30.0'],
    ['Training: returns', '2024-03-07 15:00:00', 'Vera Visitor', 'visitor', '2024-03-07 15:25:00', '2024-03-07 15:40:00', '15.0'],
], 'attendance: who joined, when, until when, for how long (each time they joined)';
$res = $sue->get("/report?kind=attendance&$week&format=csv&table=attendance");
like $res->{content}, qr/,"Will ""Bill"" =Visitor",visitor,/, 'quotes in a name are escaped for CSV';
is scalar @{ csv_table($sue, "kind=attendance&$week&people=2", 'sessions') }, 4,
    'with at least two people, the two-person sessions too';
is scalar @{ csv_table($sue, "kind=attendance&$week&people=5", 'sessions') }, 1, 'with five, none';

# ---- the page ---------------------------------------------------------------------

$res = $sue->get("/report?kind=usage&$week");
is $res->{status}, 200, 'the usage page: 200';
like $res->{content}, qr{<a href="/report" id="nav-report">Reports</a>}, 'the top bar links to the reports';
like $res->{content}, qr{<table class="report" id="table-periods" data-title="Usage over time" data-charts="bar:1,3;line:2">},
    'the table carries what charts.js draws from it';
like $res->{content}, qr{<th scope="row">2024-03-04</th><td class="num" data-value="2">2</td><td class="num" data-value="15.5">15.5</td><td class="num" data-value="7">7</td>},
    'the figures are in the table';
like $res->{content}, qr{North &lt;b&gt;&amp; Co}, 'names are escaped';
unlike $res->{content}, qr{<b>&}, 'never markup';
like $res->{content}, qr{href="/report\?from=2024-03-04&amp;to=2024-03-10&amp;kind=usage&amp;granularity=day&amp;format=csv"},
    'with a link to the CSV';
like $res->{content}, qr{<script src="/js/charts.js" defer></script>}, 'and the chart script';
unlike $res->{content}, qr{<script>|<style|style="}, 'no inline script or style (CSP)';
$res = $sue->get("/report?kind=agents&$week");
like $res->{content}, qr{<td class="num" data-value="725">12:05</td>}, 'durations read as m:ss, charted from seconds';
like $res->{content}, qr{<td class="num" data-value="482400">134:00:00</td>}, 'and as h:mm:ss';
like $res->{content}, qr{<option value="$agent{bob}">Bob Agent</option>}, 'agents to choose from';
$res = $sue->get('/report');
is $res->{status}, 200, 'the default: usage for the last 30 days';
like $res->{content}, qr{<input type="date" name="to" value="$today" required>}, 'ending today';
for my $kind (qw(queue attendance)) {
    is $sue->get("/report?kind=$kind&$week")->{status}, 200, "the $kind page: 200";
}

# ---- who may see what -------------------------------------------------------------

my @kinds = qw(usage queue agents attendance);
my $ada = signed_in($ada_email, $ada_pw);
is $ada->get("/report?kind=$_&$week")->{status}, 200, "an admin of the client sees the $_ report" for @kinds;

my $ann = signed_in($ann_email, $ann_pw);
for my $kind (@kinds) {
    $res = $ann->get("/report?kind=$kind&$week");
    is $res->{status}, 403, "an agent of the client may not see the $kind report";
    like $res->{content}, qr/This is for supervisors of this client only/, 'and is told why';
    is $ann->get("/report?kind=$kind&$week&format=csv")->{status}, 403, "nor its CSV";
}
unlike $ann->get('/console')->{content}, qr{id="nav-report"}, 'agents have no Reports link';

my $oscar = signed_in($oscar_email, $oscar_pw);
for my $kind (@kinds) {
    is $oscar->get("/report?kind=$kind&$week&client=$slug")->{status}, 403,
        "a supervisor of another client may not see this client's $kind report";
    $res = $oscar->get("/report?kind=$kind&$week&client=$slug&format=csv");
    is $res->{status}, 403, 'nor its CSV';
    unlike $res->{content}, qr/North|Ann Agent|Training/, 'and sees none of its data';
}
my $own = csv_table($oscar, "kind=usage&$week", 'sites');
is_deeply $own, [['Site', 'Sessions', 'Minutes', 'Help-link hits'], ['Elsewhere', 1, '60.0', 1000]],
    "a supervisor's own client: only its own figures";
is_deeply [map { $_->[0] } @{ csv_table($oscar, "kind=agents&$week", 'agents') }], ['Agent', 'Oscar Other'],
    'and its own agents';

my $olga = signed_in($olga_email, $olga_pw);
for my $kind (@kinds) {
    is $olga->get("/report?kind=$kind&$week&client=$slug")->{status}, 200,
        "the Baton operator sees any client's $kind report";
}
is_deeply csv_table($olga, "kind=usage&$week&client=$slug", 'sites'), csv_table($sue, "kind=usage&$week", 'sites'),
    'the same figures as the client sees';
$res = $olga->get("/report?kind=usage&$week&client=$slug");
like $res->{content}, qr{<option value="$slug" selected>}, 'the operator chooses the client on the page';
like $res->{content}, qr{href="/report\?client=$slug&amp;from=2024-03-04}, 'and links keep it';
is $olga->get("/report?kind=usage&$week&client=no-such-client-x")->{status}, 404, 'an unknown client: 404';

my $anon = Baton::Test::Browser->new;
is $anon->get('/report')->{status}, 303, 'signed out: to sign-in';
is $anon->get('/report?format=csv', headers => { Accept => 'application/json' })->{status}, 401,
    'a script without a session: 401';

# ---- bad inputs -------------------------------------------------------------------

my @bad = (
    ['from=2024-02-30&to=2024-03-01', 400, qr/The field &#39;from&#39; must be a date as YYYY-MM-DD/, 'a day that does not exist'],
    ['from=2024-3-4', 400, qr/must be a date as YYYY-MM-DD/, 'a date not as YYYY-MM-DD'],
    ['to=yesterday', 400, qr/The field &#39;to&#39; must be a date/, 'not a date'],
    ['from=2024-03-10&to=2024-03-04', 400, qr/The start date \(&#39;from&#39;\) is after the end date/, 'from after to'],
    ['from=2020-01-01&to=2024-01-01', 400, qr/at most 731 days/, 'too long a range'],
    ['kind=money', 400, qr/The field &#39;kind&#39; must be one of: usage, queue, agents, attendance/, 'an unknown kind'],
    ['granularity=year', 400, qr/must be one of: day, week, month/, 'an unknown granularity'],
    ['format=xml', 400, qr/must be one of: html, csv/, 'an unknown format'],
    ['kind=attendance&people=1', 400, qr/from 2 to 1000/, 'too few people'],
    ['kind=agents&agent=bob', 400, qr/whole number/, 'an agent that is not an id'],
    ["kind=agents&agent=$agent{oscar}", 404, qr/There is no such agent at this client/, "another client's agent"],
    ['kind=usage&format=csv&table=nope', 404, qr/This report has no table &#39;nope&#39;/, 'an unknown table'],
    ['kind=usage&format=csv&table=%3Cx%3E', 400, qr/must name a table/, 'a table name that is not one'],
    # Only the operator learns whether a client exists; to a supervisor an
    # unknown client looks like anyone else's.
    ['client=no-such-client-x', 403, qr/for supervisors of this client only/, 'an unknown client'],
);
for my $case (@bad) {
    my ($query, $status, $message, $name) = @$case;
    $res = $sue->get("/report?$query");
    is $res->{status}, $status, "$name: $status";
    like $res->{content}, $message, 'with a message';
}

done_testing;
