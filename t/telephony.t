#!/usr/bin/perl
# The Telephony page (cgi-bin/telephony.c) and desk phones on the Agents
# page: a client's administrator sets the call centre's calling hours,
# country, time zone, retries, times and greeting; the help number, caller
# ID, countries called and phone rate are the operator's (a new phone rate
# joins the terms' history). Desk phones: a SIP account shown once, and off
# again. Each action: the allowed role, the refused roles, another client,
# bad input, and its audit row; the same functions as baton-admin's.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql new_client admin);
use Baton::Admin qw(person operator reseller form_post json_post audit_count);

my $s = stack();
my $client = new_client();
my $other = new_client();
my $ada = person($client, 'admin', name => 'Ada Admin');
my $sue = person($client, 'supervisor');
my $agnes = person($client, 'agent', name => 'Agnes Agent');
my $bob = person($other, 'admin', name => 'Bob Other');
my $olga = operator(name => 'Olga Operator');
my $rex = reseller();
my $cid = sql("SELECT id FROM client WHERE slug = '$client'")->[0][0];

sub line { my ($col) = @_; sql("SELECT $col FROM phone_line WHERE client_id = $cid")->[0][0] }
sub fresh { Baton::Test::Browser->new }

# ---- the page ------------------------------------------------------------------

my $res = $ada->{browser}->get('/telephony');
is $res->{status}, 200, 'an administrator opens the Telephony page';
like $res->{content}, qr{<form method="post" action="/telephony" id="telephony-form"}, 'with its form';
like $res->{content}, qr{<dd id="help-number">none: no calls come in</dd>}, 'the help number shown, not editable';
unlike $res->{content}, qr{name="rate_cents"}, 'nor the phone rate';
like $res->{content}, qr{id="nav-telephony"}, 'the menu leads there';
is $sue->{browser}->get('/telephony')->{status}, 403, 'a supervisor: 403';
is $agnes->{browser}->get('/telephony')->{status}, 403, 'an agent: 403';
is $bob->{browser}->get("/telephony?client=$client")->{status}, 404, 'another client\'s administrator: 404';
isnt $rex->{browser}->get("/telephony?client=$client")->{status}, 200, 'a reseller: refused';
is fresh()->get('/telephony')->{status}, 303, 'not signed in: to the sign-in page';
$res = $olga->{browser}->get("/telephony?client=$client");
is $res->{status}, 200, 'the operator opens it for any client';
like $res->{content}, qr{name="rate_cents" value="0"}, 'with the operator\'s settings to change';

# ---- the administrator's settings ------------------------------------------------

my @whole = (whole => 1, country => 'GB', time_zone => 'Europe/London', calling_hours => 'mon-fri 09:00-17:00',
    retry_tries => 4, retry_minutes => 20, ring_seconds => 25, announce_seconds => 30, message_seconds => 90,
    greeting => 'Thank you for calling <Pine> & Co.');
$res = form_post($ada, '/telephony', 'line', @whole);
is $res->{status}, 200, 'an administrator saves the telephony settings';
like $res->{content}, qr/The telephony settings are saved \(\d+ changed\)\./, 'saying so';
is_deeply [map { line($_) } qw(country time_zone retry_tries retry_minutes ring_seconds announce_seconds message_seconds greeting)],
    ['GB', 'Europe/London', 4, 20, 25, 30, 90, 'Thank you for calling <Pine> & Co.'], 'every one stored';
like admin(undef, 'phone', 'show', $client), qr/calling_hours\tmon-fri 09:00-17:00\n/, 'the calling hours too, as baton-admin shows them';
like $res->{content}, qr{id="calling_hours" name="calling_hours" value="mon-fri 09:00-17:00"}, 'shown in the form';
like $res->{content}, qr{Thank you for calling &lt;Pine&gt; &amp; Co\.</textarea>}, 'the greeting escaped';
is audit_count('phone.setting', 'setting calling_hours', actor => $ada->{email}), 1, 'each change on record';
is audit_count('phone.setting', 'setting greeting', actor => $ada->{email}), 1, 'the greeting too';
like form_post($ada, '/telephony', 'line', @whole)->{content}, qr/Nothing was changed\./, 'the same again changes nothing';
my %otherwise = (@whole, calling_hours => 'Mon 09:00-17:00, tue-fri 09:00-17:00');
like form_post($ada, '/telephony', 'line', %otherwise)->{content}, qr/Nothing was changed\./,
    'nor the same hours written otherwise';

