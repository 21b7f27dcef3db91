<!doctype html>
<html lang="<?cs if:page.lang ?><?cs var:page.lang ?><?cs else ?>en<?cs /if ?>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, interactive-widget=resizes-content">
<title><?cs var:title ?> · Baton</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="/css/baton.css">
<?cs each:s = styles ?><link rel="stylesheet" href="<?cs var:s ?>">
<?cs /each ?><?cs if:refresh ?><noscript><meta http-equiv="refresh" content="<?cs var:refresh ?>"></noscript><?cs /if ?>
<?cs if:subcount(scripts) > 0 || panel ?><script src="/js/baton.js" defer></script>
<?cs /if ?><?cs each:s = scripts ?><script src="<?cs var:s ?>" defer></script>
<?cs /each ?><?cs if:panel ?><script src="/js/panel.js" defer></script>
<?cs /if ?></head>
<body class="page-<?cs var:page.name ?><?cs if:panel ?> in-panel<?cs /if ?>">
<?cs if:!panel ?><header class="topbar">
  <a class="brand" href="/">Baton</a>
  <?cs if:me.name ?>
  <nav class="who">
    <a href="/console">Console</a>
    <a href="/rooms" id="nav-rooms">Rooms</a>
    <a href="/events" id="nav-events">Events</a>
    <a href="/messages" id="nav-messages">Messages</a>
    <a href="/settings">Settings</a>
    <?cs if:me.role == "supervisor" || me.role == "admin" || me.role == "operator" ?><a href="/supervise" id="nav-supervise">Supervise</a>
    <a href="/archive" id="nav-archive">Archive</a>
    <a href="/report" id="nav-report">Reports</a>
    <a href="/statement">Statements</a><?cs /if ?>
    <span class="me"><?cs var:me.name ?> · <?cs var:me.client ?></span>
    <form method="post" action="/signout" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
      <button type="submit" class="link">Sign out</button>
    </form>
  </nav>
  <?cs /if ?>
</header><?cs /if ?>
<main>
