#!/usr/bin/perl
# Help requests by e-mail, through the real mail server into
# tools/baton-mail-in: mail to a site's help address waits in the queue
# beside the live requests, is offered by the same routing, taken with
# Accept and answered in its thread; the sender hears it arrived. Machines
# are never answered (auto-replies, lists), bad mail (malformed, oversized,
# refused attachments) is refused with its reason in the log and nothing
# stored, and mail delivered twice is stored once.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use utf8;
use Test::More;
use MIME::Base64 ();
use Baton::Test qw(stack sql admin);
use Baton::Mail qw(wait_mail mails_to send_mail mail_address wait_log log_mark run_mailer);

my $s = stack();
my $domain = $ENV{BATON_MAIL_DOMAIN} // 'baton.test';

my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
my $cid = Baton::Test::client_id($client);
my $help = "help-$client\@$domain";
like admin(undef, 'site', 'help-address', $key, uc $help), qr/now becomes a help request/,
    'baton-admin gives the site a help address (stored lower case)';
is sql("SELECT help_address FROM site WHERE site_key = '$key'")->[0][0], $help, 'lower case';
my $agent = Baton::Test::signed_in_agent(client => $client, name => 'Dana Desk');
my $b = $agent->{browser};
like $b->get('/settings')->{content}, qr{Help by e-mail: <strong>\Q$help\E</strong>}, 'the settings page shows the help address';
like admin(undef, 'site', 'list', $client), qr/\t\Q$help\E$/m, 'and so does baton-admin site list';

sub requests { return sql("SELECT COUNT(*) FROM help_request WHERE client_id = $cid")->[0][0] }
sub messages { return sql("SELECT COUNT(*) FROM help_message WHERE client_id = $cid")->[0][0] }

# A message as a mail program sends it: headers, then the body lines.
sub mail_text {
    my (%h) = @_;
    my $body = delete $h{body} // "Hello\r\n";
    my @order = grep { exists $h{$_} } qw(From To Subject Message-ID In-Reply-To References Date
        Auto-Submitted Precedence List-Id X-Autoreply MIME-Version Content-Type);
    return join('', map { "$_: $h{$_}\r\n" } @order) . "\r\n" . $body;
}

# ---- a help request by e-mail --------------------------------------------------
my $pat = mail_address('pat');
my $mid = sprintf 'req-%d-%d@mail.example.com', time, $$;
my $png = MIME::Base64::decode_base64('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==');
my $mark = log_mark();
my ($ok, $code) = send_mail($pat, $help, mail_text(
    From => "Pat Smith <$pat>", To => $help, Subject => 'My order 4711 never came',
    'Message-ID' => "<$mid>", Date => 'Sun, 06 Dec 2026 09:00:00 +0000', 'MIME-Version' => '1.0',
    'Content-Type' => 'multipart/mixed; boundary="b1"',
    body => "--b1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nIt was due on Friday.\r\n"
        . "--b1\r\nContent-Type: image/png\r\nContent-Disposition: attachment; filename=\"receipt.png\"\r\n"
        . "Content-Transfer-Encoding: base64\r\n\r\n" . MIME::Base64::encode_base64($png, "\r\n")
        . "--b1--\r\n"));
ok $ok, 'the mail server takes the mail for the help address';
like wait_log($mark, qr/help request [0-9a-f]{32} in the queue/), qr/mail to \Q$help\E from \Q$pat\E: help request/,
    'baton-mail-in makes it a help request';
my ($id) = sql("SELECT public_id FROM help_request WHERE client_id = $cid AND via = 'email'")->[0][0];
ok $id, 'one request by e-mail';

my $q;
Baton::Test::wait_for('the offer', 30, sub {
    ($q) = grep { $_->{id} eq $id } @{ $b->console_snapshot->{queue} };
    $q && $q->{offered_to_me} eq '1';
});
ok $q, 'it waits in the queue beside the live ones';
is $q->{via}, 'email', 'marked as by e-mail';
is $q->{name}, 'Pat Smith', 'with the sender\'s name';
like $q->{question}, qr/^My order 4711 never came\n\nIt was due on Friday\./, 'the subject and the text';
is $q->{offered_to_me}, '1', 'and the routing offers it to the available agent';
like $b->get('/console')->{content}, qr{<strong class="visitor-name">Pat Smith</strong>\s*<span class="chip">by e-mail</span>}, 'the console says it came by e-mail';

