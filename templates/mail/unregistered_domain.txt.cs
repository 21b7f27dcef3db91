Hello,

a help link of <?cs var:client.name ?> (site "<?cs var:site.name ?>") was used on a page of <?cs var:domain ?>, which is not one of the site's registered domains (<?cs if:site.domains ?><?cs var:site.domains ?><?cs else ?>none<?cs /if ?>).
<?cs if:page ?>
The page: <?cs var:page ?>
<?cs /if ?>
The visitor was told the site is not registered and was not connected. Every such refusal is also kept in the refused-link log.

If <?cs var:domain ?> is one of your sites, register it with the site (ask your Baton operator, or see <?cs var:settings ?>). If it is not, someone copied your help link: nobody can reach your desk through it.

You hear of this domain at most once a day.
--
Baton
