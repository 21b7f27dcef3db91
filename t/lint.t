#!/usr/bin/perl
# Rules that keep the code safe by construction: SQL lives only in
# the statement catalogue (lib/sql_*.c) and always runs prepared; templates never print raw values;
# ClearSilver debugging and tracebacks stay off; every program has its test.
use strict;
use warnings;
use Test::More;
use File::Basename qw(basename);

my $root = $ENV{BATON_ROOT} // '.';
chdir $root or die "chdir $root: $!";

sub slurp { my ($f) = @_; open my $fh, '<', $f or die "$f: $!"; local $/; scalar <$fh> }
my @c_files = (glob('lib/*.c'), glob('lib/*.h'), glob('cgi-bin/*.c'), glob('tools/*.c'));
ok @c_files > 10, 'found the C sources';

for my $file (@c_files) {
    my $text = slurp($file);
    if ($file !~ m{^lib/sql(_[a-z_]+)?\.c$}) {
        my @sql = $text =~ /"\s*((?:SELECT|INSERT|UPDATE|DELETE|REPLACE|CREATE|ALTER|DROP)\s[^"]*)"/g;
        is_deeply \@sql, [], "$file: no SQL text outside the catalogue lib/sql_*.c";
    }
    my @raw = $text =~ /\b(mysql_query|mysql_real_query|mysql_send_query)\s*\(/g;
    if ($file eq 'lib/db.c') {
        is scalar @raw, 1, 'lib/db.c: one unprepared call, in db_run_script (migrations)';
    } else {
        is_deeply \@raw, [], "$file: no unprepared queries";
    }
    unlike $text, qr/\bcgi_neo_error\b|\bcgi_init\b/, "$file: no ClearSilver CGI wrappers (tracebacks, shared I/O)";
    unlike $text, qr/DebugEnabled",\s*"1"/, "$file: ClearSilver debugging stays off";
    unlike $text, qr/\b(sprintf|strcpy|gets)\s*\(/, "$file: no unbounded string functions";
}

for my $file (glob('lib/sql*.c')) {
    unlike slurp($file), qr/\b(snprintf|sprintf|strcat|strcpy|asprintf|pool_printf)\b/,
        "$file: statements are fixed texts with placeholders, never built";
}

for my $template (glob('templates/*.cs'), glob('templates/mail/*.cs')) {
    my $text = slurp($template);
    my @raw = $text =~ /<\?cs\s+(uvar|lvar|evar|alt):/g;
    is_deeply \@raw, [], "$template: no raw output (uvar, lvar, evar, alt)";
}

my $config = slurp('lib/config.c');
my %keys = map { $_ => 1 } $config =~ /(?:_SETTING\(|strcmp\(name, )"([a-z_]+)"/g;
ok keys %keys >= 15, 'found the settings in lib/config.c';
my $example = slurp('conf/baton.conf.example');
for my $key (sort keys %keys) {
    like $example, qr/^#? ?\Q$key\E =/m, "conf/baton.conf.example documents $key";
}

for my $program (glob('cgi-bin/*.c')) {
    my $name = basename($program, '.c');
    ok -e "t/$name.t", "cgi-bin/$name.c has its test t/$name.t";
}
done_testing;
