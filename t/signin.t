#!/usr/bin/perl
# The sign-in page and sign-in: cookies, CSRF, wrong and unknown accounts,
# the chosen state, recorded attempts and the per-account / per-IP back-off.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Digest::SHA qw(sha256_hex);
use Test::More;
use Baton::Test qw(stack sql new_agent);

my $s = stack();

subtest 'the sign-in page' => sub {
    my $b = Baton::Test::Browser->new;
    my $res = $b->get('/signin');
    is $res->{status}, 200, 'GET /signin is 200';
    like $res->{content}, qr/<form method="post" action="\/signin"/, 'it shows the form';
    like $res->{content}, qr/name="state" value="away"/, 'with a choice of starting state';
    my $cookie = $res->{headers}{'set-cookie'};
    like $cookie, qr/^baton_csrf=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict/, 'a CSRF cookie, HttpOnly and SameSite';
    unlike $cookie, qr/Secure/, 'not Secure over plain HTTP';
    is $res->{headers}{'x-frame-options'}, 'DENY', 'the page refuses framing';
    like $res->{headers}{'content-security-policy'}, qr/default-src 'self'/, 'and has a CSP';
    is $res->{headers}{'x-content-type-options'}, 'nosniff', 'and nosniff';
    is Baton::Test::csrf_from($res->{content}), $b->cookie('baton_csrf'), 'the form echoes the cookie token';
};

subtest 'a good sign-in' => sub {
    my ($email, $password) = new_agent(name => 'Sam Signin');
    my $b = Baton::Test::Browser->new;
    my $res = $b->sign_in($email, $password, state => 'away');
    is $res->{status}, 303, 'POST /signin answers 303';
    is $res->{headers}{location}, '/console', 'to the console';
    my ($set) = grep { /^baton_session=/ } ref $res->{headers}{'set-cookie'} ? @{ $res->{headers}{'set-cookie'} } : $res->{headers}{'set-cookie'};
    like $set, qr/^baton_session=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Lax$/, 'session cookie: random, HttpOnly, SameSite=Lax';
    my $token = $b->cookie('baton_session');
    my $stored = sql("SELECT s.token_hash FROM staff_session s JOIN agent a ON a.id = s.agent_id WHERE a.email = '$email'");
    is $stored->[0][0], sha256_hex($token), 'the database holds only the token\'s SHA-256';
    my $console = $b->get('/console');
    is $console->{status}, 200, 'the console opens';
    like $console->{content}, qr/Hello, Sam Signin/, 'greeting the agent';
    like $console->{content}, qr/data-state="away">Away</, 'in the state chosen at sign-in';
    my $attempt = sql("SELECT outcome, ip FROM signin_attempt WHERE email = '$email' ORDER BY id DESC LIMIT 1");
    is_deeply $attempt->[0], ['ok', '127.0.0.1'], 'the sign-in is recorded with its IP';
    my $agent = sql("SELECT last_signin_ip, last_signin_at IS NOT NULL FROM agent WHERE email = '$email'");
    is_deeply $agent->[0], ['127.0.0.1', 1], 'and on the agent, with its time';
    my $events = sql("SELECT e.kind, e.state FROM agent_event e JOIN agent a ON a.id = e.agent_id WHERE a.email = '$email' ORDER BY e.id");
    is_deeply $events, [['signin', 'away'], ['state', 'away']], 'sign-in and state are archived';
    is $b->get('/signin')->{status}, 303, 'a signed-in agent going to /signin is sent on to the console';
};

subtest 'wrong password, unknown agent, disabled agent' => sub {
    my ($email, $password) = new_agent();
    my $b = Baton::Test::Browser->new;
    my $res = $b->sign_in($email, 'not-the-password');
    is $res->{status}, 403, 'a wrong password is 403';
    like $res->{content}, qr/That e-mail address and password do not match an agent\./, 'with a clear message';
    like $res->{content}, qr/value="\Q$email\E"/, 'and the e-mail kept in the form';
    ok !$b->cookie('baton_session'), 'and no session';

    my $unknown = $b->sign_in('nobody-' . time . '@example.com', 'whatever-password');
    is $unknown->{status}, 403, 'an unknown agent is 403';
    like $unknown->{content}, qr/That e-mail address and password do not match an agent\./, 'with the same message (no account probing)';

    sql("UPDATE agent SET disabled = 1 WHERE email = '$email'");
    my $disabled = $b->sign_in($email, $password);
    is $disabled->{status}, 403, 'a disabled agent cannot sign in';
    like $disabled->{content}, qr/disabled/, 'and is told why';
    my $outcomes = sql("SELECT outcome FROM signin_attempt WHERE email = '$email' ORDER BY id");
    is_deeply [map { $_->[0] } @$outcomes], ['bad_password', 'disabled'], 'each attempt is recorded';
};

subtest 'CSRF and origin' => sub {
    my ($email, $password) = new_agent();
    my $b = Baton::Test::Browser->new;
    $b->get('/signin');
    my $res = $b->post('/signin', form => [email => $email, password => $password]);
    is $res->{status}, 400, 'no csrf field: 400 (a required field)';
    like $res->{content}, qr/The field &#39;csrf&#39; is required\./, 'naming the field';
    $res = $b->post('/signin', form => [csrf => 'a' x 64, email => $email, password => $password]);
    is $res->{status}, 403, 'a token that does not match the cookie: 403';
    like $res->{content}, qr/security token is missing or out of date/, 'saying so';
    my $fresh = Baton::Test::Browser->new;
    $res = $fresh->post('/signin', form => [csrf => 'b' x 64, email => $email, password => $password]);
    is $res->{status}, 403, 'no CSRF cookie at all: 403';
    my $token = Baton::Test::csrf_from($b->get('/signin')->{content});
    $res = $b->post('/signin', form => [csrf => $token, email => $email, password => $password],
        headers => { Origin => 'https://evil.example' });
    is $res->{status}, 403, 'a post from another origin: 403';
    like $res->{content}, qr/sent from another site/, 'saying so';
    $res = $b->post('/signin', form => [csrf => $token, email => $email, password => $password],
        headers => { Origin => $s->{URL} });
    is $res->{status}, 303, 'our own origin with the token signs in';
};

