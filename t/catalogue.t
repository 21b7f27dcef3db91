#!/usr/bin/perl
# Visitor pages in the visitor's language (lib/catalogue.c): every message
# catalogue (templates/lang/LANG.hdf) has every key of English and no other,
# translates it, and keeps its {placeholders}; every key a visitor template
# uses is in English's catalogue; the visitor templates hold no words of
# their own;
# the help page in each catalogue language has its words and no English
# left, chosen by the help link's lang= (the page's <html lang>) or the
# browser's Accept-Language: a German browser gets German.
use strict;
use warnings;
use utf8;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);
use Baton::Crowd qw(event_with);

binmode Test::More->builder->$_, ':encoding(UTF-8)' for qw(output failure_output todo_output);
my $s = stack();
my $root = $s->{ROOT};
my @langs = qw(en es fr de pt);
# Visitor templates whose words all come from the catalogues (the viewer's
# scripts take theirs from channel.cs's #viewer-words, the widget's from
# /availability: t/estimate.t, t/browser-lang.t).
my @converted = qw(help.cs wait.cs callus.cs rejoin.cs lang.cs lang_picker.cs callback_form.cs transcript.cs channel.cs
    mail/transcript.txt.cs mail/transcript.html.cs mail/appointment_confirmation.txt.cs
    mail/appointment_confirmation.html.cs mail/appointment_reminder.txt.cs mail/appointment_reminder.html.cs
    mail/callback_unreachable.txt.cs mail/callback_unreachable.html.cs
    mail/acknowledgement.txt.cs mail/acknowledgement.html.cs mail/reply.txt.cs mail/reply.html.cs
    join.cs attend.cs error.cs call.cs whiteboard.cs myprofile.cs overflow.cs room.cs stage.cs);
# Keys a translation may leave as English has them (the same word).
my %same_ok = (
    fr => { 'date.format' => 1, 'board.note' => 1, 'viewer.page' => 1, 'viewer.role_agent' => 1,
        'myprofile.email' => 1 },
    de => { 'board.whiteboard' => 1, 'myprofile.name' => 1, map { ("date.month.$_" => 1) } 4, 8, 9, 11 },
    pt => { 'myprofile.email' => 1 }, es => { 'viewer.chat' => 1, 'myprofile.plan' => 1 },
);

