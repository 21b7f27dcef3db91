<?cs # Catalogue words with a value in them (lib/catalogue.h). A sentence of
     a catalogue marks where its value goes with {n} (or {name}, {phone}...),
     so that each language puts it where its grammar wants:
       call:split(t.wait.wait_is) sets split.before and split.after, the
         words either side of the first {...}, for the template to put the
         value (with its own markup) between;
       call:split2(text) sets split2.a, split2.b and split2.c, the words
         around and between the first two;
       call:fill(text, value) writes text with value in place of {...};
       call:fill2(text, value, value2) the same with two, in that order;
       call:count(t.wait.ahead, n) writes the plural form of n (KEY.one or
         KEY.other, by the language's rule in t.plural.zero) filled with n.
     Every value is escaped as any other. The file ends without a newline:
     a text e-mail includes it before its first line. ?><?cs
def:split(text) ?><?cs set:split.at = string.find(text, "{") ?><?cs
  if:split.at < 0 ?><?cs set:split.before = text ?><?cs set:split.after = "" ?><?cs
  else ?><?cs set:split.before = string.slice(text, 0, split.at) ?><?cs
    set:split.rest = string.slice(text, split.at, string.length(text)) ?><?cs
    set:split.after = string.slice(split.rest, string.find(split.rest, "}") + 1, string.length(split.rest)) ?><?cs
  /if ?><?cs /def ?><?cs
def:split2(text) ?><?cs call:split(text) ?><?cs set:split2.a = split.before ?><?cs set:split2.rest = split.after ?><?cs
  call:split(split2.rest) ?><?cs set:split2.b = split.before ?><?cs set:split2.c = split.after ?><?cs /def ?><?cs
def:fill(text, value) ?><?cs call:split(text) ?><?cs var:split.before ?><?cs var:value ?><?cs var:split.after ?><?cs /def ?><?cs
def:fill2(text, value, value2) ?><?cs call:split(text) ?><?cs set:fill2_after = split.after ?><?cs var:split.before ?><?cs var:value ?><?cs call:fill(fill2_after, value2) ?><?cs /def ?><?cs
def:count(forms, n) ?><?cs if:n == 1 || (n == 0 && t.plural.zero == "one") ?><?cs call:fill(forms.one, n) ?><?cs
  else ?><?cs call:fill(forms.other, n) ?><?cs /if ?><?cs /def ?><?cs
def:estimate_words() ?><?cs if:estimate.band == "minutes" ?><?cs call:count(t.estimate.minutes, estimate.minutes) ?><?cs
  elif:estimate.band ?><?cs var:t.estimate[estimate.band] ?><?cs /if ?><?cs /def ?>