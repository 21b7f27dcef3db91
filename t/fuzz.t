#!/usr/bin/perl
# The short fuzz step of `make test` (t/fuzz/README): every harness in
# t/fuzz/ (built by `make fuzz-build`) replays its kept inputs - its seed
# corpus and every crash found before (t/fuzz/regressions/) - and is
# fuzzed for a few seconds. `make fuzz` runs them for minutes each.
use strict;
use warnings;
use Test::More;

my $root = $ENV{BATON_ROOT} // '.';
chdir $root or die "chdir $root: $!";
my @harnesses = map { m{t/fuzz/(\w+)\.c$} ? $1 : () } glob 't/fuzz/*.c';
ok @harnesses >= 9, scalar(@harnesses) . ' harnesses: ' . join(', ', @harnesses);
my $seconds = $ENV{BATON_FUZZ_SMOKE_SECONDS} // 3;
my @out = qx{tools/fuzz smoke $seconds 2>&1};
my $status = $?;
for my $line (@out) {
    chomp $line;
    if ($line =~ /^(not ok|ok) - (.*)$/) {
        ok $1 eq 'ok', $2;
    } else {
        note $line;
    }
}
is scalar(grep { /^(?:not )?ok - / } @out), scalar @harnesses, 'every harness ran';
is $status, 0, 'tools/fuzz smoke succeeded';
done_testing;
