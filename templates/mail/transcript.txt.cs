Hello,

here is the transcript of your conversation with <?cs var:client.name ?>, as you asked.

<?cs var:channel.name ?>
<?cs each:e = events ?><?cs if:e.kind == "line" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] <?cs var:e.name ?>: <?cs var:e.body ?><?cs elif:e.kind == "join" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] <?cs var:e.name ?> joined<?cs elif:e.kind == "leave" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] <?cs var:e.name ?> left<?cs elif:e.kind == "transfer" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] <?cs var:e.body ?><?cs elif:e.kind == "address" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] <?cs var:e.name ?> led everyone to <?cs var:e.body ?><?cs elif:e.kind == "window" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] <?cs var:e.name ?> opened a led window at <?cs var:e.body ?><?cs elif:e.kind == "lead" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] <?cs var:e.name ?> passed the baton to <?cs var:e.body ?><?cs elif:e.kind == "close" ?>
[<?cs var:string.slice(e.at, 11, 16) ?>] The session ended<?cs /if ?><?cs /each ?>

Times are UTC.
--
Sent by Baton for <?cs var:client.name ?>.