for my $bad ([[calling_hours => 'weekdays 9-5'], qr/Give calling hours as/, 'calling hours in words'],
    [[retry_tries => 'many'], qr/retry_tries must be a whole number/, 'words for a number'],
    [[time_zone => 'Mars/Olympus'], qr/time zone of the tz database/, 'an unknown time zone'],
    [[country => 'XX'], qr/two-letter code/, 'an unknown country'],
    [[ring_seconds => 26, message_seconds => 'long'], qr/message_seconds must be a whole number/, 'one bad among good ones']) {
    my ($fields, $message, $what) = @$bad;
    $res = form_post($ada, '/telephony', 'line', @$fields);
    is $res->{status}, 400, "$what: 400";
    like $res->{content}, $message, 'saying why';
}
is line('ring_seconds'), 25, 'a refused form changes nothing, not even its good fields';
is form_post($ada, '/telephony', 'line', bogus => 1)->{status}, 400, 'no setting at all: 400';

# ---- the operator's settings -----------------------------------------------------

for my $field ([help_number => '+442079460000'], [caller_id => '+442079460000'], [dial_countries => 'GB,FR'], [rate_cents => 9]) {
    my ($r, $answer) = json_post($ada, '/telephony', 'line', @$field);
    is $r->{status}, 403, "an administrator may not set $field->[0]: 403";
    like $answer->{error}, qr/set by the Baton operator/, 'saying whose it is';
}
is line('help_number'), 'NULL', 'nothing changed';
$res = form_post($olga, '/telephony', 'line', client => $client, help_number => '+44 20 7946 0000', rate_cents => 9);
is $res->{status}, 200, 'the operator sets the help number and the phone rate';
is line('help_number'), '+442079460000', 'the number stored as E.164';
is sql("SELECT phone_rate_cents FROM client_terms WHERE client_id = $cid ORDER BY effective_at DESC, id DESC LIMIT 1")->[0][0], 9,
    'the phone rate joins the terms\' history';
is audit_count('phone.setting', 'setting rate_cents', actor => $olga->{email}), 1, 'on record';
my $cid2 = sql("SELECT id FROM client WHERE slug = '$other'")->[0][0];
$res = form_post($olga, '/telephony', 'line', client => $other, help_number => '+442079460000');
is $res->{status}, 400, 'another client\'s help number: 400';
like $res->{content}, qr/belongs to another client/, 'saying so';
like $ada->{browser}->get('/telephony')->{content}, qr{<dd id="help-number">\+442079460000</dd>}, 'the administrator sees it';

# ---- desk phones -------------------------------------------------------------------

$res = form_post($ada, '/agents', 'desk-phone', agent => $agnes->{id});
is $res->{status}, 200, 'an administrator gives an agent a desk phone';
like $res->{content}, qr/Agnes Agent&#39;s calls ring the desk phone from now on\./, 'saying so';
like $res->{content}, qr/Agnes Agent&#39;s desk phone: user desk$agnes->{id}, domain \S+ \(Baton&#39;s SIP proxy\); its password, shown only this once:/,
    'the account named';
my ($password) = $res->{content} =~ /id="handover-link" class="copy" readonly value="([0-9a-f]+)"/;
ok $password && length($password) >= 20, 'its password shown to hand over';
is sql("SELECT sip_user FROM agent_phone WHERE agent_id = $agnes->{id}")->[0][0], "desk$agnes->{id}", 'the account made';
like $ada->{browser}->get('/agents')->{content}, qr{<span class="chip desk-phone">desk phone desk$agnes->{id}</span>}, 'the Agents page shows it';
is audit_count('account.desk_phone', "account $agnes->{email}", actor => $ada->{email}), 1, 'on record';
unlike sql("SELECT detail FROM audit_log WHERE action = 'account.desk_phone' ORDER BY id DESC LIMIT 1")->[0][0], qr/\Q$password\E/,
    'without the password';
is form_post($bob, '/agents', 'desk-phone', agent => $agnes->{id})->{status}, 404, 'another client\'s administrator: 404';
is form_post($sue, '/agents', 'desk-phone', agent => $agnes->{id})->{status}, 403, 'a supervisor: 403';
is form_post($agnes, '/agents', 'desk-phone', agent => $agnes->{id})->{status}, 403, 'the agent: 403';
$res = form_post($ada, '/agents', 'desk-phone-off', agent => $agnes->{id});
is $res->{status}, 200, 'and turns it off';
like $res->{content}, qr/Agnes Agent takes calls in the browser again\./, 'saying so';
is sql("SELECT COUNT(*) FROM agent_phone WHERE agent_id = $agnes->{id}")->[0][0], 0, 'the account removed';
is audit_count('account.desk_phone_off', "account $agnes->{email}"), 1, 'on record';

done_testing;
