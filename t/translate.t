#!/usr/bin/perl
# Translation between a visitor writing Spanish and an agent writing English,
# through the stack's real Apertium (tools/parts/apertium): each line stored
# once in its original with its language, each translation its own event
# naming the line's seq; direct pairs and pivots; a canned phrase's written
# translation; the engine stopped: lines still stored and delivered, their
# translations marked unavailable, nothing lost.
use strict;
use warnings;
use utf8;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

my $s = stack();
my $port = $ENV{BATON_APERTIUM_PORT} or plan skip_all => 'no Apertium in this stack (tools/parts/apertium)';
binmode Test::More->builder->$_, ':encoding(UTF-8)' for qw(output failure_output todo_output);

# baton-admin's output (stdout and stderr), whatever its exit status.
sub admin_out {
    my @args = @_;
    my $bin = "$s->{ROOT}/tools/baton-admin";
    my @quoted = map { my $a = $_; utf8::encode($a); quotemeta $a } @args;
    my $out = qx{"$bin" --conf "$s->{CONF}" @quoted 2>&1 < /dev/null};
    utf8::decode($out);
    return $out;
}

my $c = Baton::Test::open_channel(lang => 'es-MX', agent_name => 'Ed English');
my $ch = $c->{channel};
my ($agent, $visitor) = @$c{qw(agent visitor)};
my $cid = sql("SELECT id FROM channel WHERE public_id = '$ch'")->[0][0];

is sql("SELECT lang FROM help_request WHERE public_id = '$c->{request}'")->[0][0], 'es',
    'the help link\'s lang (the page\'s <html lang>) is the visitor\'s language';
like $visitor->{browser}->get("/channel?id=$ch")->{content}, qr/id="channel"[^>]*data-lang="es"/,
    'the visitor\'s viewer reads Spanish';
like $agent->{browser}->get("/channel?id=$ch")->{content}, qr/id="channel"[^>]*data-lang="en"/,
    'the agent\'s reads English (their profile)';

sub events_after {
    my ($who, $after) = @_;
    my ($res, $d) = Baton::Test::chat_poll($who, $ch, after => $after);
    is $res->{status}, 200, 'the poll answers 200';
    return $d->{events};
}

subtest 'Spanish to English and back, originals kept' => sub {
    my ($res, $d) = Baton::Test::chat_say($visitor, $ch, 'Hola, necesito ayuda con mi pedido.', cmid => 'v1');
    is $res->{status}, 200, 'the visitor\'s line is stored';
    my $seq = $d->{seq};
    my $ev = events_after($agent, $seq - 1);
    is_deeply [map { [@$_{qw(seq kind lang)}] } @$ev], [[$seq, 'line', 'es'], [$seq + 1, 'translation', 'en']],
        'the agent gets the line in Spanish, then its English translation as the next event';
    is $ev->[0]{body}, 'Hola, necesito ayuda con mi pedido.', 'the line is the original';
    is $ev->[1]{ref}, $seq, 'the translation names the line';
    like $ev->[1]{body}, qr/^Hello, I need help with my (order|request)\.$/, "Apertium's English: $ev->[1]{body}";

    ($res, $d) = Baton::Test::chat_say($agent, $ch, 'Your order is on the way.', cmid => 'a1');
    my $aseq = $d->{seq};
    is $aseq, $seq + 2, 'the agent\'s line takes the next seq: translations do not reorder lines';
    $ev = events_after($visitor, $aseq - 1);
    is_deeply [map { [@$_{qw(seq kind lang)}] } @$ev], [[$aseq, 'line', 'en'], [$aseq + 1, 'translation', 'es']],
        'the visitor gets the English line and its Spanish translation';
    like $ev->[1]{body}, qr/camino/, "in Spanish: $ev->[1]{body}";

    my $rows = sql("SELECT seq, kind, lang, body FROM channel_event WHERE channel_id = $cid AND seq >= $seq ORDER BY seq");
    utf8::decode($_->[3]) for @$rows;
    is_deeply [map { [@$_[0 .. 2]] } @$rows], [[$seq, 'line', 'es'], [$seq + 1, 'translation', 'en'],
        [$aseq, 'line', 'en'], [$aseq + 1, 'translation', 'es']], 'the archive: each line once, in order, with its language';
    is $rows->[0][3], 'Hola, necesito ayuda con mi pedido.', 'and its original text';

    ($res, $d) = Baton::Test::chat_say($visitor, $ch, 'Hola, necesito ayuda con mi pedido.', cmid => 'v1');
    is $d->{seq}, $seq, 'a retried post maps to the stored line';
    is sql("SELECT COUNT(*) FROM channel_event WHERE channel_id = $cid AND ref_seq = $seq")->[0][0], 1,
        'and gets no second translation';
};

subtest 'transcripts: the visitor\'s in Spanish, staff\'s in the originals' => sub {
    my $page = $visitor->{browser}->get("/transcript?id=$ch");
    is $page->{status}, 200, 'the visitor\'s transcript';
    my $html = $page->{content};
    utf8::decode($html);
    like $html, qr{<span class="body" lang="es">[^<]*camino[^<]*</span> <span class="translation-mark">traducido</span>},
        'has the agent\'s line in Spanish, marked in Spanish';
    like $html, qr{Hola, necesito ayuda con mi pedido\.}, 'and the visitor\'s own line as written';
    unlike $html, qr{class="event event-translation"}, 'translations are no entries of their own';
    my $staff = $agent->{browser}->get("/transcript?id=$ch")->{content};
    utf8::decode($staff);
    like $staff, qr{<span class="body">Your order is on the way\.</span>}, 'the agent\'s transcript keeps the originals';
    like $staff, qr{<span class="body">Hola, necesito ayuda con mi pedido\.</span>}, 'the visitor\'s too';
};

