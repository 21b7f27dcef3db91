<?cs # What a client keeps about the visitor reading it, and a way to delete
     it (cgi-bin/myprofile.c; the fields come from lib/profile.c), in the
     visitor's language (the catalogue, lib/catalogue.h). ?><?cs
include:"lang.cs" ?><?cs
set:title = t.myprofile.title ?><?cs set:page.name = "myprofile" ?>
<?cs include:"header.cs" ?>
<section class="card narrow" id="myprofile">
  <h1><?cs call:fill(t.myprofile.heading, site.client) ?></h1>
  <?cs if:deleted ?><p class="notice" id="deleted" role="status"><?cs call:fill(t.myprofile.deleted, site.client) ?></p><?cs /if ?>
  <?cs if:profile.known ?>
  <dl class="facts" id="profile-facts">
    <dt><?cs var:t.myprofile.name ?></dt><dd id="profile-name"><?cs if:profile.name ?><?cs var:profile.name ?><?cs else ?><span class="muted"><?cs var:t.myprofile.none_given ?></span><?cs /if ?></dd>
    <dt><?cs var:t.myprofile.email ?></dt><dd id="profile-email"><?cs if:profile.email ?><?cs var:profile.email ?><?cs else ?><span class="muted"><?cs var:t.myprofile.none_given ?></span><?cs /if ?></dd>
    <?cs if:profile.customer ?><dt><?cs var:t.myprofile.customer ?></dt><dd id="profile-customer"><?cs var:profile.customer ?><?cs if:profile.plan ?>, <?cs call:fill(t.myprofile.plan, profile.plan) ?><?cs /if ?><?cs if:profile.orders ?>, <?cs call:count(t.myprofile.orders, profile.orders) ?><?cs /if ?></dd><?cs /if ?>
    <dt><?cs var:t.myprofile.visits ?></dt><dd id="profile-visits"><?cs var:profile.visits ?> <span class="muted"><?cs call:fill(t.myprofile.since, profile.since) ?></span></dd>
  </dl>
  <h2><?cs var:t.myprofile.questions ?></h2>
  <?cs if:subcount(profile.requests) > 0 ?>
  <ol class="trail" id="profile-trail"><?cs each:q = profile.requests ?><li><time><?cs var:q.at ?> UTC</time> <span class="site"><?cs var:q.site ?></span> <span class="url"><?cs var:q.page ?></span><?cs if:q.question ?><br><span class="question"><?cs var:q.question ?></span><?cs /if ?></li><?cs /each ?></ol>
  <?cs else ?><p class="muted"><?cs var:t.myprofile.none ?></p><?cs /if ?>
  <?cs if:subcount(profile.pages) > 0 ?>
  <h2><?cs var:t.myprofile.pages ?></h2>
  <ol class="trail" id="profile-pages"><?cs each:p = profile.pages ?><li><time><?cs var:p.at ?> UTC</time> <span class="site"><?cs var:p.site ?></span> <span class="url"><?cs var:p.url ?></span> <span class="seconds"><?cs var:p.seconds ?> <?cs var:t.myprofile.seconds ?></span></li><?cs /each ?></ol>
  <?cs /if ?>
  <?cs if:subcount(profile.events) > 0 ?>
  <h2><?cs var:t.myprofile.events ?></h2>
  <ul class="trail" id="profile-events"><?cs each:e = profile.events ?><li><time><?cs var:e.at ?> UTC</time> <span class="site"><?cs var:e.site ?></span> <?cs var:e.name ?><?cs if:e.detail ?>: <?cs var:e.detail ?><?cs /if ?></li><?cs /each ?></ul>
  <?cs /if ?>
  <form method="post" action="/myprofile" id="delete-profile">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="site" value="<?cs var:site.key ?>">
    <button type="submit" class="danger"><?cs var:t.myprofile.delete ?></button>
  </form>
  <?cs else ?>
  <p id="profile-none"><?cs call:fill(t.myprofile.nothing, site.client) ?></p>
  <?cs /if ?>
</section>
<?cs include:"footer.cs" ?>
