<?cs # A chat line in the reader's language (issue 18): the line's translation
     # into reader.lang where one exists (a "translation" event naming its seq),
     # marked, else the line as written. Staff pages leave reader.lang unset:
     # they keep the original. ?>
<?cs def:transcript_line(e) ?><?cs set:translated_shown = 0 ?><?cs if:reader.lang ?><?cs each:x = events ?><?cs if:x.kind == "translation" && x.ref == e.seq && x.lang == reader.lang && x.body ?><span class="body" lang="<?cs var:reader.lang ?>"><?cs var:x.body ?></span> <span class="translation-mark"><?cs var:t.chat.translated ?></span> <span class="original muted" lang="<?cs var:e.lang ?>"><?cs var:e.body ?></span><?cs set:translated_shown = 1 ?><?cs /if ?><?cs /each ?><?cs /if ?><?cs if:!translated_shown ?><span class="body"><?cs var:e.body ?></span><?cs /if ?><?cs /def ?>