subtest 'a private line\'s translation is as private as the line' => sub {
    my $vp = sql("SELECT id FROM participant WHERE channel_id = $cid AND kind = 'visitor'")->[0][0];
    my ($res, $d) = Baton::Test::chat_say($agent, $ch, 'Thank you.', to => $vp);
    is $res->{status}, 200, 'a private line to the visitor';
    my $t = (grep { $_->{kind} eq 'translation' } @{ events_after($visitor, $d->{seq} - 1) })[0];
    ok $t && $t->{ref} == $d->{seq} && $t->{to} == $vp, 'the visitor gets its translation';
};

subtest 'direct pairs and pivots' => sub {
    like admin_out('translate', 'es', 'en', 'Buenos días'), qr/^Good (morning|day)/i, 'es -> en is a direct pair';
    my $pt = admin_out('translate', 'en', 'pt', 'Good morning');
    like $pt, qr/\(through spa\)/, 'en -> pt has no pair: it goes through Spanish';
    like $pt, qr/^Bons? dias?$/im, "and comes out Portuguese ($pt)";
    like admin_out('translate', 'es', 'xx', 'Hola'), qr/cannot translate es to xx/,
        'a language with no pair at all is told';
};

subtest 'a canned phrase uses its written translation' => sub {
    my $slug = $c->{client};
    my $client_id = sql("SELECT id FROM client WHERE slug = '$slug'")->[0][0];
    admin_out('canned', 'add', $slug, 'Wait', 'Please wait a moment.');
    like admin_out('canned', 'translate', $slug, 'Wait', 'es', 'Un momentito, por favor (escrito a mano).'),
        qr/saved/, 'the administrator writes its Spanish';
    my $id = sql("SELECT id FROM canned_phrase WHERE client_id = $client_id AND title = 'Wait'")->[0][0];
    my ($res, $d) = Baton::Test::chat_say($agent, $ch, 'Please wait a moment.', canned => $id);
    my $t = (grep { $_->{kind} eq 'translation' } @{ events_after($visitor, $d->{seq}) })[0];
    is $t->{body}, 'Un momentito, por favor (escrito a mano).', 'the visitor reads the written translation';
    ($res, $d) = Baton::Test::chat_say($agent, $ch, 'Please wait a moment, or not.', canned => $id);
    $t = (grep { $_->{kind} eq 'translation' } @{ events_after($visitor, $d->{seq}) })[0];
    isnt $t->{body}, 'Un momentito, por favor (escrito a mano).', 'an edited phrase is machine-translated';
    ($res) = Baton::Test::chat_say($agent, $ch, 'x', canned => 'abc');
    is $res->{status}, 400, 'a canned id that is not a number: 400';
};

subtest 'the engine stopped: lines delivered in the original, nothing lost' => sub {
    my $part = "$s->{ROOT}/tools/parts/apertium";
    system($part, 'stop', $s->{DIR}) == 0 or die 'apertium did not stop';
    my ($res, $d) = Baton::Test::chat_say($visitor, $ch, '¿Sigue ahí?', cmid => 'v-down');
    is $res->{status}, 200, 'the line is stored while the engine is down';
    my $ev = events_after($agent, $d->{seq} - 1);
    is_deeply [map { [@$_{qw(seq kind)}] } @$ev], [[$d->{seq}, 'line'], [$d->{seq} + 1, 'translation']],
        'the agent gets the line, and word that no translation is coming';
    is $ev->[0]{body}, '¿Sigue ahí?', 'the original';
    is $ev->[1]{body}, '', 'the translation is marked unavailable (no body)';
    system($part, 'start', $s->{DIR}, 0) == 0 or die 'apertium did not start again';
    ($res, $d) = Baton::Test::chat_say($visitor, $ch, 'Gracias.', cmid => 'v-up');
    $ev = events_after($agent, $d->{seq});
    like $ev->[0]{body}, qr/^Thank/, 'back up, lines are translated again';
};

subtest 'an agent\'s language' => sub {
    like admin_out('agent', 'lang', $agent->{email}, 'spanish'), qr/'spanish' is not a language tag/, 'a bad tag is refused, saying why';
    like admin_out('agent', 'lang', 'nobody@example.com', 'es'), qr/no agent nobody\@example\.com/, 'an unknown agent too';
    like admin_out('agent', 'lang', $agent->{email}, 'es'), qr/reads and writes es/, 'an agent who reads Spanish';
    like $agent->{browser}->get("/channel?id=$ch")->{content}, qr/id="channel"[^>]*data-lang="es"/, 'reads the chat in Spanish';
    my ($res, $d) = Baton::Test::chat_say($visitor, $ch, 'Hasta luego.');
    is sql("SELECT COUNT(*) FROM channel_event WHERE channel_id = $cid AND ref_seq = $d->{seq}")->[0][0], 0,
        'and a Spanish line to a Spanish reader needs no translation';
};

done_testing();
