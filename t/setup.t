#!/usr/bin/perl
# The first-run setup (cgi-bin/setup.c, lib/setup.c) against an empty
# database of its own (t/lib/empty-database), its program run as plain CGI
# as the most restricted hosts run it: closed without a token, the token
# from baton-admin setup-token stored only as a hash, replaced by a newer
# one, lapsing; the form's refusals creating nothing; CSRF; the operator,
# the first client and its site made in one step; then the page gone for
# good and the operator able to sign in.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Digest::SHA qw(sha256_hex);
use IPC::Open3;
use POSIX ();
use Symbol 'gensym';
use Baton::Test qw(stack);
use Baton::Mail qw(wait_mail run_mailer mail_address);

my $s = stack();
my $db = 'setup_t_' . $$;
our $conf = qx{"$s->{ROOT}/t/lib/empty-database" create $db http://setup.test};
chomp $conf;
is $?, 0, 'an empty database of its own, migrated';
my $conf_mtime = (stat $conf)[9];
my $race_db = "${db}_race";
END { system("$ENV{BATON_ROOT}/t/lib/empty-database", 'drop', $_) for grep { $_ } $db, $race_db }

our $own_db = $db;
sub own_sql {
    my ($query) = @_;
    open my $fh, '-|', 'mariadb', '--no-defaults', "--socket=$s->{DB_SOCKET}", '-uroot',
        '--batch', '--skip-column-names', $own_db, '-e', $query or die "mariadb: $!";
    my @rows = map { chomp; [split /\t/] } <$fh>;
    close $fh or die "mariadb failed for: $query\n";
    return \@rows;
}

sub own_admin {
    my (@args) = @_;
    my $out = qx{"$s->{ROOT}/tools/baton-admin" --conf "$conf" @{[map { quotemeta } @args]} 2>&1 < /dev/null};
    return ($? >> 8, $out);
}

# One request to a program run as CGI: { status, headers (lower-case
# names, lists), content }.
my %jar;
our $host = 'setup.test';
sub cgi {
    my ($program, $method, $query, $form) = @_;
    my $body = '';
    if ($form) {
        $body = join '&', map {
            my $v = $form->{$_};
            $v =~ s/([^A-Za-z0-9._~-])/sprintf '%%%02X', ord $1/ge;
            "$_=$v";
        } sort keys %$form;
    }
    local %ENV = (%ENV,
        GATEWAY_INTERFACE => 'CGI/1.1', REQUEST_METHOD => $method, QUERY_STRING => $query // '',
        SCRIPT_NAME => "/$program", REQUEST_URI => "/$program" . (defined $query ? "?$query" : ''),
        SERVER_NAME => '127.0.0.1', SERVER_PORT => 80, SERVER_PROTOCOL => 'HTTP/1.1',
        HTTP_HOST => $host, REMOTE_ADDR => '127.0.0.1', BATON_CONF => $conf,
        HTTP_COOKIE => join('; ', map { "$_=$jar{$_}" } sort keys %jar),
        CONTENT_LENGTH => length $body,
        CONTENT_TYPE => 'application/x-www-form-urlencoded');
    delete $ENV{HTTP_COOKIE} unless %jar;
    my $pid = open3(my $in, my $out, undef, "$s->{ROOT}/cgi-bin/$program.fcgi");
    print $in $body;
    close $in;
    local $/;
    my $raw = <$out>;
    waitpid $pid, 0;
    my ($head, $content) = split /\r?\n\r?\n/, $raw // '', 2;
    my %headers;
    for (split /\r?\n/, $head // '') {
        my ($n, $v) = /^([^:]+):\s*(.*)$/ or next;
        push @{ $headers{lc $n} }, $v;
    }
    for (@{ $headers{'set-cookie'} // [] }) {
        my ($n, $v) = /^([^=]+)=([^;]*)/ or next;
        if ($v eq '' || /Max-Age=0/i) { delete $jar{$n} } else { $jar{$n} = $v }
    }
    my ($status) = ($headers{status}[0] // '200') =~ /^(\d+)/;
    return { status => $status, headers => \%headers, content => $content // '' };
}

sub counts {
    return own_sql("SELECT (SELECT COUNT(*) FROM client), (SELECT COUNT(*) FROM agent),"
        . " (SELECT COUNT(*) FROM site)")->[0];
}

# ---- closed without a token -------------------------------------------
my $res = cgi('setup', 'GET');
is $res->{status}, 200, 'without a token the page opens ...';
like $res->{content}, qr/id="setup-how".*baton-admin setup-token/s, '... saying only how to get one';
unlike $res->{content}, qr/id="setup-form"/, 'and no form';

$res = cgi('signin', 'GET');
like $res->{content}, qr/id="setup-notice"/, 'the sign-in page of a fresh installation points to the setup';
%jar = ();

# ---- the token --------------------------------------------------------
my ($rc, $out) = own_admin('setup-token');
is $rc, 0, 'baton-admin setup-token';
my ($token) = $out =~ /^setup token: ([0-9a-f]{64})$/m;
ok $token, 'prints a token';
like $out, qr{/setup\?token=\Q$token\E in a browser within 3 days}, 'and the address to open with it';
my $stored = own_sql('SELECT token_hash FROM setup_token WHERE used_at IS NULL');
is_deeply $stored, [[sha256_hex($token)]], 'only its hash is stored';

($rc, $out) = own_admin('setup-token');
my ($newer) = $out =~ /^setup token: ([0-9a-f]{64})$/m;
ok $newer && $newer ne $token, 'a second token';
$res = cgi('setup', 'GET', "token=$token");
is $res->{status}, 403, 'replaces the first: 403';
like $res->{content}, qr/not valid: it was mistyped, already used, or replaced/, 'saying why';
unlike $res->{content}, qr/id="setup-form"/, 'and no form';
$res = cgi('setup', 'GET', 'token=' . ('0' x 64));
is $res->{status}, 403, 'a made-up token: 403';
$res = cgi('setup', 'GET', 'token=nonsense');
is $res->{status}, 403, 'a malformed token: 403';

own_sql("UPDATE setup_token SET expires_at = NOW(3) - INTERVAL 1 SECOND WHERE used_at IS NULL");
$res = cgi('setup', 'GET', "token=$newer");
is $res->{status}, 403, 'a lapsed token: 403';
like $res->{content}, qr/That setup token has expired/, 'saying so';

($rc, $out) = own_admin('setup-token');
($token) = $out =~ /^setup token: ([0-9a-f]{64})$/m;
$res = cgi('setup', 'GET', "token=$token");
is $res->{status}, 200, 'a valid token opens the form';
like $res->{content}, qr/id="setup-form"/, 'the form';
like $res->{content}, qr/id="setup-database">Connected; \d+ schema migrations\s+applied \(the latest is \d+\)/,
    'with the database check';
like $res->{content}, qr{id="setup-address">Help links and mail point to <strong>http://setup\.test</strong>},
    'with the public address check';
unlike $res->{content}, qr/id="setup-address-differs"/, 'which matches the address the page was reached at';
like $res->{content}, qr{id="setup-conf-how">These go into <span class="path">\Q$conf\E</span>, the file Baton.s\s+programs read},
    'the address and mail settings name the configuration file the programs read';
like $res->{content}, qr/id="public_url" name="public_url" maxlength="300" value="http:\/\/setup\.test"/,
    'the public address starts as baton.conf has it';
{
    local $host = '10.0.0.1:8080';
    my $other = cgi('setup', 'GET', "token=$token");
    like $other->{content}, qr{id="setup-address-differs">You reached this page at\s+http://10\.0\.0\.1:8080, not at that address},
        'reached at another address, the page says so';
}
my ($csrf) = $res->{content} =~ /name="csrf" value="([0-9a-f]{64})"/;
ok $csrf && $jar{baton_csrf} && $csrf eq $jar{baton_csrf}, 'and a CSRF token, also in a cookie';
unlike $res->{content}, qr/\Q$token\E.*\Q$token\E.*\Q$token\E/s, 'the token appears only where the form needs it';

# ---- refusals create nothing ------------------------------------------
my $olive = mail_address('olive', 'hosting.example');
my %good = (csrf => $csrf, token => $token, org_name => 'Hosting Example Ltd',
    org_slug => 'hosting-example', name => 'Olive Operator', email => $olive,
    password => 'correct horse battery', password2 => 'correct horse battery',
    client_name => 'First Shop', client_slug => 'first-shop', site_domain => 'Shop.Example',
    public_url => 'https://Help.Hosting.Example/', mail_domain => 'Mail.Hosting.Example',
    mail_from => 'help@hosting.example', operator_email => $olive);
my @refusals = (
    [{ csrf => 'f' x 64 }, 403, qr/./, 'a CSRF token not matching the cookie'],
    [{ password2 => 'something else entirely' }, 400, qr/The two passwords differ/, 'differing passwords'],
    [{ password => 'short', password2 => 'short' }, 400, qr/at least 10 characters/, 'a short password'],
    [{ org_slug => 'Not A Slug' }, 400, qr/may hold only a-z, 0-9 and/, 'a bad short name'],
    [{ client_slug => '' }, 400, qr/or leave all three empty/, 'half a first client'],
    [{ site_domain => 'http://shop.example/' }, 400, qr/is not a domain name/, 'a web address for a domain'],
    [{ client_slug => 'hosting-example' }, 409, qr/exists already/, 'the same short name twice'],
    [{ token => 'a' x 64 }, 403, qr/not valid/, 'another token'],
    [{ email => 'not-an-address' }, 400, qr/./, 'a bad e-mail address'],
    [{ public_url => 'ftp://help.hosting.example' }, 400, qr/is not a public address/, 'a public address not on the web'],
    [{ public_url => 'https://help.hosting.example/baton' }, 400, qr/no path/, 'a public address with a path'],
    [{ mail_domain => 'http://mail.hosting.example/' }, 400, qr/is not a domain name/, 'a web address for the mail domain'],
    [{ mail_from => 'help at hosting' }, 400, qr/./, 'a bad From address'],
    [{ operator_email => "olive\@hosting.example\nmail_transport = smtp" }, 400, qr/./,
        'a line break smuggled into a setting'],
);
for my $r (@refusals) {
    my ($change, $status, $says, $what) = @$r;
    $res = cgi('setup', 'POST', undef, { %good, %$change });
    is $res->{status}, $status, "$what: $status";
    like $res->{content}, $says, '  saying what is wrong';
    is_deeply counts(), [0, 0, 0], '  and nothing is made';
}
$res = cgi('setup', 'POST', undef, { %good, password2 => 'something else entirely' });
like $res->{content}, qr/value="Hosting Example Ltd"/, 'a refused form keeps what was typed';
unlike $res->{content}, qr/correct horse/, 'but never the password';
is own_sql('SELECT COUNT(*) FROM setup_token WHERE used_at IS NULL')->[0][0], 1, 'the token is still unspent';

# ---- the setup ----------------------------------------------------------
$res = cgi('setup', 'POST', undef, \%good);
is $res->{status}, 200, 'the setup succeeds';
like $res->{content}, qr/id="setup-done">The operator account <strong>\Q$olive\E/, 'saying so';
my ($key) = $res->{content} =~ m{/help\?site=([0-9a-f]{32})};
ok $key, 'showing the first site\'s help link';
is_deeply own_sql("SELECT c.slug, s.name, d.domain FROM site s JOIN client c ON c.id = s.client_id"
    . " JOIN site_domain d ON d.site_id = s.id WHERE s.site_key = '$key'"),
    [['first-shop', 'First Shop website', 'shop.example']], 'the site is the first client\'s, its domain lower-cased';
is_deeply own_sql("SELECT c.slug, c.name, a.display_name, a.role FROM agent a JOIN client c ON c.id = a.client_id"),
    [['hosting-example', 'Hosting Example Ltd', 'Olive Operator', 'operator']],
    'the operator, in the organisation\'s own client';
ok $jar{baton_session}, 'and signed in';
# Made by the actions baton-admin runs (one rule in one place): the
# organisation is the installation's own client, every client has terms,
# and the audit log says who made what.
is_deeply own_sql("SELECT slug FROM client WHERE house = 1"), [['hosting-example']],
    'the organisation is the installation\'s own client (where baton-admin operator add puts operators)';
is own_sql('SELECT COUNT(*) FROM client c JOIN client_terms t ON t.client_id = c.id')->[0][0], 2,
    'both clients have terms, as any client baton-admin makes';
is_deeply own_sql("SELECT action FROM audit_log WHERE actor = 'first-run setup ($olive)' ORDER BY id"),
    [['account.add'], ['client.create'], ['site.add']], 'the audit log names the setup for each thing made';
is own_sql('SELECT COUNT(*) FROM setup_token WHERE used_at IS NOT NULL')->[0][0], 1, 'the token is spent';
is own_sql('SELECT COUNT(*) FROM staff_session')->[0][0], 1, 'one session';

# The address and mail settings: the lines for baton.conf, which the page
# does not write (setup_conf.h says why).
like $res->{content}, qr/id="setup-conf">To keep the address and mail settings, put these lines into\s+<strong class="path">\Q$conf\E<\/strong>/,
    'the page names the file the settings go into';
my ($lines) = $res->{content} =~ m{<pre id="setup-conf-lines">(.*?)</pre>}s;
is $lines, "public_url = https://help.hosting.example\nmail_domain = mail.hosting.example\n"
    . "mail_from = help\@hosting.example\noperator_email = $olive\n",
    'and the lines: the address as an origin, the domain lower-cased, only what differs from it';
is((stat $conf)[9], $conf_mtime, 'the configuration file itself is untouched');
like $res->{content}, qr{https://help\.hosting\.example/help\?site=\Q$key\E}, 'the help link uses the address given';

# The welcome mail: the mail settings' test. The private mail server of the
# test stack stands in for the installation's.
like $res->{content}, qr/id="setup-mail">A welcome message to \Q$olive\E/, 'the page says a mail is on its way';
is run_mailer(0, conf => $conf), 0, 'the mailer sends the queue';
my ($mail) = wait_mail($olive, subject => qr/^Baton is set up$/);
ok $mail, 'the operator gets the welcome mail';
like $mail ? $mail->{text} // '' : '', qr{Sign in at https://help\.hosting\.example/signin.*?/help\?site=\Q$key\E}s,
    'with the sign-in address and the help link, at the address given';

# ---- gone for good --------------------------------------------------------
ok !$jar{baton_csrf}, 'the form\'s CSRF cookie is cleared';
$res = cgi('setup', 'POST', undef, \%good);
is $res->{status}, 403, 'so the same form again is refused';
$jar{baton_csrf} = $csrf;
$res = cgi('setup', 'POST', undef, \%good);
is $res->{status}, 404, 'and with the old cookie put back: 404, the setup is over';
is_deeply counts(), [2, 1, 1], 'nothing more is made';
$res = cgi('setup', 'GET', "token=$token");
is $res->{status}, 404, 'the page with the token: 404';
like $res->{content}, qr/id="setup-gone"/, 'saying the installation is set up';
$res = cgi('setup', 'GET');
is $res->{status}, 404, 'the page without a token: 404';
($rc, $out) = own_admin('setup-token');
is $rc, 1, 'baton-admin setup-token refuses now';
like $out, qr/the setup is over: an operator account exists/, 'saying why';
# A token slipped into the table by hand opens nothing either.
own_sql("INSERT INTO setup_token (token_hash, created_at, expires_at) VALUES ('"
    . sha256_hex('b' x 64) . "', NOW(3), NOW(3) + INTERVAL 1 DAY)");
$res = cgi('setup', 'GET', 'token=' . ('b' x 64));
is $res->{status}, 404, 'not even a fresh token: the setup is over while an operator exists';

# ---- the operator signs in ------------------------------------------------
%jar = ();
$res = cgi('signin', 'GET');
unlike $res->{content}, qr/id="setup-notice"/, 'the sign-in page no longer points to the setup';
my ($signin_csrf) = $res->{content} =~ /name="csrf" value="([0-9a-f]{64})"/;
$res = cgi('signin', 'POST', undef, { csrf => $signin_csrf, email => $olive,
    password => 'correct horse battery', state => 'available' });
is $res->{status}, 303, 'the operator signs in';
is $res->{headers}{location}[0], '/console', 'to the console';

# ---- two setups at once ------------------------------------------------------
# The same token sent twice at the same moment (a double click, or someone
# who saw it): exactly one operator is made.
{
    local $own_db = $race_db;
    local $conf = qx{"$s->{ROOT}/t/lib/empty-database" create $race_db http://setup.test};
    chomp $conf;
    ($rc, $out) = own_admin('setup-token');
    my ($race_token) = $out =~ /^setup token: ([0-9a-f]{64})$/m;
    %jar = ();
    my ($race_csrf) = cgi('setup', 'GET', "token=$race_token")->{content} =~ /name="csrf" value="([0-9a-f]{64})"/;
    my @kids;
    for my $n (1, 2) {
        my $pid = fork // die "fork: $!";
        if (!$pid) {
            my $r = cgi('setup', 'POST', undef, { %good, csrf => $race_csrf, token => $race_token,
                org_slug => "org-$n", email => "racer$n\@hosting.example", client_slug => "shop-$n" });
            # Not exit: the parent's END blocks (dropping the databases) are not the child's.
            POSIX::_exit($r->{status} == 200 ? 0 : $r->{status} == 404 || $r->{status} == 403 ? 1 : 2);
        }
        push @kids, $pid;
    }
    my @exits = sort map { waitpid($_, 0); $? >> 8 } @kids;
    is_deeply \@exits, [0, 1], 'two setups with one token at once: one succeeds, the other is refused';
    is own_sql("SELECT COUNT(*) FROM agent WHERE role = 'operator'")->[0][0], 1, 'one operator';
    is own_sql('SELECT COUNT(*) FROM client')->[0][0], 2, 'one organisation and one first client';
}

done_testing;
