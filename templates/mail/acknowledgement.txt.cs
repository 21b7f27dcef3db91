Hello<?cs if:visitor.name ?> <?cs var:visitor.name ?><?cs /if ?>,

thank you for writing to <?cs var:client.name ?>. Your message<?cs if:message.subject ?> "<?cs var:message.subject ?>"<?cs /if ?> has arrived and is waiting for the next free person, who will answer you by e-mail.

If you have more to add, reply to this e-mail: it joins the same conversation.

--
<?cs var:client.name ?> (an automatic answer: there is no need to reply to say thanks)
