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
<?cs /if ?><?cs if:me.name && me.role != "reseller" && !panel ?><script src="/js/statebar.js" defer></script>
<?cs /if ?><?cs each:s = scripts ?><script src="<?cs var:s ?>" defer></script>
<?cs /each ?><?cs if:panel ?><script src="/js/panel.js" defer></script>
<?cs /if ?></head>
<body class="page-<?cs var:page.name ?><?cs if:panel ?> in-panel<?cs /if ?>"<?cs if:me.name ?> data-sound-offer="<?cs var:me.notify.sound_offer ?>" data-sound-line="<?cs var:me.notify.sound_line ?>" data-sound-supervisor="<?cs var:me.notify.sound_supervisor ?>" data-desktop-offer="<?cs var:me.notify.desktop_offer ?>" data-desktop-line="<?cs var:me.notify.desktop_line ?>" data-desktop-supervisor="<?cs var:me.notify.desktop_supervisor ?>"<?cs /if ?>>
<?cs if:page.lang ?><div id="baton-words" hidden data-no-answer="<?cs var:t.baton.no_answer ?>" data-unreachable="<?cs var:t.baton.unreachable ?>" data-server-answered="<?cs var:t.baton.server_answered ?>"></div><?cs /if ?>
<?cs if:!panel ?><header class="topbar">
  <a class="brand" href="/">Baton</a>
  <?cs if:me.name ?>
  <?cs if:me.role != "reseller" ?>
  <form method="post" action="/state" id="statebar" class="statebar" data-state="<?cs var:me.state ?>">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="back" value="<?cs var:page.back ?>">
    <span class="visually-hidden" id="statebar-label">Your state:</span>
    <span class="statebar-buttons" role="group" aria-labelledby="statebar-label">
      <button type="submit" name="state" value="available" aria-pressed="<?cs if:me.state == "available" ?>true<?cs else ?>false<?cs /if ?>">Available</button>
      <button type="submit" name="state" value="break" aria-pressed="<?cs if:me.state == "break" ?>true<?cs else ?>false<?cs /if ?>">On break</button>
      <button type="submit" name="state" value="away" aria-pressed="<?cs if:me.state == "away" ?>true<?cs else ?>false<?cs /if ?>">Away</button>
    </span>
    <span class="statebar-message" role="status" hidden></span>
  </form>
  <?cs /if ?>
  <nav class="who">
    <?cs if:me.role != "reseller" ?><a href="/console">Console</a>
    <a href="/rooms" id="nav-rooms">Rooms</a>
    <a href="/events" id="nav-events">Events</a>
    <a href="/messages" id="nav-messages">Messages</a>
    <a href="/settings">Settings</a><?cs /if ?>
    <?cs if:me.role == "supervisor" || me.role == "admin" || me.role == "operator" ?><a href="/supervise" id="nav-supervise">Supervise</a>
    <a href="/archive" id="nav-archive">Archive</a>
    <a href="/report" id="nav-report">Reports</a><?cs /if ?>
    <?cs if:me.role == "supervisor" || me.role == "admin" || me.role == "operator" || me.role == "reseller" ?><a href="/statement">Statements</a><?cs /if ?>
    <?cs if:me.role == "operator" || me.role == "reseller" ?><a href="/clients" id="nav-admin">Admin</a><?cs elif:me.role == "admin" ?><a href="/agents" id="nav-admin">Admin</a><?cs else ?><a href="/canned" id="nav-admin">Phrases</a><?cs /if ?>
    <a href="/profile" class="me" id="nav-me"><?cs var:me.name ?> · <?cs var:me.client ?></a>
    <form method="post" action="/signout" class="inline">
      <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
      <button type="submit" class="link">Sign out</button>
    </form>
  </nav>
  <?cs /if ?>
</header><?cs /if ?>
<main>
