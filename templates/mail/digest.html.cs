<?cs include:"mail/html_header.cs" ?>
<p>Hello <?cs var:person.name ?>,</p>
<p>here is the week of <?cs var:week ?> at <?cs var:client.name ?>'s help desk.</p>
<h2 style="font-size:16px;">The week in figures</h2>
<table style="border-collapse:collapse;font-size:14px;">
<?cs each:f = figures ?><tr><td style="padding:2px 16px 2px 0;"><?cs var:f.label ?></td><td style="text-align:right;"><?cs var:f.value ?></td></tr>
<?cs /each ?></table>
<h2 style="font-size:16px;">Suggestions</h2>
<?cs if:suggestion_count == 0 ?><p>Nothing stood out this week.</p><?cs /if ?>
<ul>
<?cs if:hour.span ?><li>Between <?cs var:hour.span ?> (UTC) <?cs var:hour.requests ?> visitors asked for help<?cs if:hour.left > 0 ?> and <?cs var:hour.left ?> left while waiting<?cs /if ?><?cs if:hour.wait_words ?>; those taken waited <?cs var:hour.wait_words ?> on average<?cs /if ?>, with <?cs var:hour.agents ?> agents available on average. More agents at that hour would help.</li><?cs /if ?>
<?cs each:m = missed ?><li><?cs var:m.name ?> let <?cs var:m.now ?> offers pass this week (<?cs var:m.before ?> the week before): worth a word about notifications or breaks.</li>
<?cs /each ?>
<?cs if:subcount(pages) > 0 ?><li>The pages that most often led to help requests:<ul>
<?cs each:p = pages ?><li><?cs var:p.requests ?> from <?cs var:p.url ?></li><?cs /each ?></ul>
A clearer answer on those pages would save visitors the wait.</li><?cs /if ?>
</ul>
<p><a href="<?cs var:reports ?>">The full reports</a></p>
<?cs set:mail.footer = "You get this weekly digest as a supervisor or admin." ?>
<p style="color:#6b7280;font-size:12px;"><a href="<?cs var:unsubscribe ?>">Stop the weekly digest</a></p>
<?cs include:"mail/html_footer.cs" ?>
