Hello<?cs if:visitor.name ?> <?cs var:visitor.name ?><?cs /if ?>,

you asked <?cs var:client.name ?> to call you back on <?cs var:callback.phone ?>. We called <?cs if:callback.attempts == 1 ?>once<?cs else ?><?cs var:callback.attempts ?> times<?cs /if ?> and could not reach you, so we have stopped trying.

If you still need help:
<?cs if:callback.page ?>- ask again on the page where you asked: <?cs var:callback.page ?>
  (click its help link; you can ask for another call-back there)
<?cs /if ?><?cs if:callback.help_number ?>- call us on <?cs var:callback.help_number ?>
<?cs /if ?><?cs if:callback.help_address ?>- or reply to this e-mail: your message reaches our team, who will answer you by e-mail.
<?cs elif:!callback.page && !callback.help_number ?>- use the help link on our web site again.
<?cs /if ?>
--
<?cs var:client.name ?> (an automatic message)
