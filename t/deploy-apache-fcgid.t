#!/usr/bin/perl
# Baton behind Apache 2.4 + mod_fcgid, configured from conf/apache-fcgid.conf.in
# as INSTALL tells hosting providers: a private Apache (tools/apache) in front
# of the running test stack's database, and the agent's whole round trip
# through it (Baton::Deploy) - sign-in page, sign-in, console, state,
# sign-out, the refusals, static files, the health check and the body size
# limit - and the programs kept running between requests.
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Deploy qw(check_site);

check_site('fcgid',
    server         => 'Apache with mod_fcgid',
    agent          => 'Fcgid Agent',
    body_limit_400 => 1,
    persistent     => 1,
);

done_testing;
