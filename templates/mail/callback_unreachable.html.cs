<?cs include:"lang.cs" ?><?cs include:"mail/html_header.cs" ?>
<p><?cs if:visitor.name ?><?cs call:fill(t.mail.hello_name, visitor.name) ?><?cs else ?><?cs var:t.mail.hello ?><?cs /if ?></p>
<p><?cs call:fill2(t.mail.unreachable_asked, client.name, callback.phone) ?> <?cs call:count(t.mail.unreachable_tried, callback.attempts) ?></p>
<p><?cs var:t.mail.unreachable_if ?></p>
<ul>
<?cs if:callback.page ?><li><?cs call:split(t.mail.unreachable_again) ?><?cs var:split.before ?><a href="<?cs var:callback.page ?>"><?cs var:t.mail.unreachable_page_link ?></a><?cs var:split.after ?> <?cs var:t.mail.unreachable_page_how ?></li>
<?cs /if ?><?cs if:callback.help_number ?><li><?cs call:fill(t.mail.unreachable_call, callback.help_number) ?></li>
<?cs /if ?><?cs if:callback.help_address ?><li><?cs var:t.mail.unreachable_reply ?></li>
<?cs elif:!callback.page && !callback.help_number ?><li><?cs var:t.mail.unreachable_site ?></li>
<?cs /if ?></ul>
<?cs include:"mail/html_footer.cs" ?>
