<?cs # The visitor panel beside a conversation, for staff only
     (lib/visitor_panel.c; htdocs/js/visitor-panel.js adds notes in place). ?>
<?cs if:visitor.known ?>
<details class="visitor-panel" id="visitor-panel" open>
  <summary><span class="visitor-panel-title">Visitor: <strong id="visitor-name"><?cs if:visitor.name ?><?cs var:visitor.name ?><?cs else ?>no name given<?cs /if ?></strong></span>
    <?cs if:visitor.site ?><span class="muted"> · <?cs var:visitor.site ?></span><?cs /if ?><?cs if:visitor.language ?><span class="muted" id="visitor-language"> · <?cs var:visitor.language ?></span><?cs /if ?></summary>
  <dl class="facts">
    <?cs if:visitor.email ?><dt>E-mail</dt><dd id="visitor-email"><a href="mailto:<?cs var:url_escape(visitor.email) ?>"><?cs var:visitor.email ?></a></dd><?cs /if ?>
    <?cs if:visitor.question ?><dt>Question</dt><dd id="visitor-question"><?cs var:visitor.question ?></dd><?cs /if ?>
    <?cs if:visitor.page ?><dt>Came from</dt><dd id="visitor-page" class="url"><?cs var:visitor.page ?></dd><?cs /if ?>
    <?cs if:visitor.show_trail && visitor.now_on ?><dt>Now on</dt><dd id="visitor-now-on" class="url"><?cs var:visitor.now_on ?></dd><?cs /if ?>
    <?cs if:visitor.show_priority ?><dt>Priority</dt><dd id="visitor-priority"><?cs var:visitor.priority ?></dd><?cs /if ?>
    <dt>Visits</dt><dd id="visitor-visits"><?cs var:visitor.visits ?><?cs if:visitor.first_seen ?> <span class="muted">since <?cs var:visitor.first_seen ?></span><?cs /if ?></dd>
  </dl>
  <?cs if:visitor.show_trail && subcount(visitor.trail) > 0 ?>
  <h3>Pages asked from before</h3>
  <ol class="trail" id="visitor-trail"><?cs each:p = visitor.trail ?><li><time><?cs var:p.at ?></time> <span class="url"><?cs var:p.url ?></span></li><?cs /each ?></ol>
  <?cs /if ?>
  <?cs if:visitor.show_trail ?>
  <h3>Profile</h3>
  <dl class="facts" id="visitor-profile">
    <?cs if:visitor.level ?><dt>Service level</dt><dd id="visitor-level"><?cs var:visitor.level ?></dd><?cs /if ?>
    <?cs if:visitor.why ?><dt>Rules</dt><dd id="visitor-why"><?cs var:visitor.why ?> <span class="muted">(score <?cs var:visitor.score ?>)</span></dd><?cs /if ?>
    <?cs if:profile.customer ?><dt>Customer</dt><dd id="visitor-customer"><?cs var:profile.customer ?><?cs if:profile.plan ?>, plan <?cs var:profile.plan ?><?cs /if ?><?cs if:profile.orders ?>, <?cs var:profile.orders ?> orders<?cs /if ?></dd><?cs /if ?>
  </dl>
  <?cs if:subcount(profile.requests) > 0 ?>
  <ol class="trail" id="visitor-profile-trail"><?cs each:q = profile.requests ?><li><time><?cs var:q.at ?></time> <span class="muted"><?cs var:q.site ?></span> <span class="url"><?cs var:q.page ?></span><?cs if:q.question ?><br><span class="question"><?cs var:q.question ?></span><?cs /if ?> <span class="muted">(<?cs var:q.state ?><?cs if:q.stars ?>, rated <?cs var:q.stars ?>/5<?cs /if ?>)</span></li><?cs /each ?></ol>
  <?cs /if ?>
  <?cs if:subcount(profile.pages) > 0 ?>
  <ol class="trail" id="visitor-profile-pages" aria-label="Pages seen, newest first"><?cs each:p = profile.pages ?><li><time><?cs var:p.at ?></time> <span class="muted"><?cs var:p.site ?></span> <span class="url"><?cs var:p.url ?></span> <span class="muted"><?cs var:p.seconds ?> s</span></li><?cs /each ?></ol>
  <?cs /if ?>
  <?cs if:subcount(profile.events) > 0 ?>
  <ul class="trail" id="visitor-profile-events"><?cs each:e = profile.events ?><li><time><?cs var:e.at ?></time> <span class="muted"><?cs var:e.site ?><?cs if:e.source == "page" ?> (page)<?cs /if ?></span> <?cs var:e.name ?><?cs if:e.detail ?>: <?cs var:e.detail ?><?cs /if ?></li><?cs /each ?></ul>
  <?cs /if ?>
  <?cs if:visitor.may_delete ?><form method="post" action="/rules" id="profile-delete-form" class="inline">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>"><input type="hidden" name="do" value="profile-delete">
    <input type="hidden" name="channel" value="<?cs var:channel.id ?>">
    <button type="submit" class="secondary danger">Delete this visitor's profile</button></form><?cs /if ?>
  <?cs /if ?>
  <?cs if:visitor.show_sessions ?>
  <h3>Earlier sessions</h3>
  <?cs if:subcount(visitor.sessions) > 0 ?>
  <ul class="earlier" id="visitor-sessions"><?cs each:s = visitor.sessions ?><li><a href="/session?id=<?cs var:url_escape(s.id) ?>" target="_blank" rel="noopener"><?cs var:s.at ?> UTC</a> <span class="muted"><?cs var:s.agents ?></span><?cs if:s.question ?><br><span class="question"><?cs var:s.question ?></span><?cs /if ?></li><?cs /each ?></ul>
  <?cs else ?><p class="muted" id="visitor-sessions-none">None: a first session.</p><?cs /if ?>
  <?cs /if ?>
  <?cs if:visitor.show_notes ?>
  <h3>Notes</h3>
  <ul class="notes" id="visitor-notes"><?cs each:n = visitor.notes ?><li data-note="<?cs var:n.id ?>"><span class="muted"><?cs var:n.author ?>, <?cs var:n.at ?> UTC:</span> <span class="body"><?cs var:n.body ?></span></li><?cs /each ?></ul>
  <form method="post" action="/notes" id="note-form" class="note-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="channel" value="<?cs var:channel.id ?>">
    <label for="note-text" class="visually-hidden">A note on this visitor</label>
    <textarea id="note-text" name="text" rows="2" maxlength="2000" required placeholder="A note for everyone at the desk"></textarea>
    <button type="submit" class="secondary">Add the note</button>
    <p class="message" role="alert" hidden></p>
  </form>
  <?cs /if ?>
</details>
<?cs /if ?>
