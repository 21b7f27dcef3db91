<?cs # What a client keeps about the visitor reading it, and a way to delete
     it (cgi-bin/myprofile.c; the fields come from lib/profile.c). ?><?cs
set:title = "What we keep about you" ?><?cs set:page.name = "myprofile" ?>
<?cs include:"header.cs" ?>
<section class="card narrow" id="myprofile">
  <h1>What <?cs var:site.client ?> keeps about you</h1>
  <?cs if:deleted ?><p class="notice" id="deleted" role="status">Deleted: <?cs var:site.client ?> no longer keeps a profile of you.</p><?cs /if ?>
  <?cs if:profile.known ?>
  <dl class="facts" id="profile-facts">
    <dt>Name</dt><dd id="profile-name"><?cs if:profile.name ?><?cs var:profile.name ?><?cs else ?><span class="muted">none given</span><?cs /if ?></dd>
    <dt>E-mail</dt><dd id="profile-email"><?cs if:profile.email ?><?cs var:profile.email ?><?cs else ?><span class="muted">none given</span><?cs /if ?></dd>
    <?cs if:profile.customer ?><dt>Customer</dt><dd id="profile-customer"><?cs var:profile.customer ?><?cs if:profile.plan ?>, plan <?cs var:profile.plan ?><?cs /if ?><?cs if:profile.orders ?>, <?cs var:profile.orders ?> orders<?cs /if ?></dd><?cs /if ?>
    <dt>Visits</dt><dd id="profile-visits"><?cs var:profile.visits ?> <span class="muted">since <?cs var:profile.since ?></span></dd>
  </dl>
  <h2>Your questions and the pages you asked from</h2>
  <?cs if:subcount(profile.requests) > 0 ?>
  <ol class="trail" id="profile-trail"><?cs each:q = profile.requests ?><li><time><?cs var:q.at ?> UTC</time> <span class="site"><?cs var:q.site ?></span> <span class="url"><?cs var:q.page ?></span><?cs if:q.question ?><br><span class="question"><?cs var:q.question ?></span><?cs /if ?></li><?cs /each ?></ol>
  <?cs else ?><p class="muted">None.</p><?cs /if ?>
  <?cs if:subcount(profile.pages) > 0 ?>
  <h2><?cs var:t.myprofile.pages ?></h2>
  <ol class="trail" id="profile-pages"><?cs each:p = profile.pages ?><li><time><?cs var:p.at ?> UTC</time> <span class="site"><?cs var:p.site ?></span> <span class="url"><?cs var:p.url ?></span> <span class="seconds"><?cs var:p.seconds ?> <?cs var:t.myprofile.seconds ?></span></li><?cs /each ?></ol>
  <?cs /if ?>
  <?cs if:subcount(profile.events) > 0 ?>
  <h2>What the sites told us</h2>
  <ul class="trail" id="profile-events"><?cs each:e = profile.events ?><li><time><?cs var:e.at ?> UTC</time> <span class="site"><?cs var:e.site ?></span> <?cs var:e.name ?><?cs if:e.detail ?>: <?cs var:e.detail ?><?cs /if ?></li><?cs /each ?></ul>
  <?cs /if ?>
  <form method="post" action="/myprofile" id="delete-profile">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="site" value="<?cs var:site.key ?>">
    <button type="submit" class="danger">Delete my profile</button>
  </form>
  <?cs else ?>
  <p id="profile-none">Nothing: <?cs var:site.client ?> keeps no profile of you in this browser.</p>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
