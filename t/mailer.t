#!/usr/bin/perl
# The sender (tools/baton-mailer) against the real mail server: a
# temporary failure is retried with back-off and sent once it clears (time
# made to pass with --clock-offset, never slept), and given up after
# mail_give_up_hours; a permanent one (a bounce) is marked and the desk sees
# the bad address; the SMTP relay transport logs in over STARTTLS and
# tells refusals from delays; and two senders running at once send each
# message once. The stack's own mailer is stopped meanwhile, so only the
# senders this test runs send.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use POSIX ();
use Baton::Test qw(stack sql);
use Baton::Mail qw(wait_mail mails_to mail_address run_mailer log_mark wait_log envelope_counts
    mail_server_idle);

my $s = stack();
my $dir = $ENV{BATON_DIR};
my $part = "$ENV{BATON_ROOT}/tools/parts/mailer";
system("$part stop '$dir' >/dev/null 2>&1") == 0 or BAIL_OUT('cannot stop the stack\'s mailer');
END { system("$part start '$dir' 0 >/dev/null 2>&1") if $dir; unlink "$dir/exim/defer-off" if $dir }
unlink "$dir/exim/defer-off";

my ($key, $client) = Baton::Test::new_help_site(ask_question => 1);
my $agent = Baton::Test::signed_in_agent(client => $client, state => 'away');
my $csrf = $agent->{browser}->session_csrf;

# An offline message left with $contact, answered by the agent: the answer
# is queued. Returns (thread id, mail_message id).
sub answered_thread {
    my ($contact) = @_;
    my $v = Baton::Test::Browser->new;
    my $id = $v->ask_help($key, question => 'hello');
    my $vcsrf = Baton::Test::csrf_from($v->get("/wait?r=$id")->{content});
    my $res = $v->post('/message', form => [csrf => $vcsrf, r => $id, name => 'Vera', contact => $contact,
        question => 'hello']);
    die "message: $res->{status}" unless $res->{status} == 303;
    $res = $agent->{browser}->post('/messages', form => [csrf => $csrf, id => $id, action => 'reply',
        text => "An answer for $contact"], headers => { Accept => 'application/json', Origin => $s->{URL} });
    die "reply: $res->{status} $res->{content}" unless $res->{status} == 200;
    my $mail = sql("SELECT m.mail_message_id FROM help_message m JOIN help_request r ON r.id = m.request_id"
        . " WHERE r.public_id = '$id' AND m.direction = 'out'")->[0][0];
    return ($id, $mail);
}

sub mail_row {
    my ($id) = @_;
    my $r = sql("SELECT state, attempts, COALESCE(last_error, ''), TIMESTAMPDIFF(SECOND, NOW(3), next_attempt_at)"
        . " FROM mail_message WHERE id = $id")->[0];
    return { state => $r->[0], attempts => $r->[1], error => $r->[2], due_in => $r->[3] };
}

# ---- a temporary failure: retried, then sent ------------------------------------------
my $later = mail_address('later', 'defer.test');
my ($t1, $m1) = answered_thread($later);
is run_mailer(0), 0, 'a round of the sender';
my $row = mail_row($m1);
is $row->{state}, 'queued', 'mail to a domain that is not taking mail now stays queued';
is $row->{attempts}, 1, 'after one attempt';
like $row->{error}, qr/exited with status 1: .*defer\.test is not taking mail just now/, 'with the mail server\'s words';
ok $row->{due_in} >= 55 && $row->{due_in} <= 60, "the next attempt in a minute ($row->{due_in} s)";
is run_mailer(30), 0, 'half a minute later';
is mail_row($m1)->{attempts}, 1, 'it is not tried yet';
is run_mailer(61), 0, 'a minute later';
$row = mail_row($m1);
is $row->{attempts}, 2, 'it is tried again';
# That round ran 61 s ahead of the clock: its "two minutes later" is 181 s away.
ok $row->{due_in} >= 175 && $row->{due_in} <= 181, "and then two minutes after it ($row->{due_in} s): the wait doubles";

open my $flag, '>', "$dir/exim/defer-off" or die $!;
close $flag;
is run_mailer(200), 0, 'once the domain takes mail again, a later round';
is mail_row($m1)->{state}, 'sent', 'sends it';
my ($got) = wait_mail($later);
ok $got, 'and it arrives';
like $got && $got->{text}, qr/^An answer for \Q$later\E/, 'whole';
unlink "$dir/exim/defer-off";

# ---- given up after mail_give_up_hours -------------------------------------------------
my $never = mail_address('never', 'defer.test');
my ($t2, $m2) = answered_thread($never);
is run_mailer(0), 0, 'mail to a domain that never takes it';
is mail_row($m2)->{state}, 'queued', 'is queued for a retry';
is run_mailer(49 * 3600), 0, 'two days later (mail_give_up_hours = 48)';
$row = mail_row($m2);
is $row->{state}, 'failed', 'it is given up';
like $row->{error}, qr/gave up: still failing after mail_give_up_hours/, 'saying why';
like $agent->{browser}->get("/messages?id=$t2")->{content}, qr{<span class="chip mail-failed"[^>]*>not delivered</span>},
    'the thread shows the answer was not delivered';

# ---- a permanent failure: the bounce is marked --------------------------------------------
my $bad = mail_address('nobody', 'bounce.test');
my ($t3, $m3) = answered_thread($bad);
my $mark = log_mark();
is run_mailer(0), 0, 'mail to an address that does not exist';
# Taken by the mail server, whose bounce may be back already: the mail
# server runs baton-mail-in as soon as it has written it.
like mail_row($m3)->{state}, qr/^(?:sent|bounced)$/, 'is taken by the mail server';
like wait_log($mark, qr/bounced: /), qr/mail $m3 to \Q$bad\E bounced: .*no such user at bounce\.test/,
    'whose bounce comes back through baton-mail-in and is recorded';
