Hello <?cs var:agent.name ?>,

someone signed in to Baton (<?cs var:client.name ?>) as you from an address you have not used before:

  address:  <?cs var:signin.address ?>
  browser:  <?cs var:signin.browser ?>
  time:     <?cs var:signin.at ?> UTC

If it was you, there is nothing to do. If it was not, change your password now and tell your administrator.
<?cs var:signin.page ?>

--
Baton
