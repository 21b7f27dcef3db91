<?cs # The list of message threads (offline messages, help requests by e-mail):
     used by the console's Messages card and the /messages page; htdocs/js/messages.js
     draws the same items from the console's live answers. ?>
<?cs def:thread_item(t) ?>
<li class="thread-item<?cs if:t.awaiting == "1" && t.state == "open" ?> awaiting<?cs /if ?><?cs if:t.state == "done" ?> done<?cs /if ?>" data-thread="<?cs var:t.id ?>">
  <a href="/messages?id=<?cs var:url_escape(t.id) ?>"><strong><?cs if:t.name ?><?cs var:t.name ?><?cs else ?>Visitor<?cs /if ?></strong></a>
  <?cs if:t.state == "done" ?><span class="chip">done</span><?cs elif:t.awaiting == "1" ?><span class="chip awaiting-chip">to answer</span><?cs else ?><span class="chip">answered</span><?cs /if ?>
  <?cs if:t.via == "email" ?><span class="chip">e-mail</span><?cs /if ?>
  <?cs if:t.bounced == "1" ?><span class="chip bad-chip">address bounced</span><?cs /if ?>
  <span class="muted"><?cs if:t.contact ?><?cs var:t.contact ?><?cs else ?><?cs var:t.phone ?><?cs /if ?> · <?cs var:t.at ?> UTC<?cs if:t.owner ?> · <?cs if:t.mine == "1" ?>yours<?cs else ?><?cs var:t.owner ?><?cs /if ?><?cs /if ?></span>
  <?cs if:t.last ?><p class="question"><?cs var:t.last ?></p><?cs /if ?>
  <?cs if:t.voice ?><audio controls preload="none" src="/voicemail?id=<?cs var:url_escape(t.voice) ?>"></audio><?cs /if ?>
</li>
<?cs /def ?>
<?cs def:thread_list(list, id) ?>
<ul id="<?cs var:id ?>" class="threads">
  <?cs each:t = list ?><?cs call:thread_item(t) ?><?cs /each ?>
  <?cs if:subcount(list) == 0 ?><li class="muted empty">None.</li><?cs /if ?>
</ul>
<?cs /def ?>
