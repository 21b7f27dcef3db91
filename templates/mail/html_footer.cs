<p style="margin-top:24px;color:#6b7280;font-size:12px;"><?cs if:mail.footer ?><?cs var:mail.footer ?><?cs else ?>Sent by Baton for <?cs var:client.name ?>.<?cs /if ?></p>
</div>
</body>
</html>
