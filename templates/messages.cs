<?cs set:title = "Messages" ?><?cs set:page.name = "messages" ?>
<?cs set:scripts.0 = "/js/messages.js" ?><?cs set:styles.0 = "/css/messages.css" ?>
<?cs include:"header.cs" ?>
<?cs include:"messages_list.cs" ?>
<?cs if:page.thread ?>
<section class="card thread" id="thread" data-id="<?cs var:thread.id ?>" data-csrf="<?cs var:csrf ?>">
  <p class="muted"><a href="/messages">All messages</a> · <a href="/console">Console</a></p>
  <h1><?cs if:thread.name ?><?cs var:thread.name ?><?cs else ?>Visitor<?cs /if ?>
    <span class="chip" id="thread-state"><?cs if:thread.thread_state == "done" ?>done<?cs else ?>open<?cs /if ?></span></h1>
  <p class="muted" id="thread-about"><?cs if:thread.contact ?><?cs var:thread.contact ?><?cs else ?><?cs var:thread.phone ?><?cs /if ?><?cs if:thread.site ?> · <?cs var:thread.site ?><?cs /if ?> · <?cs if:thread.via == "email" ?>by e-mail<?cs elif:thread.voice ?>left on the phone<?cs else ?>left on the waiting page<?cs /if ?> · since <?cs var:thread.created ?> UTC</p>
  <?cs if:thread.voice ?><p id="voice-message"><audio controls preload="none" src="/voicemail?id=<?cs var:url_escape(thread.voice) ?>"></audio></p><?cs /if ?>
  <?cs if:thread.bounced ?><p class="notice bad" id="bounced">Mail to <?cs var:thread.contact ?> bounced: <?cs var:thread.bounced ?></p><?cs /if ?>
  <ol class="thread-messages" id="thread-messages">
    <?cs each:m = messages ?>
    <li class="thread-message <?cs var:m.direction ?>" data-message="<?cs var:m.id ?>">
      <p class="meta"><?cs if:m.direction == "in" ?><strong><?cs var:m.address ?></strong><?cs else ?><strong><?cs var:m.agent ?></strong> to <?cs var:m.address ?><?cs /if ?>
        <span class="muted">· <?cs var:m.at ?> UTC</span>
        <?cs if:m.direction == "out" ?><span class="chip mail-<?cs var:m.mail_state ?>" title="<?cs var:m.mail_error ?>"><?cs if:m.mail_state == "sent" ?>sent<?cs elif:m.mail_state == "bounced" ?>bounced<?cs elif:m.mail_state == "failed" ?>not delivered<?cs else ?>sending<?cs /if ?></span><?cs /if ?></p>
      <?cs if:m.subject ?><p class="subject"><?cs var:m.subject ?></p><?cs /if ?>
      <div class="body"><?cs var:m.body ?></div>
      <?cs if:subcount(m.attachments) > 0 ?><ul class="attachments">
        <?cs each:a = m.attachments ?><li><a href="/messages?attachment=<?cs var:url_escape(a.id) ?>" download><?cs var:a.name ?></a> <span class="muted"><?cs var:a.size ?> bytes</span></li><?cs /each ?>
      </ul><?cs /if ?>
    </li>
    <?cs /each ?>
  </ol>
  <?cs if:thread.can_answer ?>
  <form method="post" action="/messages" id="reply-form" class="reply-form">
    <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
    <input type="hidden" name="id" value="<?cs var:thread.id ?>">
    <input type="hidden" name="action" value="reply">
    <label for="reply-text">Answer <?cs var:thread.contact ?> by e-mail</label>
    <textarea id="reply-text" name="text" rows="6" maxlength="20000" required></textarea>
    <button type="submit">Send the answer</button>
    <p class="message" id="reply-message" role="alert" hidden></p>
  </form>
  <?cs else ?>
  <p class="notice" id="no-address">This visitor left no e-mail address (<?cs if:thread.contact ?><?cs var:thread.contact ?><?cs else ?><?cs var:thread.phone ?><?cs /if ?>): answer them another way, then mark the thread done.</p>
  <?cs /if ?>
  <div class="row thread-actions">
    <form method="post" action="/messages" id="assign-form" class="row">
      <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
      <input type="hidden" name="id" value="<?cs var:thread.id ?>">
      <input type="hidden" name="action" value="assign">
      <label for="assign-agent">Owner</label>
      <select id="assign-agent" name="agent">
        <option value="0"<?cs if:!thread.owner_id ?> selected<?cs /if ?>>nobody</option>
        <?cs each:a = agents ?><option value="<?cs var:a.id ?>"<?cs if:a.id == thread.owner_id ?> selected<?cs /if ?>><?cs var:a.name ?></option><?cs /each ?>
      </select>
      <button type="submit" class="secondary">Assign</button>
    </form>
    <form method="post" action="/messages" id="state-form">
      <input type="hidden" name="csrf" value="<?cs var:csrf ?>">
      <input type="hidden" name="id" value="<?cs var:thread.id ?>">
      <?cs if:thread.thread_state == "done" ?>
      <input type="hidden" name="action" value="reopen"><button type="submit" class="secondary" id="reopen">Reopen</button>
      <?cs else ?>
      <input type="hidden" name="action" value="done"><button type="submit" class="secondary" id="mark-done">Mark done</button>
      <?cs /if ?>
    </form>
  </div>
</section>
<?cs else ?>
<section class="card" id="threads-card" data-csrf="<?cs var:csrf ?>">
  <h1>Messages</h1>
  <p class="muted">Messages visitors left when nobody was there, and help requests that came by e-mail. Answers go by e-mail; the visitor's replies come back here.</p>
  <?cs call:thread_list(threads, "threads") ?>
</section>
<?cs /if ?>
<?cs include:"footer.cs" ?>
