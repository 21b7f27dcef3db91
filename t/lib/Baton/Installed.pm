# Baton::Installed - an installed Baton package run as its own files say
# (t/ship/deb.t): a MariaDB of the test's own answering where the package's
# baton.conf and postinst look for the local one (/run/mysqld/mysqld.sock),
# each installed program started as /lib/systemd/system/baton@.service and
# baton@.socket would start it (no systemd runs here: the same socket,
# user, groups and environment, the socket handed over as standard input),
# and nginx with the server block of /etc/nginx/sites-available/baton,
# only listening on a free local port without TLS. Everything stops when
# the test ends, however it ends.
package Baton::Installed;
use strict;
use warnings;
use Exporter 'import';
use File::Temp ();
use IO::Socket::UNIX;
use POSIX ();
use Socket qw(SOCK_STREAM);

our @EXPORT_OK = qw(system_mariadb_free start_mariadb start_programs start_nginx stop_stack stop_all);

my $DB_SOCKET = '/run/mysqld/mysqld.sock';
my (@groups, $nginx_pidfile, $db_pid);
# The test's own files (logs, nginx.conf, the datadir), made when first needed.
my $dir;
sub dir {
    $dir //= File::Temp::tempdir('baton-deb.XXXXXX', TMPDIR => 1, CLEANUP => 1);
    chmod 0755, $dir;
    return $dir;
}

# True when no MariaDB answers (or waits) at the package's socket.
sub system_mariadb_free { return !-e $DB_SOCKET }

sub wait_until {
    my ($seconds, $check) = @_;
    my $until = time + $seconds;
    while (time < $until) {
        return 1 if $check->();
        select undef, undef, undef, 0.2;
    }
    return 0;
}

# A MariaDB from the tree's template datadir (tools/stack makes it) or, in
# a tree that never ran a stack (`make test-deb` alone in a fresh clone), a
# datadir of its own; root by the Unix socket as on a Debian server.
# Returns false when it did not come up.
sub start_mariadb {
    my ($root) = @_;
    my $d = dir();
    if (-d "$root/var/cache/mariadb-template/mysql") {
        system('cp', '-a', "$root/var/cache/mariadb-template", "$d/db") == 0 or return 0;
    } else {
        system("mariadb-install-db --no-defaults --datadir='$d/db' --auth-root-authentication-method=normal"
            . " --skip-test-db --user=root >'$d/mariadb-install.log' 2>&1") == 0 or return 0;
    }
    system('install', '-d', '-m', '0755', '/run/mysqld') == 0 or return 0;
    $db_pid = fork // die "fork: $!";
    if (!$db_pid) {
        POSIX::setpgid(0, 0);
        open STDOUT, '>>', "$d/mariadb.log"; open STDERR, '>&', \*STDOUT;
        exec 'mariadbd', '--no-defaults', "--datadir=$d/db", "--socket=$DB_SOCKET",
            '--skip-networking', '--user=root', "--pid-file=$d/mariadb.pid",
            '--innodb-buffer-pool-size=64M', '--innodb-log-file-size=16M'
            or POSIX::_exit(127);
    }
    return wait_until(60, sub {
        system("mariadb-admin --no-defaults --socket=$DB_SOCKET -uroot --connect-timeout=2 ping >/dev/null 2>&1") == 0 });
}

# The unit's settings: ExecStart, Environment, User, Group, SupplementaryGroups.
sub unit_settings {
    my ($file) = @_;
    open my $fh, '<', $file or die "$file: $!";
    my %u = (env => {});
    while (<$fh>) {
        next unless /^(\w+)=(.*)$/;
        my ($k, $v) = ($1, $2);
        if ($k eq 'Environment') { my ($n, $x) = split /=/, $v, 2; $u{env}{$n} = $x }
        else { $u{$k} = $v }
    }
    return \%u;
}

