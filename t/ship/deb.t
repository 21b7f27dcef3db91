#!/usr/bin/perl
# The Debian package (make test-deb; not in make test: it builds the whole
# tree again and, as root, installs the package on this machine). Builds it
# with `make deb` (dpkg-buildpackage, then lintian with no errors), checks
# what it holds, then - as root, when no baton package is installed - installs
# it, upgrades it over itself and purges it, checking what each step leaves.
use strict;
use warnings;
use Test::More;

my $root = $ENV{BATON_ROOT} // do { require Cwd; Cwd::getcwd() };
chdir $root or die "$root: $!";
my $version = do { local (@ARGV, $/) = 'VERSION'; <> } =~ s/\s+\z//r;

my $out = qx{make --no-print-directory deb 2>&1};
is $?, 0, 'make deb builds the package and lintian finds no error' or diag substr $out, -4000;
my ($deb) = glob "var/deb/baton_${version}_*.deb";
ok $deb && -f $deb, "var/deb/baton_${version}_ARCH.deb" or BAIL_OUT('no package');

my %has = map { m{\s\.(/\S+?)/?$} ? ($1 => 1) : () } qx{dpkg-deb -c "$deb"};
ok $has{$_}, "holds $_" for qw(/usr/sbin/baton-admin /usr/lib/baton/cgi-bin/health.fcgi
    /usr/lib/baton/baton-dialer /usr/lib/baton/baton-mailer /usr/lib/baton/baton-mail-in /usr/share/baton/templates/help.cs /usr/share/baton/schema
    /lib/systemd/system/baton@.service /lib/systemd/system/baton-dialer.service /lib/systemd/system/baton-mailer.service
    /etc/nginx/sites-available/baton /etc/apache2/sites-available/baton.conf /etc/logrotate.d/baton
    /usr/share/man/man8/baton-admin.8.gz /usr/share/man/man5/baton.conf.5.gz);
ok !(grep { m{^/etc/baton/} } keys %has), 'no baton.conf in the package (postinst writes it)';
my $depends = qx{dpkg-deb -f "$deb" Depends};
like $depends, qr/\bspawn-fcgi\b/, 'depends on spawn-fcgi';
like $depends, qr/\blibmariadb3\b/, 'and on the MariaDB client library';

SKIP: {
    skip 'installing needs root', 1 if $> != 0;
    skip 'a baton package is installed already: not touching it', 1
        if qx{dpkg-query -W -f='\${Status}' baton 2>/dev/null} =~ /installed/;
    subtest 'install, upgrade over itself, purge' => sub {
        my $log = qx{DEBIAN_FRONTEND=noninteractive dpkg -i "$deb" 2>&1};
        is $?, 0, 'dpkg -i installs it' or diag $log;
        ok scalar(getpwnam 'baton'), 'the baton system user';
        my @st = stat '/etc/baton/baton.conf';
        ok @st, 'postinst wrote /etc/baton/baton.conf';
        is sprintf('%04o', $st[2] & 07777), '0640', 'mode 640';
        is scalar(getgrgid $st[5]), 'baton', 'group baton';
        my $conf = do { local (@ARGV, $/) = '/etc/baton/baton.conf'; <> } // '';
        my ($password) = $conf =~ /^db_password = ([0-9a-f]{48})$/m;
        ok $password, 'with a database password of its own';
        is qx{/usr/sbin/baton-admin version}, "baton $version\n", 'baton-admin version';
        ok -d '/var/log/baton' && -d '/var/lib/baton', 'log and state directories';

        $log = qx{DEBIAN_FRONTEND=noninteractive dpkg -i "$deb" 2>&1};
        is $?, 0, 'installed again over itself (an upgrade)' or diag $log;
        my $again = do { local (@ARGV, $/) = '/etc/baton/baton.conf'; <> } // '';
        is $again, $conf, 'the configuration and its password kept';

        $log = qx{echo 'baton baton/purge_database boolean false' | debconf-set-selections 2>&1;
                  DEBIAN_FRONTEND=noninteractive dpkg --purge baton 2>&1};
        is $?, 0, 'dpkg --purge' or diag $log;
        ok !-e '/etc/baton' && !-e '/var/log/baton' && !-e '/var/lib/baton', 'configuration, logs and state gone';
        ok !-e '/usr/lib/baton' && !-e '/usr/sbin/baton-admin', 'and the programs';
    };
}

done_testing;
