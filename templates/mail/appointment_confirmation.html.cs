<?cs include:"mail/html_header.cs" ?>
<p>Hello<?cs if:visitor.name ?> <?cs var:visitor.name ?><?cs /if ?>,</p>
<p>your help session with <?cs var:client.name ?> is booked for <strong><?cs var:appointment.when ?> (UTC)</strong>.</p>
<?cs if:appointment.question ?><p>Your question: <?cs var:appointment.question ?></p><?cs /if ?>
<p>The calendar file attached puts it in your calendar. We will remind you <?cs var:appointment.lead ?> minutes before.</p>
<p><a href="<?cs var:appointment.link ?>" style="display:inline-block;background:#3b5bdb;color:#ffffff;padding:10px 16px;border-radius:6px;text-decoration:none;">Join at the time</a></p>
<p style="color:#6b7280;font-size:13px;">This link brings you to the head of the queue.</p>
<?cs include:"mail/html_footer.cs" ?>
