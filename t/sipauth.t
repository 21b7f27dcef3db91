#!/usr/bin/perl
# /sipauth (cgi-bin/sipauth.c) tells Baton's SIP proxy the HA1 of a desk
# phone's account, and nobody else anything: without the secret of
# baton.conf's sip_auth_secret, or with a wrong one, 403; an unknown or
# removed account, or an agent who is disabled, 404; the HA1 is
# MD5(user:realm:password) with the password baton-admin gave.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Digest::MD5 qw(md5_hex);
use Test::More;
use Baton::Test qw(stack sql admin);

my $s = stack();
my $secret = do {
    open my $fh, '<', $s->{CONF} or die "$s->{CONF}: $!";
    my ($line) = grep { /^\s*sip_auth_secret\s*=/ } <$fh>;
    ($line // '') =~ /=\s*(\S+)/ ? $1 : '';
};
plan skip_all => 'no sip_auth_secret in this stack (tools/parts/sip)' unless $secret;

my $b = Baton::Test::Browser->new;
sub ask {
    my ($user, $with) = @_;
    return $b->get("/sipauth?user=$user", headers => { defined $with ? ('X-Baton-Sip-Secret' => $with) : () });
}

my $agent = Baton::Test::signed_in_agent(name => 'Desmond Desk');
my $out = admin(undef, 'agent', 'phone', $agent->{email});
my ($user, $password, $domain) = $out =~ /user (desk\d+), password ([0-9a-f]+), domain (\S+)/
    or BAIL_OUT("baton-admin agent phone said: $out");
is $user, "desk$agent->{id}", 'the account is named after the agent';
cmp_ok length($password), '>=', 20, 'a long random password (80 bits and more)';

my $res = ask($user, $secret);
is $res->{status}, 200, 'Baton\'s proxy asks with the secret: answered';
is $res->{content}, md5_hex("$user:$domain:$password"), 'with MD5(user:realm:password)';
unlike sql("SELECT ha1 FROM agent_phone WHERE agent_id = $agent->{id}")->[0][0], qr/\Q$password\E/,
    'the password itself is not stored';

is ask($user)->{status}, 403, 'without the secret: refused';
is ask($user, 'x' . $secret)->{status}, 403, 'with a wrong one: refused';
is ask('desk0', $secret)->{status}, 404, 'an account nobody has: not found';
is ask('admin', $secret)->{status}, 404, 'a name that is no desk phone\'s: not found';

my $again = admin(undef, 'agent', 'phone', $agent->{email});
my ($password2) = $again =~ /password ([0-9a-f]+)/;
isnt $password2, $password, 'asking again makes a new password';
is ask($user, $secret)->{content}, md5_hex("$user:$domain:$password2"), 'which replaces the old one';

sql("UPDATE agent SET disabled = 1 WHERE id = $agent->{id}");
is ask($user, $secret)->{status}, 404, 'a disabled agent\'s phone: not found';
sql("UPDATE agent SET disabled = 0 WHERE id = $agent->{id}");

like admin(undef, 'agent', 'phone', $agent->{email}, 'off'), qr/in the browser again/, 'the account removed';
is ask($user, $secret)->{status}, 404, 'then not found';
like eval { admin(undef, 'agent', 'phone', 'nobody@example.invalid') } // $@, qr/no agent/,
    'an address that is no agent\'s: refused';

done_testing;
