<?cs include:"mail/html_header.cs" ?>
<p>Hello,</p>
<p>a help link of <?cs var:client.name ?> (site “<?cs var:site.name ?>”) was used on a page of <strong><?cs var:domain ?></strong>, which is not one of the site's registered domains (<?cs if:site.domains ?><?cs var:site.domains ?><?cs else ?>none<?cs /if ?>).</p>
<?cs if:page ?><p>The page: <?cs var:page ?></p><?cs /if ?>
<p>The visitor was told the site is not registered and was not connected. Every such refusal is also kept in the refused-link log.</p>
<p>If <?cs var:domain ?> is one of your sites, register it with the site (ask your Baton operator, or see <a href="<?cs var:settings ?>">your settings</a>). If it is not, someone copied your help link: nobody can reach your desk through it.</p>
<?cs set:mail.footer = "You hear of this domain at most once a day." ?>
<?cs include:"mail/html_footer.cs" ?>
