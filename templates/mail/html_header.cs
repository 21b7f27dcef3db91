<?cs # The top of every HTML mail: plain markup with inline styles, since mail
     programs drop style sheets. The text part says the same in words. ?><!doctype html>
<html lang="<?cs if:t.lang ?><?cs var:t.lang ?><?cs else ?>en<?cs /if ?>">
<head><meta charset="utf-8"><title><?cs var:mail.subject ?></title></head>
<body style="margin:0;padding:16px;background:#f4f5f7;font-family:Helvetica,Arial,sans-serif;color:#1d2330;">
<div style="max-width:600px;margin:0 auto;background:#ffffff;border-radius:6px;padding:20px 24px;">
