# Baton::Mail - helpers for the mail tests, against the stack's private
# mail server (tools/parts/mail): read what it delivered to the maildir
# ($BATON_MAILDIR/new/), decoding MIME the way a mail program would; send
# mail into it over SMTP as the outside world does; run the sender once
# with time made to pass (--clock-offset); and read Baton's log.
package Baton::Mail;
use strict;
use warnings;
use Exporter 'import';
use Encode ();
use MIME::Base64 ();
use MIME::QuotedPrint ();
use Net::SMTP;
use Time::HiRes ();
use Test::More;

our @EXPORT_OK = qw(wait_mail mails_to send_mail run_mailer log_mark log_since mail_address
    wait_log envelope_counts mail_server_idle);

sub maildir {
    my $dir = $ENV{BATON_MAILDIR};
    plan skip_all => 'no private mail server: run through `make test`' unless $dir && -d "$dir/new";
    return $dir;
}

# A fresh address nobody else in the test run uses.
sub mail_address {
    my ($prefix, $domain) = @_;
    return sprintf '%s%d%05d@%s', $prefix, time, int rand 100000, $domain // 'example.com';
}

# ---- reading MIME ------------------------------------------------------------

sub _split_head {
    my ($raw) = @_;
    my ($head, $body) = split /\r?\n\r?\n/, $raw, 2;
    $body //= '';
    $head =~ s/\r?\n[ \t]+/ /g; # unfold
    my %h;
    for my $line (split /\r?\n/, $head) {
        my ($name, $value) = $line =~ /^([^:\s]+):\s*(.*)$/ or next;
        push @{ $h{lc $name} }, $value;
    }
    return (\%h, $body);
}

sub _param {
    my ($value, $name) = @_;
    return undef unless defined $value;
    return $1 if $value =~ /;\s*\Q$name\E="([^"]*)"/i;
    return $1 if $value =~ /;\s*\Q$name\E=([^;\s]+)/i;
    return undef;
}

