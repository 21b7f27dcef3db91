#!/usr/bin/perl
# The schema as a Galera cluster needs it (INSTALL, section 5b): Galera
# replicates only InnoDB tables, and a table without a primary key
# replicates badly (each row change found by a full scan on every node).
# Checked on the test stack's database after every migration has run.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

stack();
my $tables = sql("SELECT TABLE_NAME, ENGINE FROM information_schema.TABLES"
    . " WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE'");
cmp_ok scalar @$tables, '>', 10, 'found the tables';
for my $t (@$tables) {
    is $t->[1], 'InnoDB', "$t->[0] is InnoDB";
}
my $without = sql("SELECT t.TABLE_NAME FROM information_schema.TABLES t"
    . " LEFT JOIN information_schema.TABLE_CONSTRAINTS c ON c.TABLE_SCHEMA = t.TABLE_SCHEMA"
    . " AND c.TABLE_NAME = t.TABLE_NAME AND c.CONSTRAINT_TYPE = 'PRIMARY KEY'"
    . " WHERE t.TABLE_SCHEMA = DATABASE() AND t.TABLE_TYPE = 'BASE TABLE' AND c.CONSTRAINT_NAME IS NULL");
is_deeply [map { $_->[0] } @$without], [], 'every table has a primary key';
done_testing;
