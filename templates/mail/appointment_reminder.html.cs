<?cs include:"mail/html_header.cs" ?>
<p>Hello<?cs if:visitor.name ?> <?cs var:visitor.name ?><?cs /if ?>,</p>
<p>your help session with <?cs var:client.name ?> is at <strong><?cs var:appointment.when ?> (UTC)</strong>, in about <?cs var:appointment.lead ?> minutes.</p>
<p><a href="<?cs var:appointment.link ?>" style="display:inline-block;background:#3b5bdb;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none;">Join now</a></p>
<p style="color:#6b7280;font-size:13px;">The link brings you to the head of the queue.</p>
<?cs include:"mail/html_footer.cs" ?>