sub _decode_body {
    my ($h, $body) = @_;
    my $cte = lc(($h->{'content-transfer-encoding'} // ['7bit'])->[0]);
    return MIME::QuotedPrint::decode_qp($body) if $cte eq 'quoted-printable';
    return MIME::Base64::decode_base64($body) if $cte eq 'base64';
    return $body;
}

# Leaf parts, in order: {type, filename, data (bytes), text (characters for
# text parts), headers}.
sub _parts {
    my ($h, $body, $depth) = @_;
    my $ct = ($h->{'content-type'} // ['text/plain'])->[0];
    my ($type) = lc($ct) =~ m{^\s*([a-z0-9.+-]+/[a-z0-9.+-]+)};
    $type //= 'text/plain';
    if ($type =~ m{^multipart/} && $depth < 10) {
        my $b = _param($ct, 'boundary') // return ();
        my @parts;
        my @chunks = split /(?:^|\r?\n)--\Q$b\E(?:--)?[ \t]*\r?\n?/, $body;
        shift @chunks; # the preamble
        for my $chunk (@chunks) {
            next if $chunk =~ /^\s*$/;
            my ($ph, $pb) = _split_head($chunk);
            push @parts, _parts($ph, $pb, $depth + 1);
        }
        return @parts;
    }
    my $data = _decode_body($h, $body);
    my $part = { type => $type, data => $data, headers => $h,
        filename => _param(($h->{'content-disposition'} // [undef])->[0], 'filename') };
    if ($type =~ m{^text/}) {
        my $charset = _param($ct, 'charset') // 'us-ascii';
        $part->{text} = Encode::decode($charset, $data);
        $part->{text} =~ s/\r\n/\n/g;
    }
    return ($part);
}

# One delivered message as {file, raw, headers (lower-case name => [values]),
# header(NAME) (the first, decoded), text, html, parts}.
sub parse {
    my ($raw, $file) = @_;
    my ($h, $body) = _split_head($raw);
    my @parts = _parts($h, $body, 0);
    my ($text) = map { $_->{text} } grep { $_->{type} eq 'text/plain' && !$_->{filename} } @parts;
    my ($html) = map { $_->{text} } grep { $_->{type} eq 'text/html' } @parts;
    return bless { file => $file, raw => $raw, headers => $h, parts => \@parts,
        text => $text, html => $html }, 'Baton::Mail::Message';
}

sub Baton::Mail::Message::header {
    my ($self, $name) = @_;
    my $v = $self->{headers}{lc $name} or return undef;
    return Encode::decode('MIME-Header', $v->[0]);
}

# Every message delivered to the address (its Envelope-to), oldest first.
sub mails_to {
    my ($address) = @_;
    my $dir = maildir();
    my @found;
    opendir my $d, "$dir/new" or die "$dir/new: $!";
    my @files = sort grep { !/^\./ } readdir $d;
    closedir $d;
    for my $f (@files) {
        open my $fh, '<:raw', "$dir/new/$f" or next;
        local $/;
        my $raw = <$fh>;
        close $fh;
        my ($envelope) = $raw =~ /^Envelope-to:\s*(.*)$/mi;
        next unless $envelope && lc($envelope) =~ /(?:^|[\s,<])\Q${\ lc $address}\E(?:$|[\s,>])/;
        push @found, parse($raw, $f);
    }
    return sort { $a->{file} cmp $b->{file} } @found;
}

# How many messages each address received so far: {address => count}.
sub envelope_counts {
    my $dir = maildir();
    my %count;
    opendir my $d, "$dir/new" or die "$dir/new: $!";
    for my $f (grep { !/^\./ } readdir $d) {
        open my $fh, '<:raw', "$dir/new/$f" or next;
        while (my $line = <$fh>) {
            last if $line =~ /^\r?$/;
            $count{ lc $1 }++ if $line =~ /^Envelope-to:\s*(\S+?)\s*$/i;
        }
        close $fh;
    }
    closedir $d;
    return \%count;
}

# Waits until the mail server has nothing left in its queue (every message
# delivered or bounced); true when it got there within the seconds.
sub mail_server_idle {
    my ($seconds) = @_;
    my $until = time + ($seconds // 60);
    while (time < $until) {
        my $n = qx{/usr/sbin/exim4 -C "$ENV{BATON_EXIM_CONF}" -bpc 2>/dev/null};
        return 1 if defined $n && $n =~ /^0\s*$/;
        Time::HiRes::sleep(0.2);
    }
    return 0;
}

# Waits until o{count} (default 1) messages to the address arrived (and
# match o{subject}, a regex, when given); returns them all, or what there is
# after o{seconds} (default 60).
sub wait_mail {
    my ($address, %o) = @_;
    my $want = $o{count} // 1;
    my $until = time + ($o{seconds} // 60);
    my @got;
    while (1) {
        @got = grep { !$o{subject} || ($_->header('Subject') // '') =~ $o{subject} } mails_to($address);
        last if @got >= $want || time >= $until;
        Time::HiRes::sleep(0.2);
    }
    return @got;
}

# ---- sending mail in ------------------------------------------------------------

# Sends raw (a whole message) over SMTP to the private mail server, as
# another mail server would. Returns (accepted, code, message).
sub send_mail {
    my ($from, $to, $raw) = @_;
    maildir();
    my $smtp = Net::SMTP->new('127.0.0.1', Port => $ENV{BATON_SMTP_PORT}, Timeout => 30,
        Hello => 'mail.example.com') or die "cannot reach the mail server: $@";
    my $ok = $smtp->mail($from) && $smtp->to($to);
    $ok = $smtp->data && $smtp->datasend($raw) && $smtp->dataend if $ok;
    my ($code, $message) = ($smtp->code, join ' ', $smtp->message);
    $smtp->quit;
    return ($ok ? 1 : 0, $code, $message);
}

# ---- the sender and the log ------------------------------------------------------------

# One round of the mailer (its jobs, then the queue), as if it were
# $offset seconds later. Returns the exit status.
sub run_mailer {
    my ($offset, %o) = @_;
    my $root = $ENV{BATON_ROOT};
    my $conf = $o{conf} // $ENV{BATON_CONF};
    system("$root/tools/baton-mailer", '--conf', $conf, '--once', '--clock-offset', $offset // 0);
    return $? >> 8;
}

sub _log_file { return "$ENV{BATON_DIR}/log/baton.log" }

sub log_mark { return -s _log_file() // 0 }

sub log_since {
    my ($mark) = @_;
    open my $fh, '<', _log_file() or return '';
    seek $fh, $mark, 0;
    local $/;
    my $text = <$fh> // '';
    close $fh;
    return $text;
}

# Waits until the log, after mark, matches the regex; returns the log text.
sub wait_log {
    my ($mark, $re, $seconds) = @_;
    my $until = time + ($seconds // 60);
    my $text = '';
    while (1) {
        $text = log_since($mark);
        return $text if $text =~ $re || time >= $until;
        Time::HiRes::sleep(0.2);
    }
}

1;
