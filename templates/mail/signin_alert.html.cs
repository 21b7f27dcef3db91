<?cs include:"mail/html_header.cs" ?>
<p>Hello <?cs var:agent.name ?>,</p>
<p>someone signed in to Baton (<?cs var:client.name ?>) as you from an address you have not used before:</p>
<table style="font-size:14px;">
<tr><td style="color:#6b7280;padding-right:12px;">Address</td><td><?cs var:signin.address ?></td></tr>
<tr><td style="color:#6b7280;padding-right:12px;">Browser</td><td><?cs var:signin.browser ?></td></tr>
<tr><td style="color:#6b7280;padding-right:12px;">Time</td><td><?cs var:signin.at ?> UTC</td></tr>
</table>
<p>If it was you, there is nothing to do. If it was not, <a href="<?cs var:signin.page ?>">change your password</a> now and tell your administrator.</p>
<?cs set:mail.footer = "Baton" ?>
<?cs include:"mail/html_footer.cs" ?>
