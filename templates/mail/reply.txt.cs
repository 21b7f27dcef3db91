<?cs var:reply.text ?>

--
<?cs var:agent.name ?>, <?cs var:client.name ?>
Reply to this e-mail to answer.
