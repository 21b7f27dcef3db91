#!/usr/bin/perl
# Memory safety over a long life: signin.fcgi and console.fcgi each run as
# ONE FastCGI process under valgrind memcheck, serve 1,000 requests along
# real paths (pages, sign-ins good and bad, every kind of refused input, the
# back-off, the console with a session and without), then stop on SIGTERM.
# valgrind must report no memory error and no definite or indirect leak.
#
# The programs are started here, beside the stack that tools/test-run runs
# (they share its database and configuration), on their own sockets and
# driven directly with Baton::FastCGI. Each failed or successful password
# check runs PBKDF2 with the stack's rounds (100,000 under tools/test-run;
# an installation's 600,000 take ~20 s under valgrind), so there are only
# four of them.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use File::Temp qw(tempdir);
use POSIX qw(WNOHANG);
use Test::More;
use Time::HiRes qw(time sleep);
use Baton::FastCGI;
use Baton::Test qw(stack sql new_agent random_name csrf_from);

my $s = stack();

my $REQUESTS = 1000;          # per program, in one process each
my $REQUEST_TIMEOUT = 180;    # seconds; a KDF under valgrind takes ~20 s
my $EXIT_TIMEOUT = 120;       # seconds for valgrind's leak check after TERM

sub find_tool {
    my ($name) = @_;
    for my $dir (split(/:/, $ENV{PATH} // ''), qw(/usr/local/sbin /usr/sbin /sbin /usr/bin)) {
        return "$dir/$name" if length $dir && -x "$dir/$name";
    }
    return undef;
}

# spawn-fcgi execs its program with execv(), so valgrind needs a full path.
my $valgrind = find_tool('valgrind')
    or plan skip_all => 'valgrind is not installed (apt-get install valgrind)';
my $spawn_fcgi = find_tool('spawn-fcgi')
    or plan skip_all => 'spawn-fcgi is not installed (apt-get install spawn-fcgi)';

$SIG{PIPE} = 'IGNORE';
my $tmp = tempdir('baton-vg.XXXXXX', TMPDIR => 1, CLEANUP => 1);
my $logdir = "$s->{DIR}/log";
my %running;    # pid => program, for the END clean-up

my @VALGRIND = ($valgrind, '--leak-check=full', '--show-leak-kinds=definite,indirect',
    '--errors-for-leak-kinds=definite,indirect', '--error-exitcode=99', '--track-fds=no',
    '--num-callers=30');
push @VALGRIND, "--suppressions=$s->{ROOT}/t/valgrind.supp" if -r "$s->{ROOT}/t/valgrind.supp";

# Starts cgi-bin/NAME.fcgi under valgrind as one FastCGI process (spawn-fcgi
# -n binds the socket as fd 0 and execs valgrind in its place, so the pid is
# valgrind's, and valgrind's %p in the log name).
sub start_program {
    my ($name) = @_;
    my $sock = "$tmp/$name.sock";
    my $out = "$logdir/valgrind-$name.out";
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        delete $ENV{BATON_WORKERS};
        $ENV{BATON_CONF} = $s->{CONF};
        open STDIN, '<', '/dev/null';
        open STDOUT, '>>', $out;
        open STDERR, '>&', \*STDOUT;
        { exec $spawn_fcgi, '-n', '-s', $sock, '--', @VALGRIND,
            "--log-file=$logdir/valgrind-$name-%p.log", "$s->{ROOT}/cgi-bin/$name.fcgi" };
        print STDERR "exec $spawn_fcgi: $!\n";
        POSIX::_exit(127);
    }
    $running{$pid} = $name;
    my $p = { name => $name, pid => $pid, sock => $sock, out => $out,
        log => "$logdir/valgrind-$name-$pid.log", count => 0, started => time };
    my $until = time + 10;
    until (-S $sock) {
        if (waitpid($pid, WNOHANG) == $pid) {
            delete $running{$pid};
            BAIL_OUT("$name under valgrind exited at once (status $?): " . slurp($out));
        }
        BAIL_OUT("$name under valgrind: no socket $sock after 10 s") if time > $until;
        sleep 0.05;
    }
    return $p;
}

sub slurp {
    my ($file) = @_;
    open my $fh, '<', $file or return '';
    local $/;
    return scalar <$fh>;
}

