<?cs include:"lang.cs" ?><?cs var:reply.text ?>

--
<?cs var:agent.name ?>, <?cs var:client.name ?>
<?cs var:t.mail.reply_footer ?>
