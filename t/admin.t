#!/usr/bin/perl
# The administration command: migrations (safe to re-run), clients, sites,
# agents, passwords, and clear errors.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack admin sql new_client random_name);

my $s = stack();
my $bin = "$s->{ROOT}/tools/baton-admin";

sub run_admin {
    my ($password, @args) = @_;
    local $ENV{BATON_PASSWORD} = $password // '';
    my $out = qx{"$bin" --conf "$s->{CONF}" @{[map { quotemeta } @args]} 2>&1 < /dev/null};
    return ($? >> 8, $out);
}

my ($rc, $out) = run_admin(undef, 'migrate');
is $rc, 0, 'migrate re-runs cleanly';
like $out, qr/schema is up to date \(\d+ migrations, 0 new\)/, 'applying nothing twice';
my $versions = sql('SELECT version FROM schema_migration ORDER BY version');
is $versions->[0][0], 1, 'applied migrations are recorded';

my $slug = random_name('adm');
($rc, $out) = run_admin(undef, 'client', 'add', $slug, 'Admin Test Ltd');
is $rc, 0, 'client add';
($rc, $out) = run_admin(undef, 'client', 'add', $slug, 'Again');
is $rc, 1, 'a second client with the same slug fails';
like $out, qr/A client with the slug '\Q$slug\E' exists already/, 'saying so';
($rc, $out) = run_admin(undef, 'client', 'add', 'Bad Slug!', 'X');
like $out, qr/may hold only a-z, 0-9 and '-'/, 'slugs are checked';

($rc, $out) = run_admin(undef, 'site', 'add', $slug, 'Main site', 'Shop.Example.com', 'www.shop.example.com');
is $rc, 0, 'site add';
like $out, qr/its key is ([0-9a-f]{32})/, 'prints the site key';
($rc, $out) = run_admin(undef, 'site', 'list', $slug);
like $out, qr/Main site\t[0-9a-f]{32}\tshop\.example\.com,www\.shop\.example\.com/, 'site list shows lower-cased domains';
($rc, $out) = run_admin(undef, 'site', 'add', $slug, 'Bad', 'https://x.example/path');
is $rc, 1, 'a URL is not a domain';
like $out, qr/is not a domain name/, 'saying so';
($rc, $out) = run_admin(undef, 'site', 'add', 'no-such-client', 'X', 'x.example');
like $out, qr/no client 'no-such-client'/, 'an unknown client is named';

my $email = random_name('adm') . '@example.com';
($rc, $out) = run_admin('short', 'agent', 'add', $slug, $email, 'Ada Admin', 'supervisor');
is $rc, 1, 'a short password is refused';
like $out, qr/at least 10 characters/, 'saying why';
($rc, $out) = run_admin('first-password', 'agent', 'add', $slug, $email, 'Ada Admin', 'supervisor');
is $rc, 0, 'agent add';
($rc, $out) = run_admin('first-password', 'agent', 'add', $slug, $email, 'Ada Again');
like $out, qr/Someone already has the e-mail address/, 'e-mail addresses are unique';
($rc, $out) = run_admin('first-password', 'agent', 'add', $slug, 'x' . $email, 'Ada', 'boss');
like $out, qr/must be agent, supervisor or admin/, 'roles are checked';
($rc, $out) = run_admin(undef, 'agent', 'list', $slug);
like $out, qr/^\Q$email\E\tAda Admin\tsupervisor\toffline/m, 'agent list';
# The rounds baton.conf sets (tools/test-run: the fewest it accepts; the
# default, 600,000, is t/unit/config.c's).
my ($rounds) = do { open my $fh, '<', $ENV{BATON_CONF} or die; join('', <$fh>) =~ /^password_iterations\s*=\s*(\d+)/m };
$rounds //= 600000;
is sql("SELECT password_hash LIKE 'pbkdf2-sha256\$$rounds\$%' FROM agent WHERE email = '$email'")->[0][0], 1,
    "passwords are stored with PBKDF2, the configured $rounds rounds";

