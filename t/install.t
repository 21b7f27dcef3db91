#!/usr/bin/perl
# make install / make uninstall (tools/install, mk/install.mk): the FHS
# layout under a DESTDIR, the installed programs run from there with a
# baton.conf that points at the installed files (never the build tree) -
# under spawn-fcgi as the systemd unit runs them, answering /health with the
# version and a visitor's help request on the test stack's database - the
# installed baton-admin's version, help and migrate, and an uninstall that
# takes away what the install put there.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use File::Temp qw(tempdir);
use POSIX qw(setsid :sys_wait_h);
use Test::More;
use Time::HiRes qw(sleep time);
use Baton::Test qw(stack wait_for);
use Baton::FastCGI;

my $s = stack();
my $root = $s->{ROOT};
my $prefix = '/usr/local';   # the Makefile's default: nothing is rebuilt
my $version = do { open my $fh, '<', "$root/VERSION" or die $!; local $/; <$fh> };
$version =~ s/\s+\z//;
my $tmp = tempdir('install-XXXXXX', DIR => $s->{DIR}, CLEANUP => 1);
my $dest = "$tmp/dest";

sub run_make {
    my ($target, $destdir) = @_;
    my $out = qx{make -s -C "$root" --no-print-directory $target PREFIX=$prefix DESTDIR="$destdir" 2>&1};
    return ($? >> 8, $out);
}

sub files_under {
    my ($dir) = @_;
    return [] unless -d $dir;
    return [sort map { chomp; substr $_, length $dir } qx{find "$dir" -type f}];
}

my ($rc, $out) = run_make('install', $dest);
is $rc, 0, 'make install PREFIX DESTDIR succeeds' or diag $out;
like $out, qr{first run: .*\Q$prefix\E/sbin/baton-admin setup-token and open the\s+address it prints},
    'and says how the first run goes: the setup token and its address';

subtest 'the FHS layout' => sub {
    my $p = "$dest$prefix";
    ok -x "$p/sbin/baton-admin", 'baton-admin in sbin';
    ok -x "$p/lib/baton/cgi-bin/$_.fcgi", "$_.fcgi in lib/baton/cgi-bin" for qw(health help signin console);
    ok -x "$p/lib/baton/$_", "$_ in lib/baton" for qw(baton-dialer baton-mailer baton-mail-in);
    my $mailer = do { local (@ARGV, $/) = "$p/lib/systemd/system/baton-mailer.service"; <> } // '';
    like $mailer, qr{^ExecStart=\Q$prefix\E/lib/baton/baton-mailer}m, 'the mailer unit runs the installed mailer';
    ok -f "$p/share/baton/templates/help.cs", 'templates in share/baton';
    ok -f "$p/share/baton/htdocs/css/baton.css", 'static files in share/baton/htdocs';
    ok((grep { -f } glob "$p/share/baton/schema/001-*.sql"), 'the schema in share/baton');
    ok((grep { -f } glob "$p/share/baton/prompts/en/*.sln"), 'the recorded prompts in share/baton');
    ok -f "$p/share/baton/conf/nginx-site.conf.example", 'the web server examples in share/baton/conf';
    ok -f "$p/share/man/man8/baton-admin.8", 'baton-admin(8)';
    ok -f "$p/share/man/man5/baton.conf.5", 'baton.conf(5)';
    ok -f "$p/share/doc/baton/$_", "$_ in share/doc/baton" for qw(README INSTALL NEWS);
    my $unit = do { local (@ARGV, $/) = "$p/lib/systemd/system/baton\@.service"; <> } // '';
    like $unit, qr{ExecStart=(?:.* -- )?\Q$prefix\E/lib/baton/cgi-bin/%i\.fcgi$}m, 'the unit runs the installed programs';
    ok -f "$p/lib/systemd/system/baton\@.socket", 'beside the socket unit that holds its socket';
    my $site = do { local (@ARGV, $/) = "$p/share/baton/conf/nginx-site.conf.example"; <> } // '';
    like $site, qr{^\s*root \Q$prefix\E/share/baton/htdocs;}m, 'the nginx example serves the installed static files';
    like $site, qr{^\s*if \(!-f \Q$prefix\E/lib/baton/cgi-bin/\$1\.fcgi\) \{ return 404; \}}m,
        'and answers 404 for a name that is no installed program';
    ok -f "$p/share/baton/conf/$_", "the parts' templates: $_" for qw(kamailio.cfg.in galera.cnf.in haproxy.cfg.in exim.conf.in);
    my $conf = "$dest/etc/baton/baton.conf";
    ok -f $conf, 'the configuration in /etc/baton';
    is sprintf('%04o', (stat $conf)[2] & 07777), '0640', 'readable by root and its group only';
    ok -d "$dest/var/lib/baton" && -d "$dest/var/log/baton", 'state and log directories';
    for my $bin ("$p/sbin/baton-admin", "$p/lib/baton/cgi-bin/help.fcgi") {
        my $strings = do { local (@ARGV, $/) = $bin; binmode ARGV; <> };
        unlike $strings, qr{\Q$root\E/(?:templates|schema|prompts)}, "$bin names no build tree path";
    }
};

