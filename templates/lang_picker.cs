<?cs # The language picker of the visitor's pages: the visitor's choice
     overrides their browser's and the site's and stays with their request
     (cgi-bin/wait.c's POST). htdocs/js/wait.js sends it on change; without
     JavaScript the button does. Each language is named in itself. ?>
<form method="post" action="/wait" id="lang-form" class="lang-form inline-form">
  <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
  <input type="hidden" name="r" value="<?cs var:request.id ?>">
  <label for="lang-choice"><?cs var:t.lang.label ?></label>
  <select name="lang" id="lang-choice"><?cs each:l = langs ?>
    <option value="<?cs var:l.tag ?>" lang="<?cs var:l.tag ?>"<?cs if:l.tag == t.lang ?> selected<?cs /if ?>><?cs var:l.name ?></option><?cs /each ?>
  </select>
  <button type="submit" class="secondary" id="lang-submit"><?cs var:t.lang.choose ?></button>
</form>