my $b = Baton::Test::Browser->new;
is $b->sign_in($email, 'first-password')->{status}, 303, 'the agent can sign in';
($rc, $out) = run_admin('second-password', 'agent', 'passwd', $email);
is $rc, 0, 'agent passwd';
my $c = Baton::Test::Browser->new;
is $c->sign_in($email, 'first-password')->{status}, 403, 'the old password no longer works';
is $c->sign_in($email, 'second-password')->{status}, 303, 'the new one does';
($rc, $out) = run_admin(undef, '--generate', 'agent', 'passwd', $email);
like $out, qr/new password: (\S{20})/, '--generate makes and prints a password';
($rc, $out) = run_admin('whatever-pass', 'agent', 'passwd', 'nobody@example.com');
like $out, qr/no account with the e-mail address nobody\@example\.com/, 'an unknown agent is named';

($rc, $out) = run_admin(undef, 'canned', 'add', $slug, 'Greeting', 'Hello <there>!');
is $rc, 0, 'canned add for the whole client';
($rc, $out) = run_admin(undef, 'canned', 'add', $slug, 'Mine', 'Just for Ada', $email);
is $rc, 0, 'canned add for one agent';
is_deeply sql("SELECT p.title, p.agent_id IS NULL FROM canned_phrase p JOIN client c ON c.id = p.client_id WHERE c.slug = '$slug' ORDER BY p.id"),
    [['Greeting', 1], ['Mine', 0]], 'both stored, one for everyone';
($rc, $out) = run_admin(undef, 'canned', 'add', $slug, 'X', 'Y', 'nobody@example.com');
like $out, qr/no agent nobody\@example\.com in client/, 'an agent of another client is refused';

($rc, $out) = run_admin(undef, 'client', 'set', $slug, 'seat_cap', '3');
is $rc, 0, 'client set seat_cap';
is sql("SELECT seat_cap FROM client WHERE slug = '$slug'")->[0][0], 3, 'stored';
($rc, $out) = run_admin(undef, 'client', 'set', $slug, 'seat_cap', '0');
like $out, qr/seat_cap \(sessions at once for the whole desk\) must be a whole number from 1 to 100000/, 'out of range is refused';
($rc, $out) = run_admin(undef, 'client', 'set', $slug, 'show_rooms', '0');
is sql("SELECT show_rooms FROM client WHERE slug = '$slug'")->[0][0], 0, 'show_rooms can be turned off';
($rc, $out) = run_admin(undef, 'client', 'set', $slug, 'tell_visitors_monitored', '1');
is sql("SELECT tell_visitors_monitored FROM client WHERE slug = '$slug'")->[0][0], 1, 'and visitors told of monitoring';
($rc, $out) = run_admin(undef, 'client', 'set', $slug, 'colour', '3');
like $out, qr/unknown client setting 'colour'/, 'unknown settings are named';

($rc, $out) = run_admin(undef, 'canned-address', 'set', $slug, 'Shop', 'http://shop.example/a');
is $rc, 0, 'canned-address set adds an address when there is none';
($rc, $out) = run_admin(undef, 'canned-address', 'set', $slug, 'Shop', 'http://shop.example/b');
is $rc, 0, 'and, run again, moves it';
is_deeply sql("SELECT a.url FROM canned_address a JOIN client c ON c.id = a.client_id WHERE c.slug = '$slug' AND a.title = 'Shop'"),
    [['http://shop.example/b']], 'one address, at the new place';
($rc, $out) = run_admin(undef, 'canned-address', 'set', $slug, 'Shop', 'ftp://shop.example/');
like $out, qr/not a web address/, 'not to a non-web address';

($rc, $out) = run_admin(undef, 'help');
is $rc, 0, 'help';
like $out, qr/usage: baton-admin/, 'shows usage';
($rc, $out) = run_admin(undef, 'frobnicate');
is $rc, 2, 'an unknown command exits 2';

local $ENV{BATON_CONF} = "$s->{DIR}/no-such.conf";
$out = qx{"$bin" client list 2>&1};
like $out, qr/no-such\.conf: No such file or directory/, 'a missing configuration is named';
done_testing;
