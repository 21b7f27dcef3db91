#!/usr/bin/perl
# Every declared input of every program, given a value of the wrong shape
# (text with non-ASCII letters where an id, key or code belongs), is
# answered with a 4xx that says what is wrong - never a 5xx, and never an
# error line in the log; so is a request whose Origin and Referer name a
# host in non-ASCII letters (registered domains are ASCII). The inputs are read from the programs' own input
# tables (cgi-bin/*.c, lib/feed.c for /poll), so a program added later is
# covered without touching this test. Each input gets the wrong value while
# the others get well-formed ones (real ids where the program needs them),
# as a signed-in admin in a channel and as a visitor with a request, so the
# value travels as far into the program as it can.
use strict;
use warnings;
use utf8;
use lib "$ENV{BATON_ROOT}/t/lib";
use IO::Socket::INET;
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
chdir $s->{ROOT} or die "chdir: $!";

sub slurp { my ($f) = @_; open my $fh, '<', $f or die "$f: $!"; local $/; scalar <$fh> }

# Choice lists by name, from every C file (agent_states lives in lib/).
my %choices;
for my $file (glob('cgi-bin/*.c'), glob('lib/*.c')) {
    my $text = slurp($file);
    while ($text =~ /const char \*const (\w+)\[\] = \{([^}]*)\}/g) {
        my ($name, $list) = ($1, $2);
        my @values = $list =~ /"([^"]*)"/g;
        $choices{$name} //= \@values if @values;
    }
}

