#!/usr/bin/perl
# Scheduled sessions that reach people, through the real mail server, with
# time made to pass by the mailer's --clock-offset (never by sleeping): the
# visitor's confirmation carries a calendar file; the reminder comes at its
# lead time, not before, to the visitor (with a link that rejoins the queue
# at its head) and to the agent who took the appointment; at the time the
# request enters the queue ahead of those waiting longer and is offered to
# that agent first; a visitor who does not come back has missed it.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX qw(strftime);
use Test::More;
use Baton::Test qw(stack sql);
use Baton::Mail qw(wait_mail mails_to mail_address run_mailer);

my $s = stack();
my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
my $cid = Baton::Test::client_id($client);

# Two agents, away for now: Bo, then Ann (Ann will take the appointment).
my $bo = Baton::Test::signed_in_agent(client => $client, name => 'Bo Busy', state => 'away');
my $ann = Baton::Test::signed_in_agent(client => $client, name => 'Ann Appointment', state => 'away');

# A visitor books a session two hours ahead (UTC, minute precision).
sub book {
    my ($name, $contact) = @_;
    my $v = Baton::Test::Browser->new;
    my $id = $v->ask_help($key, name => $name, question => "$name needs help with the invoice");
    my $csrf = Baton::Test::csrf_from($v->get("/wait?r=$id")->{content});
    my $when = time + 2 * 3600 + 120;
    my $res = $v->post('/schedule', form => [csrf => $csrf, r => $id, offset => 0, contact => $contact,
        date => strftime('%Y-%m-%d', gmtime $when), time => strftime('%H:%M', gmtime $when)]);
    die "schedule: $res->{status} $res->{content}" unless $res->{status} == 303;
    return ($v, $id);
}
# Seconds from the database's now until the appointment.
sub seconds_until {
    my ($id) = @_;
    return sql("SELECT TIMESTAMPDIFF(SECOND, NOW(3), scheduled_for) FROM help_request WHERE public_id = '$id'")->[0][0];
}

my $vera = mail_address('vera');
my ($v, $id) = book('Vera', $vera);
my $scheduled = sql("SELECT DATE_FORMAT(scheduled_for, '%Y%m%dT%H%i00Z') FROM help_request WHERE public_id = '$id'")->[0][0];

# ---- the confirmation -----------------------------------------------------------
my ($confirmation) = wait_mail($vera);
ok $confirmation, 'the visitor gets a confirmation' or BAIL_OUT('no confirmation');
like $confirmation->header('Subject'), qr/^Your help session with Client \Q$client\E: \w+day \d+ \w+ \d{4}, \d\d:\d\d UTC$/,
    'naming the client and the time';
is $confirmation->header('Auto-Submitted'), 'auto-generated', 'sent by Baton itself';
like $confirmation->{headers}{'content-type'}[0], qr{^multipart/mixed;}, 'with an attachment';
my ($ics) = grep { $_->{type} eq 'text/calendar' } @{ $confirmation->{parts} };
ok $ics, 'a text/calendar part';
is $ics && $ics->{filename}, 'appointment.ics', 'named appointment.ics';
my $cal = $ics ? $ics->{text} : '';
(my $unfolded = $cal) =~ s/\r?\n //g;
like $unfolded, qr/\ABEGIN:VCALENDAR\r?\nVERSION:2\.0\r?\n/, 'an iCalendar file (RFC 5545)';
like $unfolded, qr/^DTSTART:$scheduled\r?$/m, 'starting at the time booked, in UTC';
my ($start) = $scheduled =~ /T(\d\d)(\d\d)/;
like $unfolded, qr/^DTEND:\d{8}T\d{6}Z\r?$/m, 'with an end';
like $unfolded, qr/^UID:$id\@/m, 'a stable UID';
like $unfolded, qr/^SUMMARY:Help session with Client \Q$client\E\r?$/m, 'a summary';
my ($link) = $unfolded =~ m{^URL:(\S+?)\r?$}m;
like $link, qr{^\Q$s->{URL}\E/rejoin\?r=$id&k=[0-9a-f]{32}$}, 'and the rejoin link';
like $confirmation->{text}, qr/\Q$link\E/, 'which the text gives too';

# ---- Ann takes it; the reminders come at their time, not before ----------------------
my $csrf = $ann->{browser}->session_csrf;
my $res = $ann->{browser}->post('/appointment', form => [csrf => $csrf, request => $id, action => 'take'],
    headers => { Accept => 'application/json', Origin => $s->{URL} });
is $res->{status}, 200, 'Ann takes the appointment from her console';
my ($entry) = grep { $_->{id} eq $id } @{ $ann->{browser}->console_snapshot->{scheduled} };
is $entry && $entry->{mine}, '1', 'her console shows it as hers';