# Every installed program, each on /run/baton/NAME.sock as baton@NAME.socket
# makes it, run as baton@NAME.service says. workers: BATON_WORKERS for
# this test (the machine is shared; the unit's value otherwise). Returns
# the names started.
sub start_programs {
    my (%o) = @_;
    my $d = dir();
    my $service = unit_settings('/lib/systemd/system/baton@.service');
    my $socket = unit_settings('/lib/systemd/system/baton@.socket');
    my $uid = getpwnam($service->{User}) // die "no user $service->{User}";
    my $gid = getgrnam($service->{Group}) // die "no group $service->{Group}";
    my @extra = map { scalar getgrnam($_) } split ' ', $service->{SupplementaryGroups} // '';
    my $sock_gid = getgrnam($socket->{SocketGroup}) // die "no group $socket->{SocketGroup}";
    (my $sock_dir = $socket->{ListenStream}) =~ s{/[^/]+$}{};
    system('install', '-d', '-o', $socket->{SocketUser}, '-g', $socket->{SocketGroup},
        '-m', $socket->{DirectoryMode}, $sock_dir) == 0 or die "cannot make $sock_dir";
    my @names;
    for my $program (glob '/usr/lib/baton/cgi-bin/*.fcgi') {
        my ($name) = $program =~ m{/([a-z_]+)\.fcgi$} or next;
        (my $path = $socket->{ListenStream}) =~ s/%i/$name/g;
        (my $exec = $service->{ExecStart}) =~ s/%i/$name/g;
        unlink $path;
        my $listen = IO::Socket::UNIX->new(Type => SOCK_STREAM, Local => $path,
            Listen => $socket->{Backlog} // 128) or die "$path: $!";
        chown scalar(getpwnam $socket->{SocketUser}), $sock_gid, $path;
        chmod oct($socket->{SocketMode}), $path;
        my $pid = fork // die "fork: $!";
        if (!$pid) {
            POSIX::setpgid(0, 0);
            open STDIN, '<&', $listen or POSIX::_exit(126);
            open STDOUT, '>>', "$d/programs.log"; open STDERR, '>&', \*STDOUT;
            umask oct($service->{UMask} // '0027');
            $) = join ' ', $gid, $gid, @extra;
            $( = $gid;
            $< = $> = $uid;
            POSIX::_exit(125) if $> != $uid || $< != $uid;
            %ENV = (PATH => '/usr/sbin:/usr/bin:/sbin:/bin', %{ $service->{env} },
                ($o{workers} ? (BATON_WORKERS => $o{workers}) : ()));
            exec $exec or POSIX::_exit(127);
        }
        close $listen;
        push @groups, $pid;
        push @names, $name;
    }
    return @names;
}

# nginx with the package's site: its first server block, listening on
# 127.0.0.1:PORT without TLS (no certificate exists here). Returns false
# when nginx did not start.
sub start_nginx {
    my ($port) = @_;
    my $d = dir();
    open my $fh, '<', '/etc/nginx/sites-available/baton' or die "the nginx site: $!";
    my $site = do { local $/; <$fh> };
    my $from = index $site, "server {";
    die 'no server block in the nginx site' if $from < 0;
    my ($depth, $end) = (0, undef);
    for my $i ($from .. length($site) - 1) {
        my $c = substr $site, $i, 1;
        $depth++ if $c eq '{';
        if ($c eq '}' && --$depth == 0) { $end = $i; last }
    }
    my $server = substr $site, $from, $end - $from + 1;
    $server =~ s/^\s*listen\s[^;]*;/    listen 127.0.0.1:$port;/m;
    $server =~ s/^\s*ssl_\w+\s[^;]*;\n//mg;
    my $conf = <<"NGINX";
user www-data;
worker_processes 1;
pid $d/nginx.pid;
error_log $d/nginx-error.log;
events { worker_connections 256; }
http {
    include /etc/nginx/mime.types;
    access_log $d/nginx-access.log;
    client_body_temp_path $d/nginx-body;
    fastcgi_temp_path $d/nginx-fastcgi;
    proxy_temp_path $d/nginx-proxy;
    uwsgi_temp_path $d/nginx-uwsgi;
    scgi_temp_path $d/nginx-scgi;
$server
}
NGINX
    open my $out, '>', "$d/nginx.conf" or die $!;
    print $out $conf;
    close $out;
    $nginx_pidfile = "$d/nginx.pid";
    system('nginx', '-c', "$d/nginx.conf", '-p', $d) == 0 or return 0;
    return wait_until(30, sub { -s $nginx_pidfile });
}

sub stop_group {
    my ($pgid) = @_;
    kill 'TERM', -$pgid;
    wait_until(30, sub { waitpid($pgid, POSIX::WNOHANG()) != 0 }) or kill 'KILL', -$pgid;
}

# nginx and the programs (MariaDB stays, for the upgrade's migrations).
sub stop_stack {
    if ($nginx_pidfile && -s $nginx_pidfile) {
        my $pid = do { open my $p, '<', $nginx_pidfile; local $/; <$p> } // '';
        kill 'QUIT', $pid =~ /(\d+)/ ? $1 : ();
        wait_until(30, sub { !-e $nginx_pidfile });
    }
    undef $nginx_pidfile;
    kill 'TERM', -$_ for @groups;
    stop_group($_) for @groups;
    @groups = ();
    unlink glob '/run/baton/*.sock';
    rmdir '/run/baton';
}

sub stop_all {
    stop_stack();
    stop_group($db_pid) if $db_pid;
    undef $db_pid;
}
END { local $?; stop_all() }

1;
