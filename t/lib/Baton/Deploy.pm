# Baton::Deploy - the checks every Apache deployment test makes: a private
# Apache (tools/apache MODE) in front of the running test stack's database,
# and the agent's whole round trip through it - sign-in page, sign-in,
# console, state, sign-out, the refusals, static files, the health check,
# the body size limit and Apache's error log - then Apache stopped and
# nothing of it left running.  Used by t/deploy-apache-fcgid.t and
# t/deploy-cgi.t.
package Baton::Deploy;
use strict;
use warnings;
use Exporter 'import';
use Test::More;
use Baton::Test qw(stack new_agent);

our @EXPORT_OK = qw(check_site);

# Apache must go away however the test ends: failure, die, or ^C.
my %started;
sub stop_apache {
    my ($mode) = @_;
    return unless delete $started{$mode};
    local $?;
    my $s = stack();
    my $out = qx{"$s->{ROOT}/tools/apache" stop "$s->{DIR}" $mode 2>&1};
    diag "tools/apache stop $mode failed: $out" if $?;
}
END { stop_apache($_) for keys %started }

sub cookies_of {
    my ($res) = @_;
    my $set = $res->{headers}{'set-cookie'} // [];
    return ref $set ? @$set : ($set);
}

# The Apache parent leads a process group holding its workers, the CGI
# daemon and the programs it runs (mod_fcgid keeps them between requests).
sub group_of {
    my ($pgid) = @_;
    my %procs;
    for (qx{ps -e -o pid=,pgid=,stat=,user=,args=}) {
        my ($pid, $group, $stat, $user, $args) = /^\s*(\d+)\s+(\d+)\s+(\S+)\s+(\S+)\s+(.*)$/ or next;
        $procs{$pid} = { user => $user, args => $args } if $group == $pgid && $stat !~ /^Z/;
    }
    return \%procs;
}