# program => [ [method, [ {name, kind, required, choices} ... ] ] ... ]
sub input_tables {
    my ($text) = @_;
    my %tables;
    while ($text =~ /struct input (\w+)\[\w*\]\s*=\s*\{(.*?)\n\};/gs) {
        my ($table, $body) = ($1, $2);
        my @inputs;
        while ($body =~ /\{\s*"(\w+)",\s*(INPUT_\w+),\s*(true|false),[^,]*,[^,]*,[^,]*,\s*(\w+)\s*\}/g) {
            push @inputs, { name => $1, kind => $2, required => $3 eq 'true',
                choices => $4 eq 'NULL' ? undef : $choices{$4} };
        }
        # Macros that add inputs (help.c's SIGNED_PRIORITY_INPUTS).
        for my $macro ($body =~ /^\s*([A-Z_]+_INPUTS),?\s*$/mg) {
            my ($def) = $text =~ /#define \Q$macro\E((?:[^\n]*\\\n)*[^\n]*)/;
            while (($def // '') =~ /\{\s*"(\w+)",\s*(INPUT_\w+),\s*(true|false)/g) {
                push @inputs, { name => $1, kind => $2, required => $3 eq 'true' };
            }
        }
        $tables{$table} = \@inputs;
    }
    return \%tables;
}

my %programs;
for my $file (glob('cgi-bin/*.c')) {
    my ($name) = $file =~ m{cgi-bin/(\w+)\.c$};
    my $text = slurp($file);
    $text .= slurp('lib/feed.c') if $name eq 'poll';
    my $tables = input_tables($text);
    my @actions;
    while ($text =~ /\{\s*METHOD_(GET|POST),\s*(\w+),/g) {
        my ($method, $table) = ($1, $2);
        push @actions, [$method, $tables->{$table} // []];
    }
    if ($name eq 'poll') {
        push @actions, ['GET', $tables->{feed_inputs}];
    }
    $programs{$name} = \@actions if @actions;
}
ok scalar(keys %programs) >= 30, 'found the programs and their input tables ('
    . scalar(keys %programs) . ')';

# ---- the people: an admin in a channel, a visitor with a waiting request ----
my $client = Baton::Test::new_client();
my $c = Baton::Test::open_channel(client => $client,
    agent => Baton::Test::signed_in_agent(client => $client, role => 'admin'));
my ($agent, $visitor) = @$c{qw(agent visitor)};
my ($site_key) = Baton::Test::new_help_site(client => $c->{client}, ask_question => 1);
my $waiter = Baton::Test::Browser->new;
my $request = $waiter->ask_help($site_key, question => 'Shapes?');
$waiter->get("/wait?r=$request");
my $agent_csrf = $agent->{browser}->session_csrf or die 'no csrf';

# A well-formed value for an input, from what the party has.
sub good_value {
    my ($in, $party) = @_;
    my $n = $in->{name};
    return $party->{csrf} if $n eq 'csrf';
    return $party->{token} if $n eq 'token' && $party->{token};
    return $c->{channel} if $n eq 'channel' || ($n eq 'id' && $party->{wants} eq 'channel');
    return $party->{request} if $n eq 'r' || $n eq 'request';
    return '0' if $n =~ /^(after|signals|version)$/;  # a poll answered at once, not held
    return $site_key if $n eq 'site' && $in->{kind} ne 'INPUT_INT';
    return $c->{client} if $n eq 'client';
    return $in->{choices}[0] if $in->{choices};
    return {
        INPUT_INT => '1', INPUT_TOKEN => 'a' x 64, INPUT_EMAIL => 'someone@example.com',
    }->{$in->{kind}} // 'x';
}

my @wrong = ('José', "\x{0421}\x{0430}\x{0448}\x{0430}", "\x{1F600}");
my $log = "$s->{DIR}/log/baton.log";
my $log_size = -s $log // 0;
my @fivexx;
my $tried = 0;

# Headers that name a site (Referer, Origin) with a host of the wrong
# shape, the inputs all well-formed.
my %bad_headers = (Origin => "http://jos\xc3\xa9.example", Referer => "http://jos\xc3\xa9.example/page");

# HTTP::Tiny will not send such header values: a plain HTTP/1.0 request.
sub raw_request {
    my ($method, $path, $party, $body) = @_;
    my $b = $party->{browser};
    my $cookies = join '; ', map { "$_=$b->{jar}{$_}" } sort keys %{ $b->{jar} };
    my $sock = IO::Socket::INET->new(PeerAddr => '127.0.0.1', PeerPort => $s->{PORT}, Timeout => 30)
        or return 0;
    my $head = "$method $path HTTP/1.0\r\nHost: 127.0.0.1:$s->{PORT}\r\nCookie: $cookies\r\n"
        . join('', map { "$_: $bad_headers{$_}\r\n" } sort keys %bad_headers);
    $head .= "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " . length($body) . "\r\n"
        if defined $body;
    print {$sock} "$head\r\n" . ($body // '');
    my ($status) = (scalar(<$sock>) // '') =~ m{^HTTP/1\.[01] (\d+)};
    return $status // 0;
}

sub try_headers {
    my ($name, $party) = @_;
    for my $action (@{ $programs{$name} }) {
        my ($method, $inputs) = @$action;
        my @q;
        for my $in (grep { $_->{required} || $_->{name} eq 'csrf' } @$inputs) {
            my $v = good_value($in, $party);
            $v =~ s/([^A-Za-z0-9_.~-])/sprintf '%%%02X', ord $1/ge;
            push @q, "$in->{name}=$v";
        }
        my $status = $method eq 'GET' ? raw_request('GET', "/$name?" . join('&', @q), $party)
                                      : raw_request('POST', "/$name", $party, join('&', @q));
        $tried++;
        push @fivexx, "$method /$name with a non-ASCII Origin and Referer: $status"
            if $status >= 500 || $status == 0;
    }
}

sub try_program {
    my ($name, $party) = @_;
    for my $action (@{ $programs{$name} }) {
        my ($method, $inputs) = @$action;
        for my $i (0 .. $#$inputs) {
            next if $inputs->[$i]{kind} =~ /^INPUT_(PASSWORD)$/;
            for my $bad (@wrong) {
                my @pairs;
                for my $j (0 .. $#$inputs) {
                    my $in = $inputs->[$j];
                    next unless $j == $i || $in->{required} || $in->{name} eq 'csrf';
                    my $value = $j == $i ? $bad : good_value($in, $party);
                    utf8::encode($value) if utf8::is_utf8($value);
                    push @pairs, $in->{name}, $value;
                }
                my $b = $party->{browser};
                my %headers = (Origin => $s->{URL}, Referer => "$s->{URL}/demo/x.html");
                my $res;
                if ($method eq 'GET') {
                    my @q;
                    while (my ($k, $v) = splice @pairs, 0, 2) {
                        $v =~ s/([^A-Za-z0-9_.~-])/sprintf '%%%02X', ord $1/ge;
                        push @q, "$k=$v";
                    }
                    $res = $b->get("/$name?" . join('&', @q), headers => \%headers);
                } else {
                    $res = $b->post("/$name", form => \@pairs, headers => \%headers);
                }
                $tried++;
                push @fivexx, "$method /$name $inputs->[$i]{name}: $res->{status}"
                    if $res->{status} >= 500;
            }
        }
    }
}

# The form token cookie equals the token sent, so both kinds of CSRF check
# let the request reach its handler.
$agent->{browser}->set_cookie(baton_csrf => $agent_csrf);
$waiter->set_cookie(baton_csrf => $waiter->form_csrf // $agent_csrf);
my %as_agent = (browser => $agent->{browser}, csrf => $agent_csrf, token => $agent->{token},
    request => $request, wants => 'channel');
my %as_visitor = (browser => $waiter, csrf => $waiter->cookie('baton_csrf'), request => $request,
    wants => 'request');
# Programs that end what the others need run last.
my %last = map { $_ => 1 } qw(leave transfer signout cancel);
for my $name ((grep { !$last{$_} } sort keys %programs), (grep { $programs{$_} } sort keys %last)) {
    try_program($name, \%as_visitor);
    try_program($name, \%as_agent);
    try_headers($name, \%as_visitor);
    try_headers($name, \%as_agent);
}
ok $tried > 300, "sent $tried requests";
is scalar(@fivexx), 0, "none was answered with a 5xx" or diag join "\n", @fivexx;

open my $fh, '<', $log or die "$log: $!";
seek $fh, $log_size, 0;
my @errors = grep { / error: / } <$fh>;
is scalar(@errors), 0, "and nothing was logged as an error" or diag @errors;

subtest 'the examples the attacker sent' => sub {
    my $b = Baton::Test::Browser->new;
    for my $path ('/availability?site=Jos%C3%A9', '/help?site=Jos%C3%A9') {
        my $res = $b->get($path, headers => { Referer => "$s->{URL}/demo/x.html" });
        is $res->{status}, 400, "$path: 400";
        like $res->{content}, qr/The field .{1,6}site.{1,6} is not a valid key/, 'saying what is wrong';
    }
    my $res = $agent->{browser}->post('/accept', form => [csrf => $agent_csrf, request => 'José']);
    is $res->{status}, 400, 'POST /accept with request=José: 400';
};

done_testing;
