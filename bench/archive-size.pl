#!/usr/bin/perl
# How much busy co-browsing adds to the archive (tools/bench-media runs it
# on a private stack of its own; bench/RESULTS-media.md has the results).
#
# One conversation, played over HTTP at the pace the viewer sends at, for
# BENCH_ARCHIVE_MINUTES (default 5) minutes of wall time (the sampling is by
# the clock, so it cannot be hurried):
#   - both people move their pointers all the time: the viewer reports at
#     most 10 a second each (pointer.fcgi; the archive keeps at most 4);
#   - the leader scrolls half of the time (10 s on, 10 s off), reported at
#     most 4 a second (seen.fcgi);
#   - each says a line every 20 s; the leader draws a freehand mark of 40
#     points every minute and leads to another address every 2 minutes;
#   - one video call, set up as browsers do (offer, answer, 12 candidates
#     each way), muted and unmuted once, hung up: its cost is per call.
# Then it counts the rows added per table, and measures what an hour of
# them takes as stored: the session's rows are copied (under other channel
# ids) until an hour's worth is in, and the growth of InnoDB's data and
# index length (after ANALYZE TABLE: pages, so page overhead included) is
# divided by the rows copied. The copies are removed afterwards. The
# FULLTEXT index of chat lines (channel_event.body) lives in tables of its
# own and is not counted. Prints a report (JSON on the last line).
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use JSON::PP;
use Time::HiRes qw(time sleep);
use Baton::Test qw(stack sql);

my $s = stack();
my $minutes = $ENV{BENCH_ARCHIVE_MINUTES} // 5;
my @tables = qw(channel_event archive_sample media_call media_call_member sample_clock);

sub sizes {
    sql("ANALYZE TABLE $_") for @tables;
    my %out;
    for my $row (@{ sql("SELECT table_name, table_rows, data_length + index_length FROM information_schema.tables"
        . " WHERE table_schema = DATABASE() AND table_name IN (" . join(',', map { "'$_'" } @tables) . ")") }) {
        $out{ $row->[0] } = { rows => $row->[1], bytes => $row->[2] };
    }
    return \%out;
}
sub count_rows {
    my ($channel_id) = @_;
    return {
        channel_event => sql("SELECT COUNT(*), COALESCE(SUM(LENGTH(body)), 0) FROM channel_event WHERE channel_id = $channel_id")->[0],
        last_seq => sql("SELECT last_seq FROM channel WHERE id = $channel_id")->[0][0],
        archive_sample => sql("SELECT COUNT(*), 0 FROM archive_sample WHERE channel_id = $channel_id")->[0],
    };
}

my $c = Baton::Test::open_channel(agent_name => 'Bea Bench');
my ($ch, $agent, $visitor) = @$c{qw(channel agent visitor)};
my $channel_id = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];
my $ids = Baton::Test::participant_ids($agent, $ch);
my $page = "$s->{URL}/demo/kettles.html";

sub post {
    my ($who, $path, @form) = @_;
    my $res = Baton::Test::party_post($who, $path, $ch, [@form]);
    die "$path: $res->{status} $res->{content}" unless $res->{status} == 200 || $res->{status} == 303;
    return Baton::Test::json_decode($res->{content});
}

# ---- the call, measured on its own --------------------------------------
my $before_call = count_rows($channel_id);
my $call = post($agent, '/call', action => 'start', media => 'video')->{call}{id};
post($visitor, '/call', action => 'join', call => $call, media => 'video');
my $sdp = "v=0\r\n" . ("a=candidate-and-codec-line-of-a-video-offer-of-typical-length\r\n" x 90);
post($visitor, '/signal', call => $call, to => $ids->{agent}, type => 'offer', data => $sdp);
post($agent, '/signal', call => $call, to => $ids->{visitor}, type => 'answer', data => $sdp);
for my $i (1 .. 12) {
    my $cand = qq([{"candidate":"candidate:$i 1 udp 2122260223 192.0.2.2 5440$i typ host","sdpMid":"0"}]);
    post($visitor, '/signal', call => $call, to => $ids->{agent}, type => 'candidate', data => $cand);
    post($agent, '/signal', call => $call, to => $ids->{visitor}, type => 'candidate', data => $cand);
}
post($visitor, '/call', action => 'mute', call => $call);
post($visitor, '/call', action => 'unmute', call => $call);
post($agent, '/call', action => 'leave', call => $call);
my $after_call = count_rows($channel_id);