# The installed configuration, filled in as an operator would: the stack's
# database, and the files where DESTDIR put them (the compiled-in defaults
# are $prefix/share/baton/..., which this machine does not have).
my $conf = "$dest/etc/baton/baton.conf";
{
    my %db = map { /^\s*(db_\w+)\s*=\s*(.*?)\s*$/ ? ($1 => $2) : () }
        do { open my $fh, '<', $s->{CONF} or die $!; <$fh> };
    open my $fh, '>>', $conf or die "$conf: $!";
    print {$fh} "\n# Added by t/install.t\n";
    print {$fh} "$_ = $db{$_}\n" for grep { $db{$_} ne '' } sort keys %db;
    print {$fh} "templates_dir = $dest$prefix/share/baton/templates\n",
        "schema_dir = $dest$prefix/share/baton/schema\n",
        "prompts_dir = $dest$prefix/share/baton/prompts/en\n",
        "log_file = $tmp/baton.log\n";
    close $fh or die $!;
}
my $admin = "$dest$prefix/sbin/baton-admin";

subtest 'the installed baton-admin' => sub {
    is qx{"$admin" version}, "baton $version\n", 'version, without a configuration';
    my $help = qx{"$admin" 2>&1};
    is $? >> 8, 2, 'no command: a usage error';
    like $help, qr/^usage: baton-admin/m, 'with the list of commands';
    $help = qx{"$admin" help};
    is $?, 0, 'help, without a configuration';
    like $help, qr/^\s+migrate\s/m, 'lists the commands, migrate among them';
    $out = qx{"$admin" --conf "$conf" migrate 2>&1};
    is $?, 0, 'migrate reads the schema from schema_dir (already up to date)' or diag $out;
    $out = qx{BATON_CONF="$conf" "$admin" client add installed-$$ "Installed $$" 2>&1};
    is $?, 0, 'and reaches the database through the installed configuration' or diag $out;
};

# The installed programs under spawn-fcgi, as baton@.service starts them.
my %group;
sub start_program {
    my ($name) = @_;
    my $sock = "$tmp/$name.sock";
    my $pid = fork // die "fork: $!";
    if ($pid == 0) {
        setsid();
        open STDOUT, '>>', "$tmp/$name.out";
        open STDERR, '>&', \*STDOUT;
        $ENV{BATON_CONF} = $conf;
        $ENV{BATON_WORKERS} = 1;
        exec 'spawn-fcgi', '-n', '-s', $sock, '--', "$dest$prefix/lib/baton/cgi-bin/$name.fcgi";
        exit 127;
    }
    $group{$name} = $pid;
    ok wait_for("$name.sock", 60, sub { -S $sock }), "$name.fcgi listens on its socket" or return;
    return $sock;
}
END {
    kill 'TERM', -$_ for values %group;
    my $deadline = time + 20;
    for my $pid (values %group) {
        sleep 0.05 while waitpid($pid, WNOHANG) == 0 && time < $deadline;
        kill 'KILL', -$pid;
    }
}