subtest 'per-account back-off' => sub {
    my ($email, $password) = new_agent();
    my $b = Baton::Test::Browser->new;
    is $b->sign_in($email, "wrong-$_")->{status}, 403, "failure $_ is answered normally" for 1 .. 5;
    my $res = $b->sign_in($email, $password);
    is $res->{status}, 429, 'after five failures even the right password must wait';
    ok $res->{headers}{'retry-after'} >= 1, 'Retry-After says how long';
    like $res->{content}, qr/Too many failed sign-ins\. Please wait \d+ seconds/, 'and the page says so';
    my $other = Baton::Test::Browser->new;
    my ($email2, $password2) = new_agent();
    is $other->sign_in($email2, $password2)->{status}, 303, 'another account from the same address is not slowed';
    sleep $res->{headers}{'retry-after'} + 1;
    is $b->sign_in($email, $password)->{status}, 303, 'after the wait the right password works';
    my $after = sql("SELECT COUNT(*) FROM signin_attempt WHERE email = '$email' AND outcome = 'throttled'");
    is $after->[0][0], 1, 'the refused try was recorded as throttled';
};

subtest 'per-address back-off' => sub {
    # The test stack allows 200 failures per address; add them for our address.
    sql("INSERT INTO signin_attempt (email, ip, outcome, at) SELECT CONCAT('ipflood', seq, '\@example.com'), '127.0.0.1', 'unknown', NOW(3) FROM seq_1_to_200");
    my ($email, $password) = new_agent();
    my $b = Baton::Test::Browser->new;
    my $res = $b->sign_in($email, $password);
    is $res->{status}, 429, 'too many failures from one address slow down every account from it';
    sql("DELETE FROM signin_attempt WHERE email LIKE 'ipflood%'");
    is $b->sign_in($email, $password)->{status}, 303, 'once they age out, sign-in works again';
};

subtest 'Secure cookies under HTTPS (plain CGI run)' => sub {
    local $ENV{BATON_CONF} = $s->{CONF};
    local $ENV{REQUEST_METHOD} = 'GET';
    local $ENV{SCRIPT_NAME} = '/signin';
    local $ENV{HTTPS} = 'on';
    local $ENV{HTTP_HOST} = 'help.example.com';
    local $ENV{REMOTE_ADDR} = '192.0.2.1';
    my $out = qx{"$s->{ROOT}/cgi-bin/signin.fcgi" < /dev/null};
    like $out, qr/^Status: 200 OK\r\n/, 'the same binary answers as plain CGI';
    like $out, qr/Set-Cookie: baton_csrf=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict; Secure\r\n/, 'cookies are Secure under HTTPS';
};

# Sign-in as plain CGI from another address (REMOTE_ADDR), the way a
# request through a proxy that Baton trusts would arrive.
sub sign_in_from {
    my ($ip, $email, $password) = @_;
    my $token = 'c' x 64;
    my $body = "csrf=$token&email=" . ($email =~ s/@/%40/r) . "&password=$password";
    local $ENV{BATON_CONF} = $s->{CONF};
    local @ENV{qw(REQUEST_METHOD SCRIPT_NAME REMOTE_ADDR HTTP_HOST HTTP_COOKIE CONTENT_TYPE CONTENT_LENGTH)}
        = ('POST', '/signin', $ip, 'help.example.com', "baton_csrf=$token",
           'application/x-www-form-urlencoded', length $body);
    my $out = do {
        open my $fh, '-|', qq{printf '%s' '$body' | "$s->{ROOT}/cgi-bin/signin.fcgi"} or die;
        local $/;
        <$fh>;
    };
    my ($status) = $out =~ /^Status: (\d+)/;
    my ($retry) = $out =~ /^Retry-After: (\d+)/m;
    return ($status // 0, $retry);
}

subtest 'someone failing on purpose elsewhere cannot lock the agent out' => sub {
    my ($email, $password) = new_agent();
    my $b = Baton::Test::Browser->new;
    is $b->sign_in($email, $password)->{status}, 303, 'the agent signs in as usual (from 127.0.0.1)';
    # Sixty wrong passwords for the account from another address, since.
    sql("INSERT INTO signin_attempt (email, ip, outcome, at) SELECT '$email', '203.0.113.7', 'bad_password',"
        . " NOW(3) + INTERVAL 1 SECOND FROM seq_1_to_60");
    my ($status, $retry) = sign_in_from('203.0.113.7', $email, $password);
    is $status, 429, 'the guessing address must wait, even with the right password';
    ok $retry > 30, "for a long time ($retry s)";
    ($status, $retry) = sign_in_from('198.51.100.9', $email, $password);
    is $status, 429, 'from an address the account never used, the account-wide ceiling slows a try';
    ok $retry >= 1 && $retry <= 30, "but only briefly (" . ($retry // '?') . " s: signin_account_max_delay_seconds)";
    my $fresh = Baton::Test::Browser->new;
    is $fresh->sign_in($email, $password)->{status}, 303,
        'the agent, from the address they sign in from, is not held up at all';
    ($status) = sign_in_from('198.51.100.10', 'nobody' . int(rand 1e6) . '@example.com', 'x');
    is $status, 403, 'other accounts from such an address are not slowed';
};

done_testing;
