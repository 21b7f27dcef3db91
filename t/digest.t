#!/usr/bin/perl
# The weekly digest, through the real mail server, on seeded data: each
# supervisor and admin of the client who has not opted out gets the week's
# figures (the queue report's) and suggestions that match the data, each
# with its number: the hour visitors waited longest or left, with the
# agents available then; the agent whose missed offers rose; the pages that
# led to most help requests. Sent once per week (time made to pass by the
# mailer's --clock-offset); one-click unsubscribe (RFC 8058) stops it.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use POSIX qw(strftime);
use Test::More;
use Baton::Test qw(stack sql admin);
use Baton::Mail qw(wait_mail mails_to mail_address run_mailer mail_server_idle);

my $s = stack();
my $client = Baton::Test::new_client();
my $cid = Baton::Test::client_id($client);
my ($key) = Baton::Test::new_help_site(client => $client, domains => ['shop.example']);
my $site = sql("SELECT id FROM site WHERE site_key = '$key'")->[0][0];
my %people;
for my $p (['sue', 'Sue Supervisor', 'supervisor'], ['adam', 'Adam Admin', 'admin'],
           ['sam', 'Sam Seeded', 'agent'], ['ann', 'Ann Seeded', 'agent']) {
    my ($tag, $name, $role) = @$p;
    my $email = mail_address($tag);
    admin('pw-' . Baton::Test::random_name(''), 'agent', 'add', $client, $email, $name, $role);
    $people{$tag} = { email => $email, id => sql("SELECT id FROM agent WHERE email = '$email'")->[0][0] };
}
admin(undef, 'agent', 'digest', $people{adam}{email}, 'off');
is sql("SELECT digest_opt_out FROM agent WHERE id = $people{adam}{id}")->[0][0], 1, 'Adam opts out with baton-admin';

# The week the digest will cover ends at the next Monday (digest_weekday 1)
# after today; it goes out at 07:00 (digest_hour) that day.
my $now = sql('SELECT UNIX_TIMESTAMP(NOW())')->[0][0];
my $midnight = $now - $now % 86400;
my $wday = (gmtime $midnight)[6];
my $end = $midnight + ((1 - $wday + 7) % 7 || 7) * 86400;
my $start = $end - 7 * 86400;
my $offset = $end + 7 * 3600 + 60 - $now;
sub at { return strftime('%Y-%m-%d %H:%M:%S', gmtime $start + $_[0]) }

# ---- seeded data -------------------------------------------------------------------
sql("INSERT INTO visitor (token_hash, created_at, last_seen_at) VALUES (SHA2(UUID(), 256), NOW(3), NOW(3))");
my $visitor = sql('SELECT MAX(id) FROM visitor')->[0][0];
my @requests;
sub request {
    my ($when, $state, $wait, $page) = @_;
    my $accepted = defined $wait ? "'" . at($when + $wait) . "'" : 'NULL';
    sql("INSERT INTO help_request (public_id, client_id, site_id, visitor_id, state, page_url, created_at, accepted_at)"
        . " VALUES (MD5(UUID()), $cid, $site, $visitor, '$state', 'https://shop.example/$page', '"
        . at($when) . "', $accepted)");
    push @requests, sql('SELECT MAX(id) FROM help_request')->[0][0];
}
my $day = 86400;
# 09:00-10:00 on day 1: five visitors, taken within 20 s, two agents on.
request($day + 9 * 3600 + $_ * 60, 'accepted', 20, $_ == 0 ? 'checkout' : $_ == 4 ? '' : 'pricing') for 0 .. 4;
# 14:00-15:00: five visitors, three left while waiting, two taken after 5 minutes, one agent on.
request($day + 14 * 3600 + $_ * 60, 'cancelled', undef, 'checkout') for 0 .. 2;
request($day + 14 * 3600 + $_ * 60, 'accepted', 300, 'checkout') for 3 .. 4;
for my $e ([sam => 'signin', 'available', 8], [sam => 'state', 'available', 8], [ann => 'signin', 'available', 8],
           [ann => 'state', 'available', 8], [ann => 'state', 'away', 12]) {
    my ($who, $kind, $state, $hour) = @$e;
    sql("INSERT INTO agent_event (agent_id, client_id, kind, state, at) VALUES ($people{$who}{id}, $cid,"
        . " '$kind', '$state', '" . at($day + $hour * 3600) . "')");
}
# Missed offers: Sam 5 this week (1 the week before), Ann 1 (2 before).
sub rolled {
    my ($who, $when, $n) = @_;
    sql("INSERT INTO request_event (request_id, client_id, kind, agent_id, at) VALUES ($requests[0], $cid,"
        . " 'rolled', $people{$who}{id}, '" . at($when) . "')") for 1 .. $n;
}
rolled(sam => $day + 10 * 3600, 5);
rolled(sam => -3 * $day, 1);
rolled(ann => $day + 10 * 3600, 1);
rolled(ann => -3 * $day, 2);

