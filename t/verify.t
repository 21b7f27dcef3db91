#!/usr/bin/perl
# Two-factor sign-in (lib/two_factor.c, cgi-bin/verify.c, the profile's
# forms): turning it on with a first code from the app, recovery codes
# shown once, the second step of signing in (a wrong code, a code used
# twice, five tries, a recovery code once), turning it off with the
# password, and an administrator turning it off for someone else.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Digest::SHA qw(hmac_sha1);
use Test::More;
use Baton::Test qw(stack sql admin new_client random_name);
use Baton::Admin qw(person reseller form_post audit_count);

my $s = stack();
sub fresh { Baton::Test::Browser->new }

# RFC 6238 with the app's defaults: base32 key, SHA1, 30 s, 6 digits.
sub base32_decode {
    my ($text) = @_;
    $text =~ s/[\s=]//g;
    my $bits = join '', map { sprintf '%05b', index('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', uc $_) } split //, $text;
    $bits = substr($bits, 0, length($bits) - length($bits) % 8);
    return pack 'B*', $bits;
}
sub totp {
    my ($key, $step) = @_;
    $step //= int(time / 30);
    my $mac = hmac_sha1(pack('NN', 0, $step), base32_decode($key));
    my $offset = ord(substr $mac, -1) & 0x0f;
    my $value = unpack('N', substr $mac, $offset, 4) & 0x7fffffff;
    return sprintf '%06d', $value % 1_000_000;
}

my $client = new_client();
my $ada = person($client, 'admin');
my $tom = person($client, 'agent', name => 'Tom Two');