is mail_row($m3)->{state}, 'bounced', 'the message is marked bounced';
is sql("SELECT COUNT(*) FROM mail_bad_address WHERE address = '$bad'")->[0][0], 1, 'the address is marked bad';
my $page = $agent->{browser}->get("/messages?id=$t3")->{content};
like $page, qr{<p class="notice bad" id="bounced">Mail to \Q$bad\E bounced: }, 'the thread says the address bounced';
like $agent->{browser}->get('/messages')->{content}, qr{data-thread="$t3">.*?<span class="chip bad-chip">address bounced</span>}s,
    'and so does the list';

# ---- the SMTP relay: STARTTLS, AUTH, refusals and delays ----------------------------------------
sub conf_with {
    my ($name, %set) = @_;
    my $conf = "$dir/baton-$name.conf";
    open my $in, '<', $ENV{BATON_CONF} or die $!;
    open my $out, '>', $conf or die $!;
    print {$out} <$in>;
    print {$out} map { "$_ = $set{$_}\n" } sort keys %set;
    close $out;
    return $conf;
}
my %relay = (mail_transport => 'smtp', smtp_host => '127.0.0.1', smtp_port => $ENV{BATON_SMTP_PORT},
    smtp_security => 'starttls', smtp_user => $ENV{BATON_SMTP_USER}, smtp_password => $ENV{BATON_SMTP_PASSWORD},
    smtp_ca_file => $ENV{BATON_SMTP_CA}, smtp_timeout_seconds => 20);
my $smtp = conf_with('smtp', %relay);
my $relayed = mail_address('relayed');
my ($t4, $m4) = answered_thread($relayed);
is run_mailer(0, conf => $smtp), 0, 'a round through the SMTP relay';
is mail_row($m4)->{state}, 'sent', 'the relay takes the answer';
($got) = wait_mail($relayed);
ok $got, 'and delivers it';
like join(' ', @{ $got->{headers}{received} // [] }), qr/with esmtpsa\s+\(TLS1\.[23]\).*\(envelope-from <bounce\+[0-9a-f]{32}\@/s,
    'over TLS, logged in (esmtpsa), from the bounce address';
my $refused = mail_address('nobody', 'bounce.test');
my ($t5, $m5) = answered_thread($refused);
run_mailer(0, conf => $smtp);
$row = mail_row($m5);
is $row->{state}, 'bounced', 'a recipient the relay refuses (550) is bounced at once';
like $row->{error}, qr/RCPT TO: 550 5\.1\.1 no such user at bounce\.test/, 'with the relay\'s words';
my $delayed = mail_address('delayed', 'defer.test');
my ($t6, $m6) = answered_thread($delayed);
run_mailer(0, conf => $smtp);
$row = mail_row($m6);
is $row->{state}, 'queued', 'a recipient the relay defers (451) is kept';
like $row->{error}, qr/RCPT TO: 451 4\.3\.0 defer\.test is not taking mail just now/, 'saying why';
my $wrong = conf_with('smtp-wrong', %relay, smtp_password => 'not-the-password');
my ($t7, $m7) = answered_thread(mail_address('wrong'));
run_mailer(0, conf => $wrong);
$row = mail_row($m7);
is $row->{state}, 'queued', 'a refused login keeps the mail';
like $row->{error}, qr/login as baton refused: 535/, 'and says so';
my $unchecked = conf_with('smtp-ca', %relay, smtp_ca_file => '');
run_mailer(3600, conf => $unchecked);
like mail_row($m7)->{error}, qr/TLS with 127\.0\.0\.1 failed: self[- ]signed certificate/,
    'a certificate the system does not trust is refused';
run_mailer(7200, conf => $smtp);
is mail_row($m7)->{state}, 'sent', 'with the right settings it goes';

# ---- two senders, each message once ----------------------------------------------------------
my $template = $m4;
my $n = 60;
my $stamp = time . $$;
for my $i (1 .. $n) {
    sql("INSERT INTO mail_message (client_id, kind, recipient, envelope_from, message_id, subject, content,"
        . " next_attempt_at, created_at) SELECT client_id, 'test', 'two$stamp-$i\@example.com', envelope_from,"
        . " '$stamp-$i\@baton.test', subject, content, NOW(3), NOW(3) FROM mail_message WHERE id = $template");
}
my @pids;
for my $sender (1, 2) {
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        { exec "$ENV{BATON_ROOT}/tools/baton-mailer", '--conf', $ENV{BATON_CONF}, '--once' }
        POSIX::_exit(127);
    }
    push @pids, $pid;
}
my @status = map { waitpid($_, 0); $? >> 8 } @pids;
is_deeply \@status, [0, 0], 'two senders run at once';
is sql("SELECT COUNT(*) FROM mail_message WHERE message_id LIKE '$stamp-%' AND state = 'sent' AND attempts = 1")->[0][0],
    $n, "all $n messages are sent, each in one attempt";
Baton::Test::wait_for('every delivery', 60, sub {
    my $c = envelope_counts();
    !grep { !$c->{"two$stamp-$_\@example.com"} } 1 .. $n;
});
ok mail_server_idle(60), 'the mail server has delivered everything';
my $counts = envelope_counts();
is_deeply [map { $counts->{"two$stamp-$_\@example.com"} // 0 } 1 .. $n], [(1) x $n],
    'and each recipient got exactly one';
done_testing;
