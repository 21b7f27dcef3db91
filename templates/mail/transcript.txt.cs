<?cs include:"lang.cs" ?><?cs
def:line(e) ?><?cs set:line_shown = 0 ?><?cs if:reader.lang ?><?cs each:x = events ?><?cs if:!line_shown && x.kind == "translation" && x.ref == e.seq && x.lang == reader.lang && x.body ?><?cs var:x.body ?> (<?cs var:t.chat.translated ?>)<?cs set:line_shown = 1 ?><?cs /if ?><?cs /each ?><?cs /if ?><?cs if:!line_shown ?><?cs var:e.body ?><?cs /if ?><?cs /def ?><?cs
var:t.mail.hello ?>

<?cs call:fill(t.mail.transcript_intro, client.name) ?>

<?cs var:channel.name ?>
<?cs each:e = events ?><?cs if:e.kind == "line" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] <?cs var:e.name ?>: <?cs call:line(e) ?><?cs elif:e.kind == "join" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] <?cs call:fill(t.chat.joined, e.name) ?><?cs elif:e.kind == "leave" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] <?cs call:fill(t.chat.left, e.name) ?><?cs elif:e.kind == "transfer" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] <?cs var:e.body ?><?cs elif:e.kind == "address" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] <?cs call:fill2(t.chat.led_to, e.name, e.body) ?><?cs elif:e.kind == "window" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] <?cs call:fill2(t.chat.window_at, e.name, e.body) ?><?cs elif:e.kind == "lead" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] <?cs call:fill2(t.chat.passed_to, e.name, e.body) ?><?cs elif:e.kind == "close" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] <?cs var:t.chat.ended ?><?cs /if ?><?cs /each ?>

<?cs var:t.mail.times_utc ?>
--
<?cs call:fill(t.mail.sent_by, client.name) ?>
