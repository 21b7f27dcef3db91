#!/usr/bin/perl
# The Debian package (make test-deb; not in make test: it builds the whole
# tree again and, as root, installs the package on this machine). Builds it
# with `make deb` (dpkg-buildpackage, then lintian with no errors), checks
# what it holds, then - as root, when no baton package is installed - installs
# it, upgrades it over itself and purges it, checking what each step leaves.
# Between install and upgrade the installed files run (t/lib/Baton/Installed.pm):
# a MariaDB of the test's own where the package looks for the local one, so
# postinst makes the database; the programs as the systemd units say; nginx
# with the package's site on a free port; and through it an agent signs in
# and a visitor and the agent hold a short conversation.
use strict;
use warnings;
use Test::More;
use lib (($ENV{BATON_ROOT} // '.') . '/t/lib');
use Baton::Installed ();

my $root = $ENV{BATON_ROOT} // do { require Cwd; Cwd::getcwd() };
chdir $root or die "$root: $!";
my $version = do { local (@ARGV, $/) = 'VERSION'; <> } =~ s/\s+\z//r;

# BATON_DEB: a package `make deb` built already (the build is most of the
# test's time), e.g. to run the installation again after a failure.
my $deb = $ENV{BATON_DEB};
if (!$deb) {
    my $out = qx{make --no-print-directory deb 2>&1};
    is $?, 0, 'make deb builds the package and lintian finds no error' or diag substr $out, -4000;
    ($deb) = glob "var/deb/baton_${version}_*.deb";
}
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
        my $own_db = Baton::Installed::system_mariadb_free() && Baton::Installed::start_mariadb($root);
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
        SKIP: {
            skip 'a MariaDB answers at /run/mysqld/mysqld.sock already, or none could be started there', 1
                unless $own_db;
            like $log, qr{baton: first run: create the operator account in the browser\.\nsetup token: [0-9a-f]{64}},
                'postinst made and migrated the database, and printed the setup token';
            subtest 'the installed stack holds a conversation' => sub { converse($root) };
            Baton::Installed::stop_stack();
        }

        $log = qx{DEBIAN_FRONTEND=noninteractive dpkg -i "$deb" 2>&1};
        is $?, 0, 'installed again over itself (an upgrade)' or diag $log;
        my $again = do { local (@ARGV, $/) = '/etc/baton/baton.conf'; <> } // '';
        is $again, $conf, 'the configuration and its password kept';
        like $log, qr/schema is up to date \(\d+ migrations, 0 new\)/, 'the upgrade ran the schema migrations'
            if $own_db;

        $log = qx{echo 'baton baton/purge_database boolean false' | debconf-set-selections 2>&1;
                  DEBIAN_FRONTEND=noninteractive dpkg --purge baton 2>&1};
        is $?, 0, 'dpkg --purge' or diag $log;
        ok !-e '/etc/baton' && !-e '/var/log/baton' && !-e '/var/lib/baton', 'configuration, logs and state gone';
        ok !-e '/usr/lib/baton' && !-e '/usr/sbin/baton-admin', 'and the programs';
        Baton::Installed::stop_all();
    };
}

# The installed programs behind nginx: an agent made with the installed
# baton-admin signs in, a visitor asks through the help link, the agent
# accepts, and a line goes each way.
sub converse {
    my ($root) = @_;
    my $port = qx{"$root/tools/stack" free-port} =~ s/\s+//gr;
    my @programs = Baton::Installed::start_programs(workers => 2);
    ok scalar(grep { $_ eq 'signin' } @programs) && scalar(grep { $_ eq 'poll' } @programs),
        scalar(@programs) . ' programs started as baton@.service runs them';
    ok Baton::Installed::start_nginx($port), "nginx with the package's site on port $port"
        or return diag(Baton::Installed::dir());
    local $ENV{BATON_URL} = "http://127.0.0.1:$port";
    local $ENV{BATON_CONF} = '/etc/baton/baton.conf';
    require Baton::Test;
    my $admin = sub {
        local $ENV{BATON_PASSWORD} = $_[0];
        my $out = qx{/usr/sbin/baton-admin @{[map { quotemeta } @_[1 .. $#_]]} 2>&1 </dev/null};
        is $?, 0, "baton-admin @_[1 .. 2]" or diag $out;
        return $out;
    };
    $admin->('', 'client', 'add', 'shop', 'The Shop');
    my ($key) = $admin->('', 'site', 'add', 'shop', 'The Shop website', '127.0.0.1') =~ /key is ([0-9a-f]{32})/;
    $admin->('correct horse battery', 'agent', 'add', 'shop', 'ann@shop.example', 'Ann Agent', 'agent');

    my $agent = { browser => Baton::Test::Browser->new };
    my $health = $agent->{browser}->get('/health');
    is $health->{status}, 200, 'the health page answers through nginx' or diag $health->{content};
    my $res = $agent->{browser}->sign_in('ann@shop.example', 'correct horse battery', state => 'available');
    is $res->{status}, 303, 'the agent signs in' or return diag "$res->{status} $res->{content}";
    my $visitor = { browser => Baton::Test::Browser->new };
    my $request = eval { $visitor->{browser}->ask_help($key, question => 'Where is my parcel?') };
    ok $request, 'a visitor asks for help through the help link' or return diag $@;
    my $csrf = $agent->{browser}->session_csrf;
    $res = $agent->{browser}->post('/accept', form => [csrf => $csrf, request => $request]);
    my ($channel) = ($res->{headers}{location} // '') =~ m{^/channel\?id=([0-9a-f]{32})$};
    ok $channel, 'the agent accepts' or return diag "$res->{status} $res->{content}";
    $agent->{token} = Baton::Test::channel_token($agent->{browser}->get("/channel?id=$channel")->{content});
    my $joined = Baton::Test::wait_for('the visitor is led in', 30, sub {
        ($visitor->{browser}->get("/wait?r=$request")->{headers}{location} // '') eq "/channel?id=$channel" });
    ok $joined, 'the visitor\'s waiting page leads into the conversation';
    $visitor->{token} = Baton::Test::channel_token($visitor->{browser}->get("/channel?id=$channel")->{content});
    ok $agent->{token} && $visitor->{token}, 'both open the conversation';

    for my $turn ([$visitor, $agent, 'Hello, my parcel has not come.'],
                  [$agent, $visitor, 'Let me look: it leaves the depot today.']) {
        my ($from, $to, $text) = @$turn;
        my ($said) = Baton::Test::chat_say($from, $channel, $text);
        is $said->{status}, 200, "said: $text" or diag $said->{content};
        my ($events) = Baton::Test::chat_collect($to, $channel, seconds => 30,
            until => sub { grep { $_->{kind} eq 'line' && ($_->{body} // '') eq $text } @{ $_[0] } });
        ok((grep { $_->{kind} eq 'line' && ($_->{body} // '') eq $text } @$events), '  and the other side gets it');
    }
    my $errors = do { local (@ARGV, $/) = (Baton::Installed::dir() . '/nginx-access.log'); <> } // '';
    unlike $errors, qr{" 5\d\d }, 'nginx answered no 5xx';
}

done_testing;