# ---- busy co-browsing -----------------------------------------------------
my $rows_before = count_rows($channel_id);
my $start = time;
my $end = $start + 60 * $minutes;
my ($next_line, $next_mark, $next_address) = ($start, $start + 5, $start + 120);
my ($tick, $requests) = (0, 0);
post($agent, '/go', url => $page, mode => 'frame');
while (time < $end) {
    my $t = time - $start;
    $tick++;
    for my $who ([$agent, 0], [$visitor, 1]) {
        my $x = int(400 + 300 * sin($t / 3 + $who->[1]));
        my $y = int(900 + 500 * cos($t / 5 + $who->[1]));
        post($who->[0], '/pointer', mode => 'page', x => $x, y => $y);
        $requests++;
    }
    # The leader scrolls 10 s of every 20, reported at most every 250 ms.
    if (int($t / 10) % 2 == 0 && $tick % 3 == 0) {
        post($agent, '/seen', url => $page, sx => 0, sy => int(40 * $t) % 2000);
        $requests++;
    }
    if (time >= $next_line) {
        Baton::Test::chat_say($_, $ch, 'A line of ordinary length about the kettle on the page, with a question?')
            for $agent, $visitor;
        $next_line += 20;
        $requests += 2;
    }
    if (time >= $next_mark) {
        my $points = join ',', map { (100 + 5 * $_, 800 + int(30 * sin($_))) } 1 .. 40;
        post($agent, '/mark', action => 'add', id => "m$tick", tool => 'pen', mode => 'page', url => $page,
            color => '#e8590c', width => 4, points => $points);
        $next_mark += 60;
        $requests++;
    }
    if (time >= $next_address) {
        $page = "$s->{URL}/demo/kettles-$tick.html";
        post($agent, '/go', url => $page, mode => 'frame');
        $next_address += 120;
        $requests++;
    }
    my $wait = $start + $tick * 0.1 - time;
    sleep $wait if $wait > 0;
}
my $elapsed = time - $start;
my $rows_after = count_rows($channel_id);
my $per_hour = 3600 / $elapsed;

# An hour's worth of the same rows, to measure what they take as stored.
my $copies = int($per_hour + 0.999);
my $grown_from = sizes();
for my $i (1 .. $copies) {
    my $fake = 4_000_000_000_000 + $i;
    sql("INSERT INTO archive_sample (channel_id, at, participant_id, kind, x, y) SELECT $fake, at, participant_id,"
        . " kind, x, y FROM archive_sample WHERE channel_id = $channel_id");
    sql("INSERT INTO channel_event (channel_id, seq, kind, participant_id, recipient_participant_id, body,"
        . " client_msg_id, at) SELECT $fake, seq, kind, participant_id, recipient_participant_id, body, client_msg_id, at"
        . " FROM channel_event WHERE channel_id = $channel_id AND seq > $rows_before->{last_seq}");
}
my $grown_to = sizes();
sql("DELETE FROM $_ WHERE channel_id > 4000000000000") for qw(archive_sample channel_event);

my %report = (minutes => sprintf('%.2f', $elapsed / 60), requests => $requests,
    requests_per_second => sprintf('%.1f', $requests / $elapsed));
my $total = 0;
my %stored;
for my $table (qw(channel_event archive_sample)) {
    my $rows = $rows_after->{$table}[0] - $rows_before->{$table}[0];
    my $copied = $rows * $copies;
    my $per_row = $copied ? ($grown_to->{$table}{bytes} - $grown_from->{$table}{bytes}) / $copied : 0;
    $stored{$table} = $per_row;
    my $bytes = $rows * $per_hour * $per_row;
    $total += $bytes;
    $report{$table} = { rows => $rows, rows_per_hour => int($rows * $per_hour),
        stored_bytes_per_row => int($per_row + 0.5), bytes_per_hour => int($bytes) };
}
$report{bytes_per_hour} = int($total);
my $call_events = $after_call->{channel_event}[0] - $before_call->{channel_event}[0];
$report{call} = { events => $call_events, bytes => int($call_events * $stored{channel_event}),
    signalling_bodies_left => sql("SELECT COUNT(*) FROM channel_event WHERE channel_id = $channel_id AND kind = 'rtc'"
        . " AND body IS NOT NULL")->[0][0] };

printf "busy co-browsing for %s minutes (%s requests/s):\n", $report{minutes}, $report{requests_per_second};
for my $table (qw(channel_event archive_sample)) {
    my $r = $report{$table};
    printf "  %-15s %6d rows (%7d an hour) x %4d bytes stored = %9d bytes an hour\n", $table, $r->{rows},
        $r->{rows_per_hour}, $r->{stored_bytes_per_row}, $r->{bytes_per_hour};
}
printf "  total: %.1f MB an hour\n", $report{bytes_per_hour} / 1e6;
printf "one call: %d events, about %d bytes (signalling bodies left after it: %d)\n", $report{call}{events},
    $report{call}{bytes}, $report{call}{signalling_bodies_left};
print JSON::PP->new->canonical->encode(\%report), "\n";
