#!/usr/bin/perl
# The page a link to set a password leads to (cgi-bin/password.c): the link
# checked (unknown, used, replaced, expired, a deactivated account or a
# suspended client: 404), the form's double-submit token, the password
# rules, and the sign-in page after it; the link mailed to the account.
# (The invitations and resets that make links are t/agents.t's.)
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Encode ();
use Baton::Test qw(stack sql admin new_client random_name);
use Baton::Admin qw(link_token set_password_by_link);

my $s = stack();
sub fresh { Baton::Test::Browser->new }
sub invite {
    my ($client, %o) = @_;
    my $email = random_name('inv') . '@example.com';
    my $out = admin(undef, 'agent', 'invite', $client, $email, $o{name} // 'Ivy Invited', $o{role} // 'agent');
    return ($email, link_token($out));
}

my $client = new_client();
my ($email, $token) = invite($client, name => 'Ivy <Invited>');
ok $token, 'baton-admin agent invite prints the link';

my $res = fresh()->get("/password?t=$token");
is $res->{status}, 200, 'the link opens the form';
like $res->{content}, qr/Ivy &lt;Invited&gt;, you are invited as <strong>agent<\/strong>/, 'the name escaped';
like $res->{content}, qr/<strong id="invite-email">\Q$email\E<\/strong>/, 'the account\'s address';
like $res->{headers}{'set-cookie'} // '', qr/baton_csrf=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict/, 'the form\'s token cookie';
is $res->{headers}{'referrer-policy'}, 'no-referrer', 'no Referer carries the token on';
is fresh()->get('/password')->{status}, 400, 'no token: 400';

my $b = fresh();
my $page = $b->get("/password?t=$token");
$res = $b->post('/password', form => [t => $token, password => 'long-password', again => 'long-password'],
    headers => { Origin => $s->{URL} });
is $res->{status}, 400, 'no form token: 400';
$res = $b->post('/password', form => [csrf => 'a' x 64, t => $token, password => 'long-password', again => 'long-password'],
    headers => { Origin => $s->{URL} });
is $res->{status}, 403, 'a wrong form token: 403';
$res = $b->post('/password', form => [csrf => Baton::Test::csrf_from($page->{content}), t => $token,
    password => 'long-password', again => 'long-password'], headers => { Origin => 'https://evil.example' });
is $res->{status}, 403, 'from another site: 403';
is sql("SELECT password_hash = '' FROM agent WHERE email = '$email'")->[0][0], 1, 'nothing was set';
$res = set_password_by_link($token, '');
is $res->{status}, 400, 'no password: 400';
like $res->{content}, qr/Choose a password\./, 'saying so';
my $unicode = Encode::encode_utf8("\x{e9}t\x{e9}-long-password-\x{2603}");
$res = set_password_by_link($token, $unicode);
is $res->{status}, 303, 'any characters make a password';
is $res->{headers}{location}, '/signin?password_set=1', 'then to sign-in';
like fresh()->get('/signin?password_set=1')->{content}, qr/Your password is set: sign in with it\./, 'which says so';
is fresh()->sign_in($email, $unicode)->{status}, 303, 'and the person signs in with it';
is sql("SELECT COUNT(*) FROM account_token WHERE agent_id = (SELECT id FROM agent WHERE email = '$email') AND used_at IS NULL")->[0][0], 0, 'no link of the account is left';

my ($email2, $token2) = invite($client);
admin(undef, 'agent', 'deactivate', $email2);
is fresh()->get("/password?t=$token2")->{status}, 404, 'a deactivated account\'s link is dead';
my $suspended = new_client();
my ($email3, $token3) = invite($suspended);
admin(undef, 'client', 'suspend', $suspended);
is fresh()->get("/password?t=$token3")->{status}, 404, 'so is a suspended client\'s';
admin(undef, 'client', 'resume', $suspended);
is set_password_by_link($token3, 'finally-a-password')->{status}, 303, 'until it is resumed';
is fresh()->post('/password?t=x', form => [])->{status}, 400, 'an empty post: 400';

# The link is mailed to the account too (the private mail server's maildir),
# with the same token; a reset link likewise.
{
    require Baton::Mail;
    Baton::Mail::maildir();
    my $mailed = Baton::Mail::mail_address('ivy');
    my $tok = link_token(admin(undef, 'agent', 'invite', $client, $mailed, 'Ivy Mailed', 'agent'));
    my ($mail) = Baton::Mail::wait_mail($mailed, subject => qr/set your password/);
    ok $mail, 'the invitation is mailed to the new account';
    like $mail ? $mail->{text} : '', qr{/password\?t=\Q$tok\E}, 'with the link the administrator got';
    is $mail && $mail->header('Auto-Submitted'), 'auto-generated', 'as Baton\'s own mail';
    set_password_by_link($tok, 'mailed-password-1');
    my $reset = link_token(admin(undef, 'agent', 'reset', $mailed));
    my ($again) = Baton::Mail::wait_mail($mailed, subject => qr/new password/);
    like $again ? $again->{text} : '', qr{/password\?t=\Q$reset\E}, 'a reset link is mailed as well';
}
done_testing;