my $until = seconds_until($id);
is run_mailer($until - 3600 - 60), 0, 'sixty-one minutes before the time (the lead is sixty)';
is sql("SELECT reminder_sent_at IS NULL FROM help_request WHERE public_id = '$id'")->[0][0], 1, 'no reminder yet';
is run_mailer($until - 3600 + 60), 0, 'fifty-nine minutes before';
my @vera = wait_mail($vera, count => 2);
my ($reminder) = grep { ($_->header('Subject') // '') =~ /^Soon:/ } @vera;
ok $reminder, 'the visitor is reminded';
like $reminder && $reminder->header('Subject'), qr/^Soon: your help session with Client \Q$client\E at /, 'saying when';
like $reminder && $reminder->{text}, qr/\Q$link\E/, 'with the rejoin link';
my ($ann_mail) = wait_mail($ann->{email});
ok $ann_mail, 'and so is Ann';
like $ann_mail && $ann_mail->header('Subject'), qr/^Appointment at .* UTC with Vera$/, 'with whom';
like $ann_mail && $ann_mail->{text}, qr/Vera needs help with the invoice/, 'and the question';
is run_mailer($until - 3600 + 120), 0, 'another round';
is scalar(@{[mails_to($vera)]}), 2, 'reminds nobody twice';

# ---- at the time: into the queue, ahead, offered to Ann first ---------------------------
my $w = Baton::Test::Browser->new;
my $wid = $w->ask_help($key, name => 'Walter Waiting', question => 'here now');
$until = seconds_until($id);
is run_mailer($until + 5), 0, 'the time comes';
my $row = Baton::Test::request_row($id);
is $row->{state}, 'waiting', 'the appointment enters the queue';
is $row->{priority}, 1001, 'above every priority staff can give';
my $queue = $bo->{browser}->console_snapshot->{queue};
is_deeply [ (map { $_->{id} } @$queue)[0 .. 1] ], [$id, $wid], 'ahead of the visitor who waited longer';
is_deeply Baton::Test::request_events($id), [qw(created scheduled due)], 'archived as due';

# Both agents free at once (Bo idle longer): the one who took it gets it.
# One statement: routing running between two would see Bo alone.
sql("UPDATE agent SET state = 'available', idle_since = IF(id = $bo->{id},"
    . " NOW(3) - INTERVAL 1 HOUR, NOW(3)) WHERE id IN ($bo->{id}, $ann->{id})");
Baton::Test::wait_for('the offers', 30, sub { Baton::Test::request_row($id)->{state} eq 'offered'
    && Baton::Test::request_row($wid)->{state} eq 'offered' });
is Baton::Test::request_row($id)->{offered_agent_id}, $ann->{id}, 'the appointment is offered to Ann, who took it';
is Baton::Test::request_row($wid)->{offered_agent_id}, $bo->{id}, 'the visitor who waited, to Bo';

# ---- Vera comes back through the link, in another browser ----------------------------------
my $phone = Baton::Test::Browser->new;
my ($path) = $link =~ m{^\Q$s->{URL}\E(/rejoin\?.*)$};
my $page = $phone->get($path);
is $page->{status}, 200, 'the reminder\'s link opens, in a browser that never saw Baton';
like $page->{content}, qr{<form method="post" action="/rejoin" id="rejoin-form">}, 'with a button to join';
is Baton::Test::request_row($id)->{visitor_id}, $row->{visitor_id}, 'opening it changed nothing';
$res = $phone->post('/rejoin', form => [csrf => Baton::Test::csrf_from($page->{content}), r => $id,
    k => ($link =~ /k=([0-9a-f]{32})/)[0]]);
is $res->{status}, 303, 'joining';
is $res->{headers}{location}, "/wait?r=$id", 'leads to the waiting page';
is $phone->get("/wait?r=$id")->{status}, 200, 'which this browser may see';
is sql("SELECT visitor_back_at IS NOT NULL FROM help_request WHERE public_id = '$id'")->[0][0], 1, 'Vera is back';

# ---- Max never comes back -----------------------------------------------------------------------
my ($v2, $id2) = book('Max Missing', mail_address('max'));
$until = seconds_until($id2);
is run_mailer($until + 5), 0, 'Max\'s time comes';
is Baton::Test::request_row($id2)->{state}, 'waiting', 'his request enters the queue (both agents are offered others)';
is run_mailer($until + 14 * 60), 0, 'fourteen minutes later (the grace is fifteen)';
is Baton::Test::request_row($id2)->{state}, 'waiting', 'it still waits';
is run_mailer($until + 16 * 60), 0, 'sixteen minutes later';
is Baton::Test::request_row($id2)->{state}, 'missed', 'the appointment is recorded as missed';
is_deeply Baton::Test::request_events($id2), [qw(created scheduled due missed)], 'archived so';
ok !(grep { $_->{id} eq $id2 } @{ $bo->{browser}->console_snapshot->{queue} }), 'and it left the queue';
is Baton::Test::request_row($id)->{state}, 'offered', 'Vera, who came back, is not missed';
done_testing;