sub catalogue {
    my ($lang) = @_;
    open my $fh, '<:encoding(UTF-8)', "$root/templates/lang/$lang.hdf" or die "templates/lang/$lang.hdf: $!";
    my %t;
    while (my $line = <$fh>) {
        next if $line =~ /^\s*(#|$)/;
        $line =~ /^([a-z0-9_.]+) = (.+)$/ or die "templates/lang/$lang.hdf line $.: not KEY = VALUE";
        $t{$1} = $2;
    }
    return \%t;
}

my %cat = map { $_ => catalogue($_) } @langs;
for my $lang (@langs) {
    is_deeply [sort keys %{ $cat{$lang} }], [sort keys %{ $cat{en} }], "templates/lang/$lang.hdf has every key of English, no other";
    next if $lang eq 'en';
    my @same = grep { $cat{$lang}{$_} eq $cat{en}{$_} && !$same_ok{$lang}{$_} } sort keys %{ $cat{en} };
    is_deeply \@same, [], "and translates each";
    my $holes = sub { join ' ', sort $_[0] =~ /\{([a-z]+)\}/g };
    my @moved = grep { defined $cat{$lang}{$_} && $holes->($cat{$lang}{$_}) ne $holes->($cat{en}{$_}) }
        sort keys %{ $cat{en} };
    is_deeply \@moved, [], "and keeps each sentence's {placeholders}";
}

# Keys set by lib/catalogue.c rather than read from a file.
my %computed = map { $_ => 1 } qw(lang plural.zero);

for my $name (@converted) {
    open my $fh, '<:encoding(UTF-8)', "$root/templates/$name" or die "$name: $!";
    my $text = do { local $/; <$fh> };
    my @used = grep { !$computed{$_} } $text =~ /\bt\.([a-z0-9_]+(?:\.[a-z0-9_]+)*)/g;
    my @unknown = grep { my $k = $_; !defined $cat{en}{$k} && !grep { /^\Q$k\E\./ } keys %{ $cat{en} } } @used;
    is_deeply \@unknown, [], "templates/$name uses only keys English's catalogue has";
    $text =~ s/<\?cs.*?\?>//gs;                    # ClearSilver
    my @attrs = grep { !m{^https://…$} }            # an address's start is no word
        $text =~ /\b(?:placeholder|title|aria-label|alt)="([^"]*[A-Za-z][^"]*)"/g;
    $text =~ s/<[^>]*>//gs;                         # tags
    my @words = grep { !/^(?:UTC|Baton)$/ } $text =~ /([A-Za-z][A-Za-z' ]*[A-Za-z])/g;  # names stay
    is_deeply [@words, @attrs], [], "templates/$name holds no words of its own (all from the catalogues)";
}

# The visitor pages' scripts write words only through B.words() (their
# template's words element, filled from the catalogue): no sentence of their
# own, and no key the element lacks (B.words would show the key itself).
my %script_words = (
    'channel.js' => 'channel.cs', 'viewer.js' => 'channel.cs', 'call.js' => 'call.cs',
    'whiteboard.js' => 'whiteboard.cs', 'audience.js' => 'attend.cs', 'room.js' => 'room.cs', 'stage.js' => 'stage.cs',
);
# Words a visitor never reads (staff read English): desktop notifications
# of lines, and viewer.js's for agents (taking the lead, showing the
# visitor's start page, a visitor's proposal to lead elsewhere).
my %script_english_ok = map { $_ => 1 } ('A supervisor', 'A new line', 'Go there', 'The visitor',
    'Go only if you trust that address.', 'Take the lead', 'Show it to everyone',
    'wants to lead everyone to another site:', 'asked for help on', 'no other agent is available right now',
    'use strict');
for my $script (sort keys %script_words) {
    open my $fh, '<:encoding(UTF-8)', "$root/htdocs/js/$script" or die "$script: $!";
    my $js = do { local $/; <$fh> };
    $js =~ s{/\*.*?\*/}{}gs;
    $js =~ s{^\s*//.*$}{}mg;
    $js =~ s{\s//\s.*$}{}mg;
    $js =~ s{[!=]==\s*'[^'\n]*'}{}g;   # compared, not written: e.key === 'Escape'
    $js =~ s{\bclass(?:Name)?\s*[:=]\s*('[^'\n]*'|`[^`]*`)}{}g;   # class names
    $js =~ s/([{,]\s*)'[^'\n]*'\s*:/$1/g;   # an object's keys ('used up': ...)
    my @literals = ($js =~ /'((?:[^'\\\n]|\\.)*)'/g, map { s/\$\{[^}]*\}/ /gr } $js =~ /`((?:[^`\\]|\\.)*)`/g);
    my @english = grep { !$script_english_ok{$_} && (/[A-Za-z]{2,}[ ,:][ ]?[A-Za-z]{2,}/ || /^[A-Z][a-z]+[.…]?$/) }
        grep { !m{^[/?#.\[:]} && !/^[a-z]+:/ && !/^allow-/ } map { s/^\s+|\s+$//gr } @literals;
    is_deeply \@english, [], "htdocs/js/$script writes no English of its own (B.words)";

    open my $th, '<:encoding(UTF-8)', "$root/templates/$script_words{$script}" or die "$script_words{$script}: $!";
    my $template = do { local $/; <$th> };
    my %attrs = map { $_ => 1 } $template =~ /\bdata-([a-z0-9-]+)=/g;
    my %used;
    while ($js =~ /\bsay(?:\.parts)?\(/g) {
        my ($depth, $pos, $arg) = (1, pos($js), '');
        while ($depth > 0 && $pos < length $js) {
            my $ch = substr $js, $pos++, 1;
            $depth++ if $ch eq '(';
            $depth-- if $ch eq ')';
            last if $depth == 1 && $ch eq ',';
            $arg .= $ch if $depth > 0;
        }
        $used{$_} = 1 for $arg =~ /'([A-Za-z]+)'/g;
    }
    my @missing = grep { my $a = lc s/([A-Z])/-$1/gr; !$attrs{$a} } sort keys %used;
    is_deeply \@missing, [], "and every word it says is in templates/$script_words{$script}";
}

# Error messages are keyed by their English text, as the C code writes it
# (lib/catalogue.c's catalogue_message): each is a message the code gives,
# so that rewording one in C without its catalogue entry fails here.
my %c_strings;
for my $file (glob("$root/lib/*.c $root/lib/*.h $root/cgi-bin/*.c")) {
    open my $fh, '<:encoding(UTF-8)', $file or die "$file: $!";
    my $c = do { local $/; <$fh> };
    while ($c =~ /((?:"(?:[^"\\\n]|\\.)*"(?:\s|\\\n)*)+)/g) {
        my $joined = join '', $1 =~ /"((?:[^"\\\n]|\\.)*)"/g;
        $joined =~ s/\\(.)/$1/g;
        $c_strings{$joined} = 1;
    }
}
# A {name} in one stands for a value the C code puts in with printf (%s, %zu...).
my @c_list = keys %c_strings;
my @not_in_c = grep {
    my $re = join '%[a-z]+', map { quotemeta } split /\{[a-z]+\}/, $cat{en}{$_}, -1;
    /^error\.msg\./ && !$c_strings{ $cat{en}{$_} } && !grep { /^$re$/ } @c_list
} sort keys %{ $cat{en} };
is_deeply \@not_in_c, [], 'every error message in the catalogues is one the C code gives, word for word';

my ($key) = Baton::Test::new_help_site(domains => ['127.0.0.1']);
my @shown = qw(help.heading help.intro help.name help.optional help.question help.ask);

for my $lang (@langs) {
    my $v = Baton::Test::Browser->new;
    my $res = $v->get("/help?site=$key&lang=$lang", headers => { Referer => Baton::Test::visitor_page() });
    is $res->{status}, 200, "the help page with lang=$lang";
    my $html = $res->{content};
    utf8::decode($html);
    like $html, qr/<html lang="$lang">/, "says it is in $lang";
    my @missing = grep { index($html, $cat{$lang}{$_} =~ s/'/&#39;/gr) < 0 } @shown;
    is_deeply \@missing, [], "has the $lang words";
    next if $lang eq 'en';
    my @english = grep { index($html, $cat{en}{$_}) >= 0 } @shown;
    is_deeply \@english, [], 'and no English left';
}

my $v = Baton::Test::Browser->new;
my $res = $v->get("/help?site=$key", headers => { Referer => Baton::Test::visitor_page(), 'Accept-Language' => 'de-DE,de;q=0.9,en;q=0.5' });
my $html = $res->{content};
utf8::decode($html);
like $html, qr/<html lang="de">/, 'a German browser gets German';
like $html, qr/Um Hilfe bitten/, 'the German button';
$res = $v->get("/help?site=$key", headers => { Referer => Baton::Test::visitor_page(), 'Accept-Language' => 'nl, pt-BR;q=0.8' });
like $res->{content}, qr/<html lang="pt">/, 'Dutch, then Portuguese: Portuguese, the best there is';
$res = $v->get("/help?site=$key", headers => { Referer => Baton::Test::visitor_page(), 'Accept-Language' => 'ja' });
like $res->{content}, qr/<html lang="en">/, 'a language without a catalogue: English';
$res = $v->get("/help?site=$key&lang=fr", headers => { Referer => Baton::Test::visitor_page(), 'Accept-Language' => 'de' });
like $res->{content}, qr/<html lang="fr">/, 'the page\'s lang (or the visitor\'s choice) wins over the browser';

# An event's page for attendees, in a Spanish browser.
my $ev = event_with(speakers => 1);
$res = Baton::Test::Browser->new->get("/attend?e=$ev->{id}", headers => { 'Accept-Language' => 'es-ES,es;q=0.9' });
$html = $res->{content};
utf8::decode($html);
like $html, qr/<html lang="es">/, 'an event\'s page in a Spanish browser: Spanish';
ok index($html, $cat{es}{'attend.intro'}) >= 0 && index($html, $cat{es}{'attend.name'}) >= 0, 'with its words';
ok index($html, $cat{en}{'attend.intro'}) < 0, 'and not English';

# A visitor's error page: the words around the message in their language.
$res = Baton::Test::Browser->new->get('/help?site=' . ('0' x 32), headers => { 'Accept-Language' => 'de' });
$html = $res->{content};
utf8::decode($html);
my $status = $res->{status};
ok $status == 403 || $status == 404, "a help link from nowhere, of no site: $status";
like $html, qr/<html lang="de">/, 'in German for a German browser';
like $html, qr{<h1>\Q$cat{de}{"error.status.$status"}\E</h1>}, 'its heading';
ok index($html, $cat{de}{'error.back'}) >= 0, 'and its link back';
like $html, qr{<p class="error-message" id="error-message">\Q@{[ $cat{de}{'error.msg.link_no_site'} =~ s/'/&#39;/gr ]}\E</p>},
    'and its message: in German too';
$res = Baton::Test::Browser->new->get('/help?site=' . ('0' x 32), headers => { 'Accept-Language' => 'es', Accept => 'application/json' });
my $d = Baton::Test::json_decode($res->{content});
is $d && $d->{error}, $cat{es}{'error.msg.link_no_site'}, 'a script\'s JSON error for a Spanish browser: in Spanish';
$res = Baton::Test::Browser->new->get('/help?site=' . ('0' x 32), headers => { Accept => 'application/json' });
$d = Baton::Test::json_decode($res->{content});
is $d && $d->{error}, $cat{en}{'error.msg.link_no_site'}, 'and in English for a browser that asks for none';
# A message with a value in it: the value kept, the words translated.
$res = Baton::Test::Browser->new->get('/help?lang=de', headers => { 'Accept-Language' => 'de', Accept => 'application/json' });
$d = Baton::Test::json_decode($res->{content});
is $d && $d->{error}, "Das Feld 'site' ist erforderlich.", "a message with a value, in German: $res->{status}";

done_testing();
