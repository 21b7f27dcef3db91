<?cs include:"lang.cs" ?><?cs if:visitor.name ?><?cs call:fill(t.mail.hello_name, visitor.name) ?><?cs else ?><?cs var:t.mail.hello ?><?cs /if ?>

<?cs call:fill2(t.mail.unreachable_asked, client.name, callback.phone) ?> <?cs call:count(t.mail.unreachable_tried, callback.attempts) ?>

<?cs var:t.mail.unreachable_if ?>
<?cs if:callback.page ?>- <?cs call:fill(t.mail.unreachable_again, t.mail.unreachable_page_link) ?>: <?cs var:callback.page ?>
  <?cs var:t.mail.unreachable_page_how ?>
<?cs /if ?><?cs if:callback.help_number ?>- <?cs call:fill(t.mail.unreachable_call, callback.help_number) ?>
<?cs /if ?><?cs if:callback.help_address ?>- <?cs var:t.mail.unreachable_reply ?>
<?cs elif:!callback.page && !callback.help_number ?>- <?cs var:t.mail.unreachable_site ?>
<?cs /if ?>
--
<?cs call:fill(t.mail.automatic, client.name) ?>