subtest 'the installed programs' => sub {
    my $health = start_program('health') or return;
    my ($status, $headers, $body) = Baton::FastCGI::request($health, path => '/health');
    is $status, 200, '/health: 200';
    is $body, qq({"status":"ok","version":"$version"}\n), 'with the version of the VERSION file';

    my $help = start_program('help') or return;
    my ($key) = qx{BATON_CONF="$conf" "$admin" site add installed-$$ Shop 127.0.0.1 2>&1} =~ /its key is ([0-9a-f]{32})/;
    ok $key, 'a site made by the installed baton-admin' or return;
    # An address of its own: the help request limits count per address, and
    # other tests on this stack ask for help from 127.0.0.1.
    my %visitor = (HTTP_REFERER => 'http://127.0.0.1/shop.html', REMOTE_ADDR => '192.0.2.77');
    ($status, $headers, $body) = Baton::FastCGI::request($help, path => '/help', query => "site=$key", env => \%visitor);
    is $status, 200, 'the help link: 200';
    like $body, qr/<h1>Live help from Installed $$<\/h1>/, 'its page, from the installed templates';
    my ($csrf) = $body =~ /name="csrf" value="([0-9a-f]{64})"/;
    my ($page) = $body =~ /name="page" value="([^"]*)"/;
    my $cookies = join '; ', map { s/;.*//sr } @{ $headers->{'set-cookie'} // [] };
    my ($res_body);
    ($status, $headers, $res_body) = Baton::FastCGI::request($help, path => '/help', method => 'POST',
        env => { %visitor, HTTP_COOKIE => $cookies },
        body => "csrf=$csrf&site=$key&page=" . ($page // '') . "&name=Ann&question=Where+is+my+order");
    diag $res_body unless $status == 303;
    is $status, 303, 'the question sent: 303';
    like $headers->{location}[0] // '', qr{^/wait\?r=[0-9a-f]{32}$}, 'to the waiting page';
};

subtest 'make uninstall' => sub {
    my ($urc, $uout) = run_make('uninstall', $dest);
    is $urc, 0, 'succeeds' or diag $uout;
    like $uout, qr/kept .*baton\.conf/, 'keeps the baton.conf the operator changed, and says so';
    is_deeply files_under($dest), ['/etc/baton/baton.conf'], 'and leaves nothing else';
    ok !-e "$dest$prefix/lib/baton" && !-e "$dest$prefix/share/baton", 'not even the empty directories';

    my $fresh = "$tmp/fresh";
    my ($irc, $iout) = run_make('install', $fresh);
    is $irc, 0, 'installed afresh' or diag $iout;
    ($urc, $uout) = run_make('uninstall', $fresh);
    is $urc, 0, 'uninstalled' or diag $uout;
    is_deeply files_under($fresh), [], 'an untouched baton.conf goes with the rest';
};

subtest 'make dist' => sub {
    my $dist = qx{make -s -C "$root" --no-print-directory dist 2>&1};
    is $?, 0, 'makes the release tarball' or diag $dist;
    my $tarball = "$root/var/dist/baton-$version.tar.gz";
    ok -f $tarball, "var/dist/baton-$version.tar.gz";
    my $check = qx{cd "$root/var/dist" && sha256sum -c "baton-$version.tar.gz.sha256" 2>&1};
    is $?, 0, 'its checksum matches' or diag $check;
    my %in = map { chomp; $_ => 1 } qx{tar -tzf "$tarball"};
    ok $in{"baton-$version/$_"}, "holds $_" for qw(VERSION NEWS Makefile mk/install.mk debian/control INSTALL);
};

done_testing;
