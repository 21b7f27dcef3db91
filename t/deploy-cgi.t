#!/usr/bin/perl
# Baton as plain CGI under Apache 2.4, the set-up INSTALL gives the most
# restricted hosts, in both of its forms:
#   cgi       the site configured from conf/apache-cgi.conf.in (ScriptAliasMatch,
#             SetEnv BATON_CONF)
#   htaccess  a shared host's web directory with copies of htdocs/ and the
#             binaries, configured only by the .htaccess INSTALL shows
# Each runs a private Apache (tools/apache, mod_cgid) in front of the running
# test stack's database, and the agent's whole round trip goes through it
# (Baton::Deploy).
use strict;
use warnings;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Deploy qw(check_site);

subtest 'plain CGI: cgi' => sub {
    check_site('cgi', agent => 'CGI cgi Agent');
};
subtest 'plain CGI: htaccess' => sub {
    # The customer's .htaccess sets no headers of its own.
    check_site('htaccess', agent => 'CGI htaccess Agent', web_directory => 1, nosniff => 0);
};

done_testing;