my ($ack) = wait_mail($pat);
ok $ack, 'the sender hears it arrived';
is $ack->header('Subject'), 'We have your message: My order 4711 never came', 'with its subject';
is $ack->header('Auto-Submitted'), 'auto-replied', 'as an automatic answer';
is $ack->header('In-Reply-To'), "<$mid>", 'in reply to it';
like $ack->header('Reply-To'), qr/^<reply\+[0-9a-f]{32}\@\Q$domain\E>$/, 'with the thread\'s reply address';

# ---- taken and answered ----------------------------------------------------------
my $csrf = $b->session_csrf;
my $res = $b->post('/accept', form => [csrf => $csrf, request => $id],
    headers => { Accept => 'application/json', Origin => $s->{URL} });
is $res->{status}, 200, 'the agent accepts it';
my $answer = Baton::Test::json_decode($res->{content});
is $answer->{url}, "/messages?id=$id", 'into its thread, not a channel';
my $row = Baton::Test::request_row($id);
is $row->{state}, 'accepted', 'the request is accepted';
is $row->{accepted_agent_id}, $agent->{id}, 'by the agent';
is $row->{channel_id}, undef, 'with no channel';
my $page = $b->get("/messages?id=$id");
like $page->{content}, qr{<div class="body">It was due on Friday\.</div>}, 'the thread shows the mail';
my ($attachment) = $page->{content} =~ m{<a href="/messages\?attachment=(\d+)" download>receipt\.png</a>};
ok $attachment, 'and its attachment';
$res = $b->get("/messages?attachment=$attachment");
is $res->{status}, 200, 'which downloads';
ok $res->{content} eq $png, 'byte for byte';
is $res->{headers}{'content-type'}, 'application/octet-stream', 'never as a page';
like $res->{headers}{'content-disposition'}, qr/^attachment; filename="receipt\.png"/, 'as an attachment';
my $outsider = Baton::Test::signed_in_agent(state => 'away');
is $outsider->{browser}->get("/messages?attachment=$attachment")->{status}, 404, 'but not for another client';

$res = $b->post('/messages', form => [csrf => $csrf, id => $id, action => 'reply', text => 'It is on its way.'],
    headers => { Accept => 'application/json', Origin => $s->{URL} });