# ---- the digest ------------------------------------------------------------------------
is run_mailer($offset - 120), 0, 'two minutes before 07:00 on the day';
ok mail_server_idle(60), 'the mail server is idle';
is scalar(@{[mails_to($people{sue}{email})]}), 0, 'no digest yet';
is run_mailer($offset), 0, 'just after 07:00';
my ($digest) = wait_mail($people{sue}{email});
ok $digest, 'Sue, a supervisor, gets the digest' or BAIL_OUT('no digest');
my $week = sprintf '%s to %s', strftime('%e %B', gmtime $start) =~ s/^ //r, strftime('%e %B %Y', gmtime $end - $day) =~ s/^ //r;
like $digest->header('Subject'), qr/^Weekly digest for Client \Q$client\E: \Q$week\E$/, 'for the week';
is $digest->header('Auto-Submitted'), 'auto-generated', 'as Baton\'s own mail';
like $digest->header('List-Unsubscribe'), qr{^<\Q$s->{URL}\E/unsubscribe\?t=([0-9a-f]{32})>$}, 'with her unsubscribe link';
is $digest->header('List-Unsubscribe-Post'), 'List-Unsubscribe=One-Click', 'which works with one click';
my $text = $digest->{text};
like $text, qr/^  All requests: 10$/m, 'the figures: ten requests';
like $text, qr/^  Accepted: 7$/m, 'seven accepted';
like $text, qr/^  Cancelled while waiting: 3$/m, 'three cancelled while waiting';
like $text, qr/- Between 14:00-15:00 \(UTC\) 5 visitors asked for help and 3 left while waiting; those taken waited about 5 minutes on average, with 1\.0 agents available on average\./,
    'the worst hour: when, how many left, the wait, the agents on';
like $text, qr/- Sam Seeded let 5 offers pass this week \(1 the week before\)/, 'Sam\'s missed offers rose';
unlike $text, qr/Ann Seeded let/, 'Ann\'s fell: not mentioned';
like $text, qr{      6 from https://shop\.example/checkout\n      3 from https://shop\.example/pricing\n      1 from https://shop\.example/\n},
    'the pages that led to most requests, with their counts';
like $digest->{html}, qr{<li>Sam Seeded let 5 offers pass this week \(1 the week before\)}, 'the HTML part says the same';

is run_mailer($offset + 60), 0, 'the next round';
ok mail_server_idle(60), 'and the mail server\'s';
is scalar(@{[mails_to($people{sue}{email})]}), 1, 'sends no second digest that week';
is scalar(@{[mails_to($people{adam}{email})]}), 0, 'Adam, who opted out, gets none';
is scalar(@{[mails_to($people{sam}{email})]}) + scalar(@{[mails_to($people{ann}{email})]}), 0, 'agents get none';

# ---- one click stops it --------------------------------------------------------------------
my ($link) = $digest->header('List-Unsubscribe') =~ /<(.*)>/;
my ($path) = $link =~ m{^\Q$s->{URL}\E(/.*)$};
my $b = Baton::Test::Browser->new;
my $res = $b->post($path, content => 'List-Unsubscribe=One-Click',
    headers => { 'Content-Type' => 'application/x-www-form-urlencoded', Origin => 'https://mail.example.org' });
is $res->{status}, 200, 'a mail program\'s one-click unsubscribe is taken';
is sql("SELECT digest_opt_out FROM agent WHERE id = $people{sue}{id}")->[0][0], 1, 'Sue has opted out';
is run_mailer($offset + 7 * $day), 0, 'a week later';
ok mail_server_idle(60), 'all delivered';
is scalar(@{[mails_to($people{sue}{email})]}), 1, 'she gets no digest';
like $b->get($path)->{content}, qr{<button type="submit" class="secondary">Get it again</button>}, 'her link offers it again';
done_testing;
