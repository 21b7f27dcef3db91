#!/usr/bin/perl
# The files a stack makes are private: it is made under umask 077; secrets
# (baton.conf with the database password, demo-credentials, the env file)
# are 0600; logs 0640 in a directory only the owner's group may read; the
# database files the owner's alone. Only what others must reach is open:
# the stack directory and run/ are passable (0711) for a web server's user
# on the way to a socket, program sockets are 0660, and the demo site is
# world-readable. A stack of its own is started with the demo (as `make run`
# does) and stopped again; the test stack is checked too.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use File::Find ();
use File::Temp qw(tempdir);
use Test::More;
use Baton::Test qw(stack);

my $s = stack();
my $stack = "$s->{ROOT}/tools/stack";

sub mode_of { my @st = lstat $_[0] or return -1; return $st[2] & 07777 }
sub mode_is {
    my ($path, $mode, $what) = @_;
    is sprintf('%04o', mode_of($path)), sprintf('%04o', $mode), "$what is " . sprintf('%04o', $mode);
}

# Files and directories others may reach at all (any group or other bit).
sub open_to_others {
    my ($dir, @allowed) = @_;
    my @open;
    File::Find::find({ no_chdir => 1, wanted => sub {
        my $mode = mode_of($File::Find::name);
        return if $mode < 0 || !($mode & 007);
        my $rel = ($File::Find::name =~ s{^\Q$dir\E/?}{}r) || ".";
        push @open, sprintf "%s (%04o)", $rel, $mode
            unless grep { $rel =~ $_ } @allowed;
    } }, $dir);
    return \@open;
}

my $base = tempdir('baton-perm.XXXXXX', TMPDIR => 1, CLEANUP => 1);
# Passable, as a stack's parent directory is: the mail part's user (exim)
# goes through it to its spool and logs.
chmod 0711, $base or die "chmod $base: $!";
my $dir = "$base/s";
my $out = qx{"$stack" start "$dir" --demo 2>&1};
is $?, 0, 'a stack with the demo starts' or diag $out;
END { system("\"$stack\" stop \"$dir\" >/dev/null 2>&1") if $dir && -d "$dir/run" }

# baton.conf and baton.log are shared with the mail part's user when the
# stack runs as root (exim pipes to baton-mail-in as Debian-exim).
my $exim_gid = (getgrnam('Debian-exim'))[2] // -1;
sub shared_with_mail { my ($f) = @_; return $> == 0 && ((stat $f)[5] // -2) == $exim_gid }
sub conf_mode { return shared_with_mail($_[0]) ? 0640 : 0600 }
sub baton_log_mode { return shared_with_mail($_[0]) ? 0660 : 0640 }

subtest 'secrets are the owner\'s alone' => sub {
    # Shared with the mail part's user (exim's pipe to baton-mail-in runs as
    # Debian-exim under root), as with the programs' group in production.
    mode_is("$dir/baton.conf", conf_mode("$dir/baton.conf"), 'baton.conf (the database password)');
    mode_is("$dir/demo-credentials", 0600, 'demo-credentials');
    mode_is("$dir/env", 0600, 'the env file');
    mode_is("$dir/db", 0700, 'the database directory');
    my @readable;
    File::Find::find({ no_chdir => 1, wanted => sub {
        push @readable, $File::Find::name if (mode_of($File::Find::name) & 077) != 0;
    } }, "$dir/db");
    is_deeply \@readable, [], 'no database file is open to the group or others';
};

subtest 'logs are 0640, in a directory of the owner and their group' => sub {
    mode_is("$dir/log", 0750, 'log/');
    my @logs = glob "$dir/log/*.log";
    ok @logs >= 10, scalar(@logs) . ' logs';
    # Baton's own log is written by baton-mail-in too, as exim's user when
    # the stack runs as root: group-writable for that group alone.
    my @wrong = grep { mode_of($_) != (m{/baton\.log$} ? baton_log_mode($_) : 0640) } @logs;
    is_deeply [map { sprintf '%s %04o', $_ =~ s{.*/}{}r, mode_of($_) } @wrong], [], 'every log is 0640 (baton.log shared with the mail part)';
    ok !(mode_of("$dir/log/baton.log") & 007), 'baton.log is nothing to others';
};

subtest 'only what others must reach is open to them' => sub {
    mode_is($dir, 0711, 'the stack directory (passable, not readable)');
    mode_is("$dir/run", 0711, 'run/ (the way to the sockets)');
    my @socks = glob "$dir/run/*.sock";
    my @wrong = grep { !/mysql\.sock$/ && mode_of($_) != 0660 } @socks;
    is_deeply \@wrong, [], 'program sockets are 0660';
    # The mail part's directories are passable by exim's user (tools/parts/mail;
    # mail-in/ holds what exim runs for mail to Baton).
    my $open = open_to_others($dir, qr{^(\.|run|run/mysql\.sock|demo(/.*)?|exim(/[^/]*)?|mail(/new|/cur|/tmp)?|mail-in(/.*)?)$});
    is_deeply $open, [], 'nothing else is open to others (made under umask 077)';
    mode_is("$dir/demo/index.html", 0644, 'the demo site is world-readable') if -e "$dir/demo/index.html";
};

subtest 'a stack made by an earlier version is tightened on its next start' => sub {
    chmod 0644, "$dir/baton.conf", "$dir/demo-credentials";
    chmod 0666, "$dir/log/baton.log";
    my $again = qx{"$stack" start "$dir" --demo 2>&1};
    is $?, 0, 'started again' or diag $again;
    mode_is("$dir/baton.conf", conf_mode("$dir/baton.conf"), 'baton.conf');
    mode_is("$dir/demo-credentials", 0600, 'demo-credentials');
    mode_is("$dir/log/baton.log", baton_log_mode("$dir/log/baton.log"), 'baton.log');
};

subtest 'the test stack is made the same way' => sub {
    mode_is("$s->{DIR}/baton.conf", conf_mode("$s->{DIR}/baton.conf"), 'its baton.conf');
    mode_is("$s->{DIR}/log/baton.log", baton_log_mode("$s->{DIR}/log/baton.log"), 'its baton.log');
    mode_is("$s->{DIR}/run", 0711, 'its run/');
};

$out = qx{"$stack" stop "$dir" 2>&1};
is $?, 0, 'and it stops' or diag $out;
done_testing;