is $res->{status}, 200, 'the agent answers';
my @mails = wait_mail($pat, count => 2);
my ($reply) = grep { ($_->header('Subject') // '') eq 'Re: My order 4711 never came' } @mails;
ok $reply, 'the answer arrives, Re: the subject';
is $reply && $reply->header('In-Reply-To'), "<$mid>", 'in reply to the mail';

# ---- machines are never answered ------------------------------------------------
my $reply_to = ($ack->header('Reply-To') =~ /<(.*)>/)[0];
my $before = messages();
$mark = log_mark();
($ok) = send_mail($pat, $reply_to, mail_text(From => "<$pat>", To => $reply_to, Subject => 'Out of office',
    'Auto-Submitted' => 'auto-replied', 'X-Autoreply' => 'yes', body => "I am away until Monday.\r\n"));
ok $ok, 'an out-of-office reply comes back';
like wait_log($mark, qr/refused: sent by a machine/), qr/mail to \Q$reply_to\E from \Q$pat\E refused: sent by a machine \(Auto-Submitted\): never answered/,
    'it is refused as automatic, in the log';
is messages(), $before, 'and not stored';
my $requests = requests();
$mark = log_mark();
($ok) = send_mail('news@lists.example.org', $help, mail_text(From => '<news@lists.example.org>', To => $help,
    Subject => 'Our newsletter', 'List-Id' => '<news.lists.example.org>', Precedence => 'bulk'));
like wait_log($mark, qr/refused: sent by a machine/), qr/refused: sent by a machine \(Precedence\)/, 'a list\'s mail is refused';
is requests(), $requests, 'no request from it';
is run_mailer(0), 0, 'a round of the sender';
is scalar(@{[mails_to('news@lists.example.org')]}), 0, 'and no acknowledgement to the list';

$mark = log_mark();
send_mail("help\@$domain", $help, mail_text(From => "<help\@$domain>", To => $help, Subject => 'a loop?'));
like wait_log($mark, qr/a loop/), qr/refused: mail from Baton's own address \(a loop\)/,
    'mail from Baton\'s own address is refused';
is requests(), $requests, 'no request from it';

# ---- bad mail ---------------------------------------------------------------------
$mark = log_mark();
($ok) = send_mail($pat, $help, "this is no mail\r\nat all\r\n");
ok $ok, 'a malformed message is taken by the mail server';
like wait_log($mark, qr/refused: malformed/), qr/mail to \Q$help\E from \(no usable sender\) refused: malformed: no From field/,
    'and refused by Baton, with the reason in the log';
$mark = log_mark();
my $big = 'x' x 76 . "\r\n";
($ok, $code) = send_mail($pat, $help, mail_text(From => "<$pat>", To => $help, Subject => 'huge',
    body => $big x (11 * 1024 * 1024 / 78)));
ok $ok, 'an oversized message passes the mail server\'s own, larger limit';
like wait_log($mark, qr/refused: \d+ bytes/), qr/refused: \d+ bytes, more than mail_in_max_bytes \(10485760\)/,
    'and is refused by Baton for its size';
is requests(), $requests, 'neither made a request';
is messages(), $before, 'nor stored anything';

# ---- writing again before being answered --------------------------------------
$requests = requests();
$mark = log_mark();
send_mail($pat, $help, mail_text(From => "<$pat>", To => $help, Subject => 'Also: the invoice',
    'Message-ID' => "<again-$mid>", body => "And the invoice is wrong.\r\n"));
like wait_log($mark, qr/added to the sender's open request/), qr/mail to \Q$help\E from \Q$pat\E: added to the sender's open request/,
    'a new mail from someone with an open thread';
is requests(), $requests, 'makes no second request';
like $b->get("/messages?id=$id")->{content}, qr{<div class="body">And the invoice is wrong\.</div>}, 'it joins the thread';

# The attachment settings, on a copy of the configuration.
for my $setting (qw(refuse drop)) {
    my $sender = mail_address("att-$setting");
    my $conf = "$ENV{BATON_DIR}/baton-attachments-$setting.conf";
    open my $in, '<', $ENV{BATON_CONF} or die $!;
    open my $out, '>', $conf or die $!;
    print {$out} <$in>, "mail_in_attachments = $setting\nmail_acknowledge = no\n";
    close $out;
    my $m = mail_text(From => "<$sender>", To => $help, Subject => "attached ($setting)",
        'Message-ID' => "<att-$setting-$mid>", 'MIME-Version' => '1.0',
        'Content-Type' => 'multipart/mixed; boundary="b2"',
        body => "--b2\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b2\r\n"
            . "Content-Type: application/pdf; name=\"a.pdf\"\r\n\r\n%PDF-1.4\r\n--b2--\r\n");
    $mark = log_mark();
    open my $pipe, '|-', "$ENV{BATON_ROOT}/tools/baton-mail-in", '--conf', $conf, '--to', $help or die $!;
    print {$pipe} $m;
    close $pipe;
    is $? >> 8, 0, "mail_in_attachments = $setting: the program ends well";
    if ($setting eq 'refuse') {
        like Baton::Mail::log_since($mark), qr/refused: it has attachments \(mail_in_attachments = refuse\)/, 'refuse: refused, logged';
        is requests(), $requests, 'and nothing stored';
    } else {
        is requests(), $requests + 1, 'drop: the request is made';
        my $body = sql("SELECT m.body FROM help_message m WHERE m.rfc_message_id = 'att-drop-$mid'")->[0][0];
        is $body, 'see attached\n\n[1 attachment(s) left out]', 'without the file, saying so';
        is sql("SELECT COUNT(*) FROM help_attachment t JOIN help_message m ON m.id = t.help_message_id"
            . " WHERE m.rfc_message_id = 'att-drop-$mid'")->[0][0], 0, 'no file kept';
    }
}

# ---- the same mail twice ------------------------------------------------------------
$requests = requests();
my $twice = mail_address('twice');
my $again = mail_text(From => "<$twice>", To => $help, Subject => 'twice', 'Message-ID' => "<twice-$mid>");
for (1, 2) {
    $mark = log_mark();
    send_mail($twice, $help, $again);
    wait_log($mark, qr/mail to \Q$help\E from \Q$twice\E: /);
}
is requests(), $requests + 1, 'a message delivered twice makes one request';
is sql("SELECT COUNT(*) FROM help_message WHERE rfc_message_id = 'twice-$mid'")->[0][0], 1, 'stored once';

$mark = log_mark();
send_mail($pat, "nobody-$client\@$domain", mail_text(From => "<$pat>", To => "nobody-$client\@$domain", Subject => 'hi'));
like wait_log($mark, qr/refused: no site/), qr/refused: no site has this help address/, 'an unknown address is refused';

# ---- in the visitor's language ---------------------------------------------------
# Lucía last asked in Spanish (her request's language): the acknowledgement
# of her next mail, and an agent's reply to it, speak Spanish
# (templates/lang/es.hdf; lib/thread.c).
sub catalogue {
    my ($lang) = @_;
    open my $fh, '<:encoding(UTF-8)', "$ENV{BATON_ROOT}/templates/lang/$lang.hdf" or die "$lang.hdf: $!";
    return { map { /^([a-z0-9_.]+) = (.+)$/ ? ($1 => $2) : () } <$fh> };
}
my $es = catalogue('es');
my $lucia = mail_address('lucia');
send_mail($lucia, $help, mail_text(From => "Lucia <$lucia>", To => $help, Subject => 'Pedido 4711', 'Message-ID' => "<es1-$mid>"));
my ($first_ack) = wait_mail($lucia);
is $first_ack && $first_ack->header('Subject'), 'We have your message: Pedido 4711', 'a newcomer by e-mail: English';
# Her request was in Spanish (as a help link on a Spanish page makes it),
# it is done, and an hour has passed: another acknowledgement is due.
sql("UPDATE help_request SET lang = 'es', state = 'cancelled', thread_state = 'done' WHERE client_id = $cid AND contact = '$lucia'");
sql("UPDATE mail_message SET created_at = created_at - INTERVAL 2 HOUR WHERE recipient = '$lucia' AND kind = 'acknowledgement'");
send_mail($lucia, $help, mail_text(From => "Lucia <$lucia>", To => $help, Subject => 'Pedido 4712',
    'Message-ID' => "<es2-$mid>", body => "No ha llegado.\r\n"));
my ($ack_es) = wait_mail($lucia, subject => qr/4712/);
is $ack_es && $ack_es->header('Subject'), $es->{'mail.ack_subject'} =~ s/\{subject\}/Pedido 4712/r, 'the acknowledgement\'s subject in Spanish';
ok $ack_es && index($ack_es->{text}, $es->{'mail.ack_more'}) >= 0, 'its text in Spanish';
ok $ack_es && index($ack_es->{html} // '', $es->{'mail.ack_more'}) >= 0 && $ack_es->{html} =~ /<html lang="es">/, 'and its HTML part';
my ($id_es) = sql("SELECT public_id FROM help_request WHERE client_id = $cid AND contact = '$lucia' ORDER BY id DESC LIMIT 1")->[0][0];
is sql("SELECT lang FROM help_request WHERE public_id = '$id_es'")->[0][0], 'es', 'the new request keeps the language';
$res = $b->post('/accept', form => [csrf => $csrf, request => $id_es], headers => { Accept => 'application/json', Origin => $s->{URL} });
is $res->{status}, 200, 'the agent takes it' or diag $res->{content};
$res = $b->post('/messages', form => [csrf => $csrf, id => $id_es, action => 'reply', text => 'Ya sale hoy.'],
    headers => { Accept => 'application/json', Origin => $s->{URL} });
is $res->{status}, 200, 'the agent answers it' or diag $res->{content};
my ($reply_es) = wait_mail($lucia, subject => qr/^Re: Pedido 4712$/);
ok $reply_es && index($reply_es->{text}, $es->{'mail.reply_footer'}) >= 0, 'the reply\'s own words in Spanish';
done_testing;