# check_site(MODE, OPTIONS): starts tools/apache MODE, runs the checks
# through it and stops it.  Returns false when Apache did not start.
# OPTIONS, for what differs between the deployments:
#   server          how Apache is named in the first test ("Apache (MODE)")
#   agent           the start of the test agent's name ("Apache MODE Agent")
#   web_directory   the binaries sit in the web directory next to the static
#                   files (.htaccess): calling one directly is 403, not 404
#   nosniff         static files carry X-Content-Type-Options (default 1; a
#                   customer's .htaccess does not set it)
#   body_limit_400  an oversized body may come back as 400, the program
#                   having been handed no body (mod_fcgid), instead of 413
#   persistent      the programs keep running between requests (mod_fcgid)
sub check_site {
    my ($mode, %o) = @_;
    my $s = stack();
    my $server = $o{server} // "Apache ($mode)";
    my $nosniff = $o{nosniff} // 1;
    my $error_log = "$s->{DIR}/log/apache-$mode-error.log";
    my $error_log_start = -s $error_log // 0;
    local @SIG{qw(INT TERM HUP)} = (sub { exit 1 }) x 3;

    $started{$mode} = 1;
    my $out = qx{"$s->{ROOT}/tools/apache" start "$s->{DIR}" $mode 2>&1};
    my ($port) = $out =~ /^(\d+)\s*\z/m;
    if ($? || !$port) {
        fail "tools/apache start $mode";
        diag $out;
        stop_apache($mode);
        return 0;
    }
    pass "$server runs on port $port";
    my $base = "http://127.0.0.1:$port";
    my $browser = sub { Baton::Test::Browser->new(base => $base) };

    subtest 'the sign-in page' => sub {
        my $b = $browser->();
        my $res = $b->get('/signin');
        is $res->{status}, 200, 'GET /signin is 200';
        like $res->{content}, qr/<form method="post" action="\/signin"/, 'with the form';
        my ($cookie) = grep { /^baton_csrf=/ } cookies_of($res);
        like $cookie, qr/^baton_csrf=[0-9a-f]{64}; Path=\/; HttpOnly; SameSite=Strict/, 'and a baton_csrf cookie';
        is Baton::Test::csrf_from($res->{content}), $b->cookie('baton_csrf'), 'that the form echoes';
        is $res->{headers}{'x-frame-options'}, 'DENY', "the program's own headers pass through Apache";
        if ($o{web_directory}) {
            is $b->get('/signin.fcgi')->{status}, 403, 'the binary in the web directory cannot be called directly';
            is $b->get('/.htaccess')->{status}, 403, 'nor the .htaccess read';
        } else {
            is $b->get('/signin.fcgi')->{status}, 404, 'the binary has no URL of its own';
            is $b->get('/cgi-bin/signin.fcgi')->{status}, 404, 'nor under /cgi-bin';
        }
    };

    subtest 'sign in, change state, sign out' => sub {
        my $name = ($o{agent} // "Apache $mode Agent") . ' ' . int rand 100000;
        my ($email, $password) = new_agent(name => $name);
        my $b = $browser->();
        my $res = $b->sign_in($email, $password, state => 'break');
        is $res->{status}, 303, 'POST /signin answers 303';
        is $res->{headers}{location}, '/console', 'to the console';
        ok $b->cookie('baton_session'), 'with a session cookie';
        ok !$b->cookie('baton_csrf'), 'and the sign-in token cleared';

        my $console = $b->get('/console');
        is $console->{status}, 200, 'the console opens';
        like $console->{content}, qr/Hello, \Q$name\E/, 'greeting the agent by name';
        like $console->{content}, qr/data-state="break">/, 'in the state chosen at sign-in';

        my $csrf = Baton::Test::csrf_from($console->{content});
        ok $csrf, 'the console carries the session CSRF token';
        $res = $b->post('/state', form => [csrf => $csrf, state => 'away'],
            headers => { Origin => $base });
        is $res->{status}, 303, 'POST /state (with our own Origin) answers 303';
        is $res->{headers}{location}, '/console', 'back to the console';
        like $b->get('/console')->{content}, qr/data-state="away">/, 'the console shows the new state';

        $res = $b->post('/state', form => [csrf => $csrf, state => 'available'],
            headers => { Origin => 'http://evil.example' });
        is $res->{status}, 403, 'a state change from another origin is refused';
        like $res->{content}, qr/sent from another site/, 'saying so';
        $res = $b->post('/state', form => [csrf => 'c' x 64, state => 'available']);
        is $res->{status}, 403, 'a state change with a wrong token is refused';
        like $b->get('/console')->{content}, qr/data-state="away">/, 'and the state is unchanged';

        my $session = $b->cookie('baton_session');
        $res = $b->post('/signout', form => [csrf => $csrf]);
        is $res->{status}, 303, 'POST /signout answers 303';
        is $res->{headers}{location}, '/signin?signed_out=1', 'to the sign-in page';
        ok !$b->cookie('baton_session'), 'the session cookie is gone';
        like $b->get($res->{headers}{location})->{content}, qr/You have signed out\./, 'which says so';

        $b->set_cookie(baton_session => $session);
        $res = $b->get('/console');
        is $res->{status}, 303, '/console now redirects, even with the old session cookie';
        is $res->{headers}{location}, '/signin', 'to the sign-in page';
    };

    subtest 'refusals' => sub {
        my ($email, $password) = new_agent();
        my $b = $browser->();
        my $res = $b->sign_in($email, 'not-the-password');
        is $res->{status}, 403, 'a wrong password is 403';
        like $res->{content}, qr/That e-mail address and password do not match an agent\./, 'with the message';
        ok !$b->cookie('baton_session'), 'and no session';

        $b->get('/signin');
        $res = $b->post('/signin', form => [csrf => 'a' x 64, email => $email, password => $password]);
        is $res->{status}, 403, 'a CSRF token that does not match the cookie is 403';
        like $res->{content}, qr/security token is missing or out of date/, 'with the message';
        $res = $browser->()->post('/signin', form => [csrf => 'b' x 64, email => $email, password => $password]);
        is $res->{status}, 403, 'no CSRF cookie at all is 403';
        $res = $b->post('/signin', form => [email => $email, password => $password]);
        is $res->{status}, 400, 'no csrf field is 400 (a required field)';

        $res = $b->post('/signin', content => 'x=' . ('y' x 70000),
            headers => { 'Content-Type' => 'application/x-www-form-urlencoded' });
        if ($o{body_limit_400}) {
            # LimitRequestBody answers 413, but mod_fcgid 2.3.9 ignores that
            # and hands the program an empty body (CONTENT_LENGTH 0), which
            # is then refused as a form without its token.  Either way the
            # body never reaches the program.
            like $res->{status}, qr/^(?:400|413)$/, 'a body over 64 KiB is refused';
            like $res->{content}, qr/csrf/, 'the program saw no form fields' if $res->{status} == 400;
        } else {
            is $res->{status}, 413, 'a body over 64 KiB is refused with 413';
        }
    };

    subtest 'static files and health' => sub {
        my $b = $browser->();
        my $res = $b->get('/css/baton.css');
        is $res->{status}, 200, '/css/baton.css is served';
        like $res->{headers}{'content-type'}, qr{^text/css}, 'as text/css';
        open my $fh, '<', "$s->{ROOT}/htdocs/css/baton.css" or die $!;
        my $css = do { local $/; <$fh> };
        is $res->{content}, $css, 'as it is in htdocs/';
        is $res->{headers}{'x-content-type-options'}, 'nosniff', 'with nosniff' if $nosniff;
        is $b->get('/')->{status}, 200, '/ serves index.html';

        $res = $b->get('/health');
        is $res->{status}, 200, '/health is 200';
        like $res->{content}, qr/"status":"ok"/, 'and ok';
    };

    subtest "Apache's error log" => sub {
        open my $fh, '<', $error_log or return fail "no $error_log";
        seek $fh, $error_log_start, 0;
        my @lines = <$fh>;
        my @errors = grep {
            /\b\w+\[\d+\] error: /                 # a program's own error lines
            || /\[fcgid:(?:warn|error|crit|alert|emerg)\]/
            || /End of script output|Premature end|exit signal|timed? ?out/i
        } @lines;
        is_deeply \@errors, [], 'no program errors or failed program runs were logged';
    };

    my $pidfile = "$s->{DIR}/apache-$mode/run/apache.pid";
    my ($apache_pid) = (do { local (@ARGV, $/) = $pidfile; <> } // '') =~ /(\d+)/;
    if ($o{persistent}) {
        my $group = $apache_pid ? group_of($apache_pid) : {};
        my @programs = grep { $_->{args} =~ m{/cgi-bin/\w+\.fcgi} } values %$group;
        ok @programs >= 1, 'the programs keep running between requests';
        is_deeply [grep { $_->{user} ne 'www-data' } @programs], [], 'as www-data' if $> == 0;
    }

    stop_apache($mode);
    ok !-e $pidfile, 'tools/apache stop removed the pid file';
    is_deeply [sort keys %{ group_of($apache_pid // 0) }], [], 'and left no process of the instance';
    return 1;
}

1;
