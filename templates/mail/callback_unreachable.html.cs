<?cs include:"mail/html_header.cs" ?>
<p>Hello<?cs if:visitor.name ?> <?cs var:visitor.name ?><?cs /if ?>,</p>
<p>you asked <?cs var:client.name ?> to call you back on <?cs var:callback.phone ?>. We called <?cs if:callback.attempts == 1 ?>once<?cs else ?><?cs var:callback.attempts ?> times<?cs /if ?> and could not reach you, so we have stopped trying.</p>
<p>If you still need help:</p>
<ul>
<?cs if:callback.page ?><li>ask again on <a href="<?cs var:callback.page ?>">the page where you asked</a> (click its help link; you can ask for another call-back there)</li>
<?cs /if ?><?cs if:callback.help_number ?><li>call us on <?cs var:callback.help_number ?></li>
<?cs /if ?><?cs if:callback.help_address ?><li>or reply to this e-mail: your message reaches our team, who will answer you by e-mail.</li>
<?cs elif:!callback.page && !callback.help_number ?><li>use the help link on our web site again.</li>
<?cs /if ?></ul>
<?cs set:mail.footer = client.name + " (an automatic message)" ?>
<?cs include:"mail/html_footer.cs" ?>
