<?cs include:"mail/html_header.cs" ?>
<p>Hello<?cs if:visitor.name ?> <?cs var:visitor.name ?><?cs /if ?>,</p>
<p>thank you for writing to <?cs var:client.name ?>. Your message<?cs if:message.subject ?> “<?cs var:message.subject ?>”<?cs /if ?> has arrived and is waiting for the next free person, who will answer you by e-mail.</p>
<p>If you have more to add, reply to this e-mail: it joins the same conversation.</p>
<?cs set:mail.footer = client.name + " (an automatic answer: there is no need to reply to say thanks)" ?>
<?cs include:"mail/html_footer.cs" ?>
