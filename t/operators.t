#!/usr/bin/perl
# The Operators page (cgi-bin/operators.c): the Baton operator invites a
# colleague in the browser (once only `baton-admin operator invite`), who
# sets a password through the link and signs in as an operator; the same
# lib/admin_clients.c action as baton-admin. Bad input, and every other
# role, refused; the invitation on record.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name);
use Baton::Admin qw(person operator reseller form_post audit_count link_token set_password_by_link);

my $oscar = operator();
my $client = new_client();
my $ada = person($client, 'admin');

my $email = random_name('olivia') . '@example.com';
my $res = form_post($oscar, '/operators', 'invite', email => $email, name => 'Olivia <Ops>');
is $res->{status}, 200, 'the operator invites a colleague';
my ($link) = $res->{content} =~ /id="handover-link" class="copy" readonly value="([^"]+)"/;
my $token = link_token($link);
ok $token, 'with a link to set a password, to pass on';
is_deeply sql("SELECT a.role, c.slug FROM agent a JOIN client c ON c.id = a.client_id WHERE a.email = '$email'")->[0],
    ['operator', 'operator'], 'an operator account, in the operator\'s own client';
like $res->{content}, qr{<strong class="name">Olivia &lt;Ops&gt;</strong>}, 'listed, the name escaped';
like $res->{content}, qr/<span class="chip">invited<\/span>/, 'as invited';
like $res->{content}, qr{href="/agents\?client=operator"}, 'with the way to manage operators\' accounts';
is audit_count('account.invite', "account $email", actor => $oscar->{email}), 1, 'on record';

is set_password_by_link($token, 'olivia-password-1')->{status}, 303, 'the colleague sets a password';
my $b = Baton::Test::Browser->new;
is $b->sign_in($email, 'olivia-password-1')->{status}, 303, 'and signs in';
is $b->get('/resellers')->{status}, 200, 'as an operator: the operator\'s pages open';

$res = form_post($oscar, '/operators', 'invite', email => 'not-an-address', name => 'X');
is $res->{status}, 400, 'not an e-mail address: 400';
like $res->{content}, qr/e-mail/i, 'saying why';
is form_post($oscar, '/operators', 'invite', email => $email, name => 'Again')->{status}, 409, 'the same address again: 409';
is form_post($oscar, '/operators', 'invite', email => random_name('x') . '@example.com', name => '')->{status}, 400, 'no name: 400';

for my $who ([$ada, 'a client\'s administrator'], [person($client, 'supervisor'), 'a supervisor'],
    [person($client, 'agent'), 'an agent'], [reseller(), 'a reseller']) {
    my $sneaky = random_name('sneaky') . '@example.com';
    is form_post($who->[0], '/operators', 'invite', email => $sneaky, name => 'Sneaky')->{status}, 403, "$who->[1]: 403";
    is sql("SELECT COUNT(*) FROM agent WHERE email = '$sneaky'")->[0][0], 0, 'no account made';
}
is $ada->{browser}->get('/operators')->{status}, 403, 'nor may an administrator look';
unlike $ada->{browser}->get('/agents')->{content}, qr/nav-operators/, 'nor is it in their menu';
like $oscar->{browser}->get('/clients')->{content}, qr/id="nav-operators"/, 'it is in the operator\'s';

done_testing;
