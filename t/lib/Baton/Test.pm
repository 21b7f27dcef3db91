# Baton::Test - helpers for the HTTP tests: the running stack's settings,
# a browser-like client with a cookie jar, fixtures through baton-admin and
# direct SQL for setting up situations (never for checking shortcuts).
package Baton::Test;
use strict;
use warnings;
use Exporter 'import';
use HTTP::Tiny;
use Test::More;

our @EXPORT_OK = qw(stack admin sql new_client new_agent csrf_from random_name wait_for);

sub stack {
    my %s = map { $_ => $ENV{"BATON_$_"} } qw(URL DIR CONF ROOT DB_SOCKET PORT);
    plan skip_all => 'no running stack: run through `make test`' unless $s{URL} && $s{CONF};
    return \%s;
}

sub random_name {
    my ($prefix) = @_;
    return sprintf '%s%d%04d', $prefix, time, int rand 10000;
}

# Runs baton-admin against the test stack; dies with its output on failure.
sub admin {
    my ($password, @args) = @_;
    my $s = stack();
    local $ENV{BATON_PASSWORD} = $password // '';
    my $out = qx{"$s->{ROOT}/tools/baton-admin" --conf "$s->{CONF}" @{[map { quotemeta } @args]} 2>&1 < /dev/null};
    die "baton-admin @args failed: $out" if $?;
    return $out;
}

# Runs SQL as the database's root user; returns rows as arrays of strings.
sub sql {
    my ($query) = @_;
    my $s = stack();
    open my $fh, '-|', 'mariadb', '--no-defaults', "--socket=$s->{DB_SOCKET}", '-uroot',
        '--batch', '--skip-column-names', 'baton', '-e', $query or die "mariadb: $!";
    my @rows = map { chomp; [split /\t/] } <$fh>;
    close $fh or die "mariadb failed for: $query\n";
    return \@rows;
}

sub new_client {
    my $slug = random_name('c');
    admin(undef, 'client', 'add', $slug, "Client $slug");
    return $slug;
}

# A fresh agent in a fresh (or given) client: ($email, $password, $client).
sub new_agent {
    my (%o) = @_;
    my $client = $o{client} // new_client();
    my $email = random_name('agent') . '@example.com';
    my $password = 'pw-' . random_name('');
    admin($password, 'agent', 'add', $client, $email, $o{name} // 'Test Agent', $o{role} // 'agent');
    return ($email, $password, $client);
}

sub csrf_from {
    my ($html) = @_;
    return $html =~ /name="csrf" value="([0-9a-f]{64})"/ ? $1 : undef;
}

sub wait_for {
    my ($what, $seconds, $check) = @_;
    my $until = time + $seconds;
    while (time < $until) {
        return 1 if $check->();
        select undef, undef, undef, 0.2;
    }
    return 0;
}

package Baton::Test::Browser;
use strict;
use warnings;

sub new {
    my ($class, %o) = @_;
    my $s = Baton::Test::stack();
    return bless {
        base => $o{base} // $s->{URL},
        jar => {},
        http => HTTP::Tiny->new(max_redirect => 0, timeout => 30, agent => 'baton-test/1'),
    }, $class;
}

sub cookie { $_[0]{jar}{ $_[1] } }
sub set_cookie { $_[0]{jar}{ $_[1] } = $_[2] }

sub _store_cookies {
    my ($self, $res) = @_;
    my $set = $res->{headers}{'set-cookie'} or return;
    for my $line (ref $set ? @$set : ($set)) {
        my ($pair, @attrs) = split /;\s*/, $line;
        my ($name, $value) = split /=/, $pair, 2;
        if (grep { /^Max-Age=0$/i } @attrs) { delete $self->{jar}{$name} }
        else { $self->{jar}{$name} = $value }
    }
}

sub request {
    my ($self, $method, $path, %o) = @_;
    my %headers = %{ $o{headers} // {} };
    my $cookies = join '; ', map { "$_=$self->{jar}{$_}" } sort keys %{ $self->{jar} };
    $headers{Cookie} = $cookies if length $cookies;
    my %args = (headers => \%headers);
    if (defined $o{form}) {
        my @pairs = ref $o{form} eq 'HASH' ? %{ $o{form} } : @{ $o{form} };
        my @parts;
        while (my ($k, $v) = splice @pairs, 0, 2) {
            push @parts, join '=', map { my $x = $_; $x =~ s/([^A-Za-z0-9_.~-])/sprintf '%%%02X', ord $1/ge; $x } $k, $v;
        }
        $args{content} = join '&', @parts;
        $headers{'Content-Type'} //= 'application/x-www-form-urlencoded';
    } elsif (defined $o{content}) {
        $args{content} = $o{content};
    }
    my $res = $self->{http}->request($method, $self->{base} . $path, \%args);
    $self->_store_cookies($res);
    return $res;
}

sub get { my ($self, $path, %o) = @_; $self->request('GET', $path, %o) }
sub post { my ($self, $path, %o) = @_; $self->request('POST', $path, %o) }

# Loads the sign-in form and signs in; returns the POST response.
sub sign_in {
    my ($self, $email, $password, %o) = @_;
    my $page = $self->get('/signin');
    my $csrf = Baton::Test::csrf_from($page->{content});
    return $self->post('/signin', form => [csrf => $csrf, email => $email,
        password => $password, ($o{state} ? (state => $o{state}) : ())]);
}

# The CSRF token of the signed-in session, read from the console page.
sub session_csrf {
    my ($self) = @_;
    return Baton::Test::csrf_from($self->get('/console')->{content});
}

1;
