#!/usr/bin/perl
# A visitor typing Spanish to an agent who reads English (lib/typing_lang.c,
# setting translate_typing): the agent's typing preview is the translation
# of the visitor's finished sentences, a sentence at a time, with "…" for
# the one being typed; before the first sentence ends the agent sees only
# "…" (typing), never the untranslated words; the finished
# part is translated once however many keystrokes follow. Same-language
# typing (t/typing.t) is shown as typed.
use strict;
use warnings;
use utf8;
use lib "$ENV{BATON_ROOT}/t/lib";
use Test::More;
use Baton::Test qw(stack sql);

binmode Test::More->builder->$_, ':encoding(UTF-8)' for qw(output failure_output todo_output);
my $s = stack();

sub admin_out {
    my @args = @_;
    my $bin = "$s->{ROOT}/tools/baton-admin";
    my @quoted = map { my $a = $_; utf8::encode($a); quotemeta $a } @args;
    my $out = qx{"$bin" --conf "$s->{CONF}" @quoted 2>&1 < /dev/null};
    utf8::decode($out);
    return $out;
}

my $c = Baton::Test::open_channel(lang => 'es', agent_name => 'Ed English');
my ($ch, $visitor, $agent) = ($c->{channel}, $c->{visitor}, $c->{agent});
my $vp = sql("SELECT p.id FROM participant p JOIN channel c ON c.id = p.channel_id"
    . " WHERE c.public_id = '$ch' AND p.kind = 'visitor'")->[0][0];

# The agent's newest view of the visitor's typing.
my ($after, $signals) = (0, 0);
sub agent_sees {
    my ($res, $d) = Baton::Test::chat_poll($agent, $ch, after => $after, signals => $signals);
    is $res->{status}, 200, 'the agent polls';
    ($after, $signals) = ($d->{last_seq}, $d->{signals});
    my ($t) = grep { $_->{from} == $vp } @{ $d->{typing} // [] };
    return $t;
}

my ($expected) = admin_out('translate', 'es', 'en', 'Buenos días.') =~ /^(.+?)\s*(?:\(through \w+\))?$/m;
ok $expected && $expected !~ /cannot|días/, "the engine translates the sentence ($expected)";

Baton::Test::chat_typing($visitor, $ch, 'Buenos dí');
my $t = agent_sees();
ok $t && $t->{typing}, 'the agent sees that the visitor is typing';
is $t && $t->{text}, '…', 'but no untranslated words before a sentence ends: "…"';

Baton::Test::chat_typing($visitor, $ch, 'Buenos días. Necesito ay');
$t = agent_sees();
is $t && $t->{text}, "$expected …", 'a sentence ended: its translation, and "…" for the one being typed';

my ($source) = @{ sql("SELECT typing_source FROM participant WHERE id = $vp")->[0] };
utf8::decode($source);
is $source, 'Buenos días.', 'the finished part is kept with its translation';
sql("UPDATE participant SET typing_translation = 'KEPT' WHERE id = $vp");
Baton::Test::chat_typing($visitor, $ch, 'Buenos días. Necesito ayuda con');
$t = agent_sees();
is $t && $t->{text}, 'KEPT …', 'more keystrokes in the unfinished sentence: the kept translation, not a new one';

Baton::Test::chat_typing($visitor, $ch, '');
$t = agent_sees();
ok !($t && $t->{typing}), 'stopping clears it';

done_testing;
