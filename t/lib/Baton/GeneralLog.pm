package Baton::GeneralLog;
# MariaDB's general log as the tests that count statements read it: on
# (into mysql.general_log, emptied first), off, and a count of the logged
# statements by shape. Counts, not timings, so such a test holds on a
# loaded machine. The log is turned off when the process that turned it
# on ends, however it ends, so the stack's other tests run without it.
use strict;
use warnings;
use Exporter 'import';
use Baton::Test qw(sql);

our @EXPORT_OK = qw(log_on log_off logged_count);

my $owner;

sub log_on {
    sql("SET GLOBAL log_output = 'TABLE'");
    sql('TRUNCATE mysql.general_log');
    sql('SET GLOBAL general_log = 1');
    $owner = $$;
}

sub log_off { sql('SET GLOBAL general_log = 0') }

END { log_off() if defined $owner && $$ == $owner }

# How many logged statements (queries and executions of prepared ones)
# match each shape of $shapes (name => regexp): { name => count }.
sub logged_count {
    my ($shapes) = @_;
    my %n = map { $_ => 0 } keys %$shapes;
    for my $row (@{ sql("SELECT argument FROM mysql.general_log WHERE command_type IN ('Query', 'Execute')") }) {
        for my $k (keys %$shapes) { $n{$k}++ if $row->[0] =~ $shapes->{$k} }
    }
    return \%n;
}

1;