my $res = form_post($tom, '/profile', 'two-factor-start');
is $res->{status}, 200, 'an agent starts setting up two-factor sign-in';
my ($key) = $res->{content} =~ m{<code id="two-factor-key">([A-Z2-7 ]+)</code>};
ok $key, 'the key to type in the app is shown';
like $res->{content}, qr{data-uri="otpauth://totp/Baton:[^"]*%40example\.com\?secret=[A-Z2-7]+&amp;issuer=Baton&amp;digits=6&amp;period=30"}, 'and its otpauth address for the QR code';
$res = form_post($tom, '/profile', 'two-factor-confirm', code => '000000');
is $res->{status}, 400, 'a wrong first code: 400';
like $res->{content}, qr/That is not the code your app shows now/, 'saying so';
$res = form_post($tom, '/profile', 'two-factor-confirm', code => totp($key));
is $res->{status}, 200, 'the right code turns it on';
like $res->{content}, qr/Two-factor sign-in is on/, 'saying so';
my ($codes) = $res->{content} =~ /id="handover-link" class="copy" readonly value="([^"]+)"/;
my @recovery = split ' ', $codes // '';
is scalar @recovery, 10, 'ten recovery codes, shown once';
like $recovery[0], qr/^[A-Z2-7]{5}-[A-Z2-7]{5}$/, 'each easy to type';
unlike $tom->{browser}->get('/profile')->{content}, qr/\Q$recovery[0]\E/, 'never shown again';
is audit_count('account.two_factor', $tom->{email}), 1, 'on record';
is sql("SELECT COUNT(*) FROM recovery_code WHERE agent_id = $tom->{id} AND code_hash = SHA2('" . ($recovery[0] =~ s/-//r) . "', 256)")->[0][0], 1, 'kept only hashed';

# Signing in now takes a code.
my $b = fresh();
$res = $b->sign_in($tom->{email}, $tom->{password});
is $res->{status}, 303, 'the right password';
is $res->{headers}{location}, '/verify', 'leads to the code, not the console';
is $b->get('/console')->{status}, 303, 'with no session yet';
my $page = $b->get('/verify');
is $page->{status}, 200, 'the code form';
my $csrf = Baton::Test::csrf_from($page->{content});
$res = $b->post('/verify', form => [csrf => $csrf, code => '123456'], headers => { Origin => $s->{URL} });
is $res->{status}, 403, 'a wrong code: 403';
like $res->{content}, qr/That code is not right/, 'saying so';
is sql("SELECT outcome FROM signin_attempt WHERE email = '$tom->{email}' ORDER BY id DESC LIMIT 1")->[0][0], 'bad_code', 'counted as a failed sign-in';
# The first code was used to turn it on: a code works once, so the app's
# next one (the step after, which is accepted for clocks that drift).
my $code = totp($key, int(time / 30) + 1);
$res = $b->post('/verify', form => [csrf => $csrf, code => $code], headers => { Origin => $s->{URL} });
is $res->{status}, 303, 'the right code signs in';
is $res->{headers}{location}, '/console', 'to the console';
is $b->get('/console')->{status}, 200, 'with a session';
my $c = fresh();
$c->sign_in($tom->{email}, $tom->{password});
$res = $c->post('/verify', form => [csrf => Baton::Test::csrf_from($c->get('/verify')->{content}), code => $code],
    headers => { Origin => $s->{URL} });
is $res->{status}, 403, 'the same code does not work twice';
$res = $c->post('/verify', form => [csrf => Baton::Test::csrf_from($c->get('/verify')->{content}), code => lc $recovery[0]],
    headers => { Origin => $s->{URL} });
is $res->{status}, 303, 'a recovery code signs in (typed in lower case)';
my $d = fresh();
$d->sign_in($tom->{email}, $tom->{password});
my $dcsrf = Baton::Test::csrf_from($d->get('/verify')->{content});
is $d->post('/verify', form => [csrf => $dcsrf, code => $recovery[0]], headers => { Origin => $s->{URL} })->{status}, 403, 'once';
is $d->post('/verify', form => [csrf => $dcsrf, code => 'x'], headers => { Origin => $s->{URL} })->{status}, 403, 'junk: 403';
$d->post('/verify', form => [csrf => $dcsrf, code => '000001'], headers => { Origin => $s->{URL} }) for 1 .. 2;
$res = $d->post('/verify', form => [csrf => $dcsrf, code => '000002'], headers => { Origin => $s->{URL} });
is $res->{status}, 404, 'after five wrong codes the sign-in is over';
like $res->{content}, qr/wrong five times: sign in again with your password/, 'saying so';
is $d->post('/verify', form => [csrf => $dcsrf, code => totp($key, int(time / 30) + 1)], headers => { Origin => $s->{URL} })->{status}, 404, 'even for a right code';
is fresh()->get('/verify')->{status}, 303, 'no sign-in under way: back to sign-in';
my $e = fresh();
is $e->sign_in($tom->{email}, $tom->{password})->{status}, 429, 'wrong codes count towards the sign-in back-off, as wrong passwords do';
sql("DELETE FROM signin_attempt WHERE email = '$tom->{email}'");
$e->sign_in($tom->{email}, $tom->{password});
sql("UPDATE signin_challenge SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE agent_id = $tom->{id}");
my $expired = $e->post('/verify', form => [csrf => Baton::Test::csrf_from($e->get('/verify')->{content}), code => '654321'],
    headers => { Origin => $s->{URL} });
is $expired->{status}, 404, 'an expired sign-in takes no code' or diag $expired->{content};
is $e->post('/verify', form => [code => '123456'], headers => { Origin => $s->{URL} })->{status}, 400, 'no form token: 400';

# Suspended between the password and the code: a client's agent and a
# reseller's own account alike get no session from the code step, which
# says why, and the sign-in is over. Likewise an agent disabled meanwhile.
my $rex = reseller();
my ($rkey) = form_post($rex, '/profile', 'two-factor-start')->{content} =~ m{<code id="two-factor-key">([A-Z2-7 ]+)</code>};
ok $rkey, 'a reseller\'s own account sets up two-factor sign-in';
is form_post($rex, '/profile', 'two-factor-confirm', code => totp($rkey))->{status}, 200, 'and turns it on';
for my $case (['a client\'s agent', $tom, $key, "UPDATE client SET suspended_at = NOW(3) WHERE id = " . Baton::Test::client_id($client),
               "UPDATE client SET suspended_at = NULL WHERE id = " . Baton::Test::client_id($client)],
              ['a reseller\'s account', $rex, $rkey,
               "UPDATE reseller SET suspended_at = NOW(3) WHERE slug = '$rex->{reseller}'",
               "UPDATE reseller SET suspended_at = NULL WHERE slug = '$rex->{reseller}'"]) {
    my ($who, $person, $pkey, $suspend, $restore) = @$case;
    sql("DELETE FROM signin_attempt WHERE email = '$person->{email}'");
    my $f = fresh();
    is $f->sign_in($person->{email}, $person->{password})->{headers}{location}, '/verify', "$who: the password leads to the code";
    my $fcsrf = Baton::Test::csrf_from($f->get('/verify')->{content});
    sql($suspend);
    my $late = $f->post('/verify', form => [csrf => $fcsrf, code => totp($pkey, int(time / 30) + 1)],
        headers => { Origin => $s->{URL} });
    is $late->{status}, 403, "$who, suspended meanwhile: the right code gives no session (403)";
    like $late->{content}, qr/This desk is suspended/, "$who: and says why, as the password step would";
    my $again = $f->post('/verify', form => [csrf => $fcsrf, code => totp($pkey, int(time / 30) + 1)],
        headers => { Origin => $s->{URL} });
    is $again->{status}, 404, "$who: that sign-in is over (404 for another try)";
    isnt $f->get('/console')->{status}, 200, "$who: no console";
    like fresh()->sign_in($person->{email}, $person->{password})->{content}, qr/suspended/, "$who: the password says why";
    sql($restore);
}
{
    sql("DELETE FROM signin_attempt WHERE email = '$tom->{email}'");
    my $f = fresh();
    is $f->sign_in($tom->{email}, $tom->{password})->{headers}{location}, '/verify', 'the password leads to the code';
    my $fcsrf = Baton::Test::csrf_from($f->get('/verify')->{content});
    sql("UPDATE agent SET disabled = 1 WHERE id = $tom->{id}");
    my $late = $f->post('/verify', form => [csrf => $fcsrf, code => totp($key, int(time / 30) + 2)],
        headers => { Origin => $s->{URL} });
    is $late->{status}, 403, 'disabled meanwhile: the code step gives no session (403)';
    like $late->{content}, qr/This agent account is disabled/, 'and says why';
    sql("UPDATE agent SET disabled = 0 WHERE id = $tom->{id}");
}

# Off: by the person with their password, or by an administrator.
$res = form_post($tom, '/profile', 'two-factor-off', current => 'wrong');
is $res->{status}, 403, 'turning it off needs the password';
is form_post($tom, '/profile', 'two-factor-off', current => $tom->{password})->{status}, 200, 'with it, it is off';
is fresh()->sign_in($tom->{email}, $tom->{password})->{headers}{location}, '/console', 'signing in takes the password alone again';
my $key2 = do {
    my ($k) = form_post($tom, '/profile', 'two-factor-start')->{content} =~ m{<code id="two-factor-key">([A-Z2-7 ]+)</code>};
    form_post($tom, '/profile', 'two-factor-confirm', code => totp($k));
    $k;
};
is sql("SELECT totp_enabled_at IS NOT NULL FROM agent WHERE id = $tom->{id}")->[0][0], 1, 'on again';
like $ada->{browser}->get('/agents')->{content}, qr{<tr data-agent="$tom->{id}".*?<span class="chip">two-factor</span>}s, 'the administrator sees who uses it';
my $other = person(new_client(), 'admin');
is form_post($other, '/agents', 'two-factor-off', agent => $tom->{id})->{status}, 404, 'another client\'s administrator cannot turn it off';
is form_post(person($client, 'supervisor'), '/agents', 'two-factor-off', agent => $tom->{id})->{status}, 403, 'nor a supervisor';
is form_post($ada, '/agents', 'two-factor-off', agent => $tom->{id})->{status}, 200, 'his administrator can (a lost phone)';
is fresh()->sign_in($tom->{email}, $tom->{password})->{headers}{location}, '/console', 'and he signs in with his password';
is audit_count('account.two_factor', $tom->{email}, actor => $ada->{email}), 1, 'on record, as the administrator';
done_testing;
