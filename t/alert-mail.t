#!/usr/bin/perl
# Warning mail through the real mail server. A help link used on a domain
# its client has not registered: the operator and the client's alert
# address hear of it the first time, then at most once a day per domain,
# beside the refused-link log. A sign-in from an address the agent has not
# used before is mailed to them; the first sign-in ever and known
# addresses are not.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin);
use Baton::Mail qw(wait_mail mails_to mail_address run_mailer mail_server_idle);

my $s = stack();
my ($operator) = map { /^\s*operator_email\s*=\s*(\S+)/ ? $1 : () }
    do { open my $f, '<', $ENV{BATON_CONF} or die $!; <$f> };
ok $operator, "the stack has an operator address ($operator)" or BAIL_OUT('no operator_email');

# ---- a help link on an unregistered domain ------------------------------------------------
my $client = Baton::Test::new_client();
my $alerts = mail_address('alerts');
like admin(undef, 'client', 'alert-email', $client, $alerts), qr/go to \Q$alerts\E/, 'the client registers an address for alerts';
ok !eval { admin(undef, 'client', 'alert-email', $client, 'not an address'); 1 }, 'baton-admin refuses a non-address';
my ($key) = Baton::Test::new_help_site(client => $client, domains => ['shop.example']);
my $copycat = sprintf 'copy%d%04d.example', time, int rand 10000;
my $subject = qr/^A help link of Client \Q$client\E was used on \Q$copycat\E, which is not registered$/;
sub operator_alerts { return grep { ($_->header('Subject') // '') =~ $subject } mails_to($operator) }

my $v = Baton::Test::Browser->new;
my $res = $v->click_help($key, referer => "https://$copycat/prices.html");
like $res->{content}, qr/The site \Q$copycat\E is not registered with Baton/, 'the visitor is refused';
is sql("SELECT COUNT(*) FROM refused_link WHERE referer = 'https://$copycat/prices.html'")->[0][0], 1,
    'the refusal is logged';
my ($to_client) = wait_mail($alerts, subject => $subject);
ok $to_client, 'the client\'s alert address is told';
like $to_client && $to_client->{text}, qr/registered domains \(shop\.example\)/, 'which domains are registered';
like $to_client && $to_client->{text}, qr{The page: https://\Q$copycat\E/prices\.html}, 'and the page';
is $to_client && $to_client->header('Auto-Submitted'), 'auto-generated', 'as Baton\'s own mail';
ok scalar(wait_mail($operator, subject => $subject)), 'so is the operator';

for my $page (qw(a b c)) {
    $v->click_help($key, referer => "https://$copycat/$page.html");
}
is run_mailer(0), 0, 'after three more clicks from that domain and a round of the sender';
ok mail_server_idle(60), 'and the mail server\'s';
is scalar(@{[wait_mail($alerts, subject => $subject, count => 2, seconds => 1)]}), 1, 'the client was told once';
is scalar(@{[operator_alerts()]}), 1, 'and the operator once';

sql("UPDATE unregistered_domain_alert SET alerted_at = NOW(3) - INTERVAL 25 HOUR WHERE domain = '$copycat'");
$v->click_help($key, referer => "https://$copycat/next-day.html");
is scalar(@{[wait_mail($alerts, subject => $subject, count => 2)]}), 2, 'a day later, the next click tells them again';

my $other = "second-$copycat";
$v->click_help($key, referer => "https://$other/");
ok scalar(wait_mail($alerts, subject => qr/was used on \Q$other\E/)), 'another domain is told of at once';
my $ok = Baton::Test::Browser->new->click_help($key, referer => 'https://shop.example/x.html');
unlike $ok->{content} // '', qr/not registered/, 'a registered domain passes';
is sql("SELECT COUNT(*) FROM unregistered_domain_alert WHERE domain = 'shop.example'")->[0][0], 0, 'is never an alert';

# ---- sign-ins from new addresses -------------------------------------------------------------
my ($email, $password) = Baton::Test::new_agent(name => 'Nina New');
my $b = Baton::Test::Browser->new;
is $b->sign_in($email, $password)->{status}, 303, 'an agent signs in for the first time';
is(Baton::Test::Browser->new->sign_in($email, $password)->{status}, 303, 'and again, in another browser');
is run_mailer(0), 0, 'a round of the sender';
ok mail_server_idle(60), 'all delivered';
is scalar(@{[mails_to($email)]}), 0, 'the first sign-in and the same address again: no alert';
# Her sign-ins so far were (say) from the office.
sql("UPDATE signin_attempt SET ip = '10.1.2.3' WHERE email = '$email'");
is(Baton::Test::Browser->new->sign_in($email, $password)->{status}, 303, 'she signs in from another address');
my ($alert) = wait_mail($email);
ok $alert, 'she is told';
is $alert && $alert->header('Subject'), 'New sign-in to Baton from 127.0.0.1', 'from where';
like $alert && $alert->{text}, qr/address:\s+127\.0\.0\.1\n\s+browser:\s+baton-test\/1/, 'with the address and browser';
like $alert && $alert->{text}, qr/change your password/, 'and what to do if it was not her';
Baton::Test::Browser->new->sign_in($email, $password);
is run_mailer(0), 0, 'signing in again from there';
ok mail_server_idle(60), 'and all delivered';
is scalar(@{[mails_to($email)]}), 1, 'tells her nothing new';
done_testing;