# One request to a program; dies (ending the test) if it does not answer.
sub fcgi {
    my ($p, %o) = @_;
    $o{env} = { REMOTE_ADDR => $p->{ip}, %{ $o{env} // {} } };
    my @res;
    local $SIG{ALRM} = sub { die "no answer within $REQUEST_TIMEOUT s\n" };
    alarm $REQUEST_TIMEOUT;
    my $ok = eval { @res = Baton::FastCGI::request($p->{sock}, %o); 1 };
    my $error = $@;
    alarm 0;
    die "$p->{name}: request $o{method} $o{path} failed: $error" unless $ok;
    $p->{count}++;
    return @res;
}

sub headers_of { my ($h, $name) = @_; return @{ $h->{$name} // [] } }

# The value a Set-Cookie header gives to a cookie, '' when it clears it,
# undef when the response does not set it.
sub set_cookie {
    my ($h, $name) = @_;
    for (headers_of($h, 'set-cookie')) {
        next unless /^\Q$name\E=([^;]*)/;
        my $value = $1;
        return /;\s*Max-Age=0(?:;|$)/i ? '' : $value;
    }
    return undef;
}

sub urlencode {
    my (@pairs) = @_;
    my @parts;
    while (my ($k, $v) = splice @pairs, 0, 2) {
        push @parts, join '=', map { my $x = $_; $x =~ s/([^A-Za-z0-9_.~-])/sprintf '%%%02X', ord $1/ge; $x } $k, $v;
    }
    return join '&', @parts;
}

sub random_token { join '', map { sprintf '%02x', int rand 256 } 1 .. 32 }

# Each case is [name, request options, check]; the check gets (status,
# headers, body) and returns '' when the answer is right, else what is wrong.
my %tally;
my @order;
sub run_case {
    my ($p, $case) = @_;
    my ($name, $req, $check) = @$case;
    my %req = ref $req eq 'CODE' ? $req->() : %$req;
    my ($status, $h, $body) = fcgi($p, %req);
    my $wrong = $check->($status, $h, $body);
    my $t = $tally{$name} //= do { push @order, $name; { n => 0, bad => 0 } };
    $t->{n}++;
    if (length $wrong) {
        $t->{bad}++;
        $t->{first} //= "$wrong\n(status $status, body starts: " . substr($body // '', 0, 300) . ')';
    }
    return ($status, $h, $body);
}

sub report_cases {
    my ($program) = @_;
    for my $name (@order) {
        my $t = $tally{$name};
        next if $t->{reported}++;
        ok !$t->{bad}, "$program: $name ($t->{n} requests)"
            or diag "$t->{bad} of $t->{n} wrong; first: $t->{first}";
    }
}

sub expect {
    my ($want, %o) = @_;
    return sub {
        my ($status, $h, $body) = @_;
        return "status $status, expected $want" if $status != $want;
        if (defined $o{body}) {
            return "body does not match $o{body}" unless $body =~ $o{body};
        }
        if (defined $o{location}) {
            my $loc = ($h->{location} // [])->[0] // '(none)';
            return "Location $loc, expected $o{location}" if $loc ne $o{location};
        }
        return $o{more} ? $o{more}->($status, $h, $body) : '';
    };
}

# Stops a program with SIGTERM and checks what valgrind says about it.
sub stop_and_check {
    my ($p) = @_;
    my $t0 = time;
    kill 'TERM', $p->{pid};
    my ($done, $status) = (0, undef);
    my $until = time + $EXIT_TIMEOUT;
    while (time < $until) {
        if (waitpid($p->{pid}, WNOHANG) == $p->{pid}) { ($done, $status) = (1, $?); last }
        sleep 0.1;
    }
    unless ($done) {
        kill 'KILL', $p->{pid};
        waitpid $p->{pid}, 0;
    }
    delete $running{ $p->{pid} };
    note sprintf '%s: stopped %.1f s after TERM', $p->{name}, time - $t0;
    my $log = slurp($p->{log});
    my $name = $p->{name};
    my $all_ok = 1;
    $all_ok &= ok $done, "$name: the process ends on SIGTERM (within $EXIT_TIMEOUT s)";
    $all_ok &= ok $done && ($status & 127) == 0, "$name: it was not killed by a signal"
        or diag sprintf 'signal %d', $status & 127;
    my $code = $done ? $status >> 8 : -1;
    $all_ok &= isnt $code, 99, "$name: valgrind's exit status is not 99 (errors or leaks)";
    $all_ok &= is $code, 0, "$name: the program exited cleanly";
    $all_ok &= ok length $log, "$name: valgrind wrote its log $p->{log}";
    my ($errors) = $log =~ /ERROR SUMMARY: ([\d,]+) errors/;
    $all_ok &= is $errors, '0', "$name: ERROR SUMMARY: 0 errors";
    my $none = $log =~ /All heap blocks were freed -- no leaks are possible/;
    for my $kind ('definitely', 'indirectly') {
        my ($lost) = $none ? ('0') : $log =~ /$kind lost: ([\d,]+) bytes/;
        $all_ok &= is $lost, '0', "$name: $kind lost: 0 bytes";
    }
    # A cache or list that grew with every request and was kept reachable
    # would not count as a leak; what is left at exit must stay small.
    my ($in_use) = $log =~ /in use at exit: ([\d,]+) bytes/;
    $in_use =~ tr/,//d if defined $in_use;
    $all_ok &= ok defined $in_use && $in_use < 256 * 1024,
        "$name: under 256 KiB still allocated at exit (" . ($in_use // '?') . ' bytes)';
    unless ($all_ok) {
        # The first error and the summaries are what matter.
        my @lines = split /\n/, $log;
        @lines = (@lines[0 .. 69], '[...]', @lines[-30 .. -1]) if @lines > 120;
        diag "valgrind log $p->{log}:";
        diag join "\n", @lines;
        my $out = slurp($p->{out});
        diag "program output:\n$out" if length $out;
    }
}

END {
    for my $pid (keys %running) {
        kill 'TERM', $pid;
        waitpid $pid, 0;
    }
}

# ---------------------------------------------------------------------------
# Fixtures: an agent to sign in as, a client address of our own so other
# tests' failures from 127.0.0.1 cannot put this test in the per-address
# back-off, and an e-mail address already in back-off from that address.

my ($email, $password) = new_agent(name => 'Val Grind');
my $ip = sprintf '198.18.%d.%d', 1 + int rand 250, 1 + int rand 250;
my $throttled = random_name('throttled') . '@example.com';
sql("INSERT INTO signin_attempt (email, ip, outcome, at) VALUES "
    . join ', ', map { "('$throttled', '$ip', 'bad_password', NOW(3))" } 1 .. 15);

my $t_start = time;
my $signin = start_program('signin');
my $console = start_program('console');
$_->{ip} = $ip for $signin, $console;

# ---------------------------------------------------------------------------
# signin.fcgi

my $host = '127.0.0.1';
my ($status, $h, $body) = fcgi($signin, method => 'GET', path => '/signin');
my $csrf = set_cookie($h, 'baton_csrf');
is $status, 200, 'signin: the first GET /signin is 200';
like $csrf // '', qr/^[0-9a-f]{64}$/, 'signin: it sets a CSRF cookie';
is csrf_from($body), $csrf, 'signin: and the form echoes it';
my $cookie = "baton_csrf=$csrf";

my $post = sub {
    my (%o) = @_;
    return (method => 'POST', path => '/signin', body => $o{body},
        env => { HTTP_COOKIE => $o{cookie} // $cookie, HTTP_ORIGIN => "http://$host",
            %{ $o{env} // {} } });
};

# The four slow ones: each checks a password with the real KDF.
my $t_kdf = time;
run_case($signin, ['a wrong password is refused with 403',
    { $post->(body => urlencode(csrf => $csrf, email => $email, password => 'not-the-password')) },
    expect(403, body => qr/do not match an agent/) ]);
run_case($signin, ['an unknown e-mail address is refused with 403',
    { $post->(body => urlencode(csrf => $csrf, email => random_name('nobody') . '@example.com',
        password => $password)) },
    expect(403, body => qr/do not match an agent/) ]);
my @sessions;
for my $state ('available', 'away') {
    my ($st, $hh) = run_case($signin, ['the right password signs in: 303 to /console with a session cookie',
        { $post->(body => urlencode(csrf => $csrf, email => $email, password => $password,
            state => $state)) },
        expect(303, location => '/console', more => sub {
            my (undef, $hd) = @_;
            my $session = set_cookie($hd, 'baton_session') // '(none)';
            return "session cookie '$session'" unless $session =~ /^[0-9a-f]{64}$/;
            return 'the sign-in CSRF cookie is not cleared' unless (set_cookie($hd, 'baton_csrf') // 'x') eq '';
            return '';
        }) ]);
    push @sessions, set_cookie($hh, 'baton_session');
}
my $kdf_seconds = time - $t_kdf;
my $session = $sessions[-1] // '';

my $big = 'email=' . ('x' x (64 * 1024));
my @signin_cases = (
    ['GET /signin without cookies: 200 with a fresh CSRF cookie in the form',
        { method => 'GET', path => '/signin' },
        expect(200, more => sub {
            my (undef, $hd, $b) = @_;
            my $c = set_cookie($hd, 'baton_csrf') // '';
            return "CSRF cookie '$c'" unless $c =~ /^[0-9a-f]{64}$/ && $c ne $csrf;
            return (csrf_from($b) // '') eq $c ? '' : 'the form does not echo the cookie';
        }) ],
    ['GET /signin with a CSRF cookie: 200, the same token, no new cookie',
        { method => 'GET', path => '/signin', env => { HTTP_COOKIE => $cookie } },
        expect(200, more => sub {
            my (undef, $hd, $b) = @_;
            return 'a new CSRF cookie' if defined set_cookie($hd, 'baton_csrf');
            return (csrf_from($b) // '') eq $csrf ? '' : 'the form has another token';
        }) ],
    ['GET /signin?signed_out=1 shows the signed-out notice',
        { method => 'GET', path => '/signin', query => 'signed_out=1', env => { HTTP_COOKIE => $cookie } },
        expect(200, body => qr/You have signed out\./) ],
    ['HEAD /signin: 200 without a body',
        { method => 'HEAD', path => '/signin', env => { HTTP_COOKIE => $cookie } },
        expect(200, more => sub { length $_[2] ? 'a body' : '' }) ],
    ['GET /signin with a session: 303 to /console',
        { method => 'GET', path => '/signin', env => { HTTP_COOKIE => "baton_session=$session; $cookie" } },
        expect(303, location => '/console') ],
    ['GET /signin with an out-of-range number: 400',
        { method => 'GET', path => '/signin', query => 'signed_out=7' },
        expect(400, body => qr/whole number from 0 to 1/) ],
    ['GET /signin with a broken %-escape in the query: 400',
        { method => 'GET', path => '/signin', query => 'signed_out=%G1' },
        expect(400, body => qr/broken %-escape/) ],
    ['GET /signin with invalid UTF-8 in the query: 400',
        { method => 'GET', path => '/signin', query => 'x=%C3%28' },
        expect(400, body => qr/not valid UTF-8/) ],
    ['GET /signin with a malformed Host: 400',
        { method => 'GET', path => '/signin', env => { HTTP_HOST => 'evil.example/<x>' } },
        expect(400, body => qr/Host header is malformed/) ],
    ['PUT /signin: 405 with Allow',
        { method => 'PUT', path => '/signin' },
        expect(405, more => sub { (($_[1]{allow} // [])->[0] // '') eq 'GET, HEAD, POST' ? '' : 'Allow header' }) ],
    ['POST with a broken %-escape: 400',
        { $post->(body => "csrf=$csrf&email=a%4") },
        expect(400, body => qr/broken %-escape/) ],
    ['POST with invalid UTF-8: 400',
        { $post->(body => "csrf=$csrf&email=%FF%FE%40example.com&password=x") },
        expect(400, body => qr/not valid UTF-8/) ],
    ['POST without a password: 400',
        { $post->(body => urlencode(csrf => $csrf, email => $email)) },
        expect(400, body => qr/password.{1,6} is required/) ],
    ['POST without any field: 400',
        { $post->(body => 'x=1') },
        expect(400, body => qr/is required/) ],
    ['POST with a field given twice: 400',
        { $post->(body => urlencode(csrf => $csrf, email => $email, email => $email, password => 'x')) },
        expect(400, body => qr/more than once/) ],
    ['POST with a bad e-mail address: 400',
        { $post->(body => urlencode(csrf => $csrf, email => 'not an address', password => 'x')) },
        expect(400, body => qr/must be an e-mail address/) ],
    ['POST with an unknown state: 400',
        { $post->(body => urlencode(csrf => $csrf, email => $email, password => 'x', state => 'asleep')) },
        expect(400, body => qr/must be one of: available, break, away/) ],
    ['POST with a body over 64 KiB: 413',
        { $post->(body => $big) },
        expect(413, body => qr/too large/) ],
    ['POST that is not urlencoded: 415',
        { $post->(body => 'hello', env => { CONTENT_TYPE => 'text/plain' }) },
        expect(415) ],
    ['POST without Content-Length: 411',
        { $post->(body => '') },
        expect(411) ],
    ['POST with a body shorter than its Content-Length: 400',
        { $post->(body => '', env => { CONTENT_LENGTH => '40', CONTENT_TYPE => 'application/x-www-form-urlencoded' }) },
        expect(400, body => qr/shorter than its Content-Length/) ],
    ['POST whose token does not match the cookie: 403',
        { $post->(body => urlencode(csrf => random_token(), email => $email, password => 'x')) },
        expect(403, body => qr/security token/) ],
    ['POST without the CSRF cookie: 403',
        { $post->(body => urlencode(csrf => $csrf, email => $email, password => 'x'), cookie => '') },
        expect(403, body => qr/security token/) ],
    ['POST from another site: 403',
        { $post->(body => urlencode(csrf => $csrf, email => $email, password => 'x'),
            env => { HTTP_ORIGIN => 'https://evil.example' }) },
        expect(403, body => qr/from another site/) ],
    ['POST for an address in back-off: 429 with Retry-After',
        { $post->(body => urlencode(csrf => $csrf, email => $throttled, password => 'x')) },
        expect(429, body => qr/Too many failed sign-ins/, more => sub {
            my $retry = ($_[1]{'retry-after'} // [])->[0] // '';
            return $retry =~ /^\d+$/ && $retry > 0 ? '' : "Retry-After '$retry'";
        }) ],
    ['POST with a missing field, asking for JSON: 400 as JSON',
        { $post->(body => urlencode(csrf => $csrf, email => $email), env => { HTTP_ACCEPT => 'application/json' }) },
        expect(400, more => sub {
            my (undef, $hd, $b) = @_;
            return 'not JSON' unless (($hd->{'content-type'} // [])->[0] // '') =~ m{^application/json};
            return $b =~ /^\{"error":"The field 'password' is required\.","status":400\}$/ ? '' : 'JSON body';
        }) ],
);

my $t_cheap = time;
for (my $i = 0; $signin->{count} < $REQUESTS; $i++) {
    run_case($signin, $signin_cases[ $i % @signin_cases ]);
}
my $signin_seconds = time - $t_cheap;
report_cases('signin');
is $signin->{count}, $REQUESTS, "signin: one process answered $REQUESTS requests";

# ---------------------------------------------------------------------------
# console.fcgi, with the session the last sign-in made

my $with_session = { HTTP_COOKIE => "baton_session=$session" };
my @console_cases = (
    ['GET /console with a session: 200, the agent, the chosen state and a CSRF token',
        { method => 'GET', path => '/console', env => $with_session },
        expect(200, body => qr/name="csrf" value="[0-9a-f]{64}".*Hello, Val Grind<.*data-state="away">Away</s) ],
    ['GET /console with a session: 200, the agent, the chosen state and a CSRF token',
        { method => 'GET', path => '/console', env => $with_session },
        expect(200, body => qr/name="csrf" value="[0-9a-f]{64}".*Hello, Val Grind<.*data-state="away">Away</s) ],
    ['HEAD /console with a session: 200 without a body',
        { method => 'HEAD', path => '/console', env => $with_session },
        expect(200, more => sub { length $_[2] ? 'a body' : '' }) ],
    ['GET /console without a session: 303 to /signin, clearing the cookie',
        { method => 'GET', path => '/console' },
        expect(303, location => '/signin', more => sub {
            (set_cookie($_[1], 'baton_session') // 'x') eq '' ? '' : 'the session cookie is not cleared' }) ],
    ['GET /console with an unknown session token: 303 to /signin',
        sub { (method => 'GET', path => '/console', env => { HTTP_COOKIE => 'baton_session=' . random_token() }) },
        expect(303, location => '/signin') ],
    ['GET /console with a malformed session cookie: 303 to /signin',
        { method => 'GET', path => '/console', env => { HTTP_COOKIE => 'baton_session=%zz<script>; =; ;;x' } },
        expect(303, location => '/signin') ],
    ['GET /console asking for JSON without a session: 401 as JSON',
        { method => 'GET', path => '/console', env => { HTTP_ACCEPT => 'application/json' } },
        expect(401, body => qr/^\{"error":"You are not signed in.*","status":401\}$/) ],
    ['POST /console: 405 with Allow',
        { method => 'POST', path => '/console', body => 'a=1', env => $with_session },
        expect(405, more => sub { (($_[1]{allow} // [])->[0] // '') eq 'GET, HEAD' ? '' : 'Allow header' }) ],
    ['GET /console with a broken %-escape in the query: 400',
        { method => 'GET', path => '/console', query => 'a=%', env => $with_session },
        expect(400, body => qr/broken %-escape/) ],
);

my $t_console = time;
for (my $i = 0; $console->{count} < $REQUESTS; $i++) {
    run_case($console, $console_cases[ $i % @console_cases ]);
}
my $console_seconds = time - $t_console;
report_cases('console');
is $console->{count}, $REQUESTS, "console: one process answered $REQUESTS requests";

# ---------------------------------------------------------------------------
# Stop both and read valgrind's verdicts.

stop_and_check($_) for $signin, $console;
note sprintf 'timings: 4 password checks %.1f s; %d other signin requests %.1f s; '
    . '%d console requests %.1f s; total %.1f s', $kdf_seconds, $REQUESTS - 5, $signin_seconds,
    $REQUESTS, $console_seconds, time - $t_start;

done_testing;
