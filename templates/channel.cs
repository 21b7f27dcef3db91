<?cs if:me.role == "visitor" && client.name ?><?cs set:title = "Live help from " + client.name ?><?cs else ?><?cs set:title = channel.name ?><?cs /if ?><?cs set:page.name = "channel" ?>
<?cs set:scripts.0 = "/js/channel.js" ?><?cs if:!panel ?><?cs set:scripts.1 = "/js/viewer.js" ?><?cs set:scripts.2 = "/js/channel-tabs.js" ?><?cs /if ?>
<?cs # The agent's visitor panel (issue 12): staff only, never in the widget's panel. ?>
<?cs if:me.role != "visitor" && !panel ?><?cs set:scripts.3 = "/js/visitor-panel.js" ?><?cs /if ?>
<?cs set:styles.0 = "/css/viewer.css" ?>
<?cs # Calls and the whiteboard (issue 14): their own templates, scripts and styles. ?>
<?cs # (Not in the widget's panel, the conversation alone: they are in the full viewer.) ?>
<?cs include:"call.cs" ?><?cs if:!panel ?><?cs set:scripts.20 = "/js/call.js" ?><?cs set:styles.20 = "/css/call.css" ?><?cs /if ?>
<?cs include:"whiteboard.cs" ?><?cs set:scripts.21 = "/js/marks.js" ?><?cs if:!panel ?><?cs set:scripts.22 = "/js/whiteboard.js" ?><?cs set:styles.21 = "/css/whiteboard.css" ?><?cs /if ?>
<?cs # Rooms (issue 17): invitations, the client's open rooms. ?>
<?cs include:"room.cs" ?><?cs if:!panel ?><?cs set:scripts.23 = "/js/room.js" ?><?cs set:styles.22 = "/css/room.css" ?><?cs /if ?>
<?cs # Translation (issue 18): htdocs/js/translate.js shows each line in the reader's language (in the panel too). ?><?cs set:scripts.26 = "/js/translate.js" ?>
<?cs # Mirror mode (issue 20): the visitor's own page rebuilt over the stage (htdocs/js/mirror-view.js). ?><?cs if:!panel ?><?cs set:scripts.27 = "/js/mirror-view.js" ?><?cs set:styles.27 = "/css/mirror.css" ?><?cs /if ?>
<?cs include:"header.cs" ?>
<section class="viewer show-chat" id="channel" data-channel="<?cs var:channel.id ?>" data-token="<?cs var:token ?>" data-me="<?cs var:me.participant ?>" data-role="<?cs var:me.role ?>" data-last-seq="<?cs var:channel.last_seq ?>" data-open="<?cs var:channel.open ?>" data-leader="<?cs var:channel.leader ?>" data-url="<?cs var:channel.url ?>" data-avatar="<?cs var:me.avatar ?>" data-lang="<?cs var:me.lang ?>" data-translate-ms="<?cs var:translate.deadline_ms ?>" data-label-translated="<?cs var:t.chat.translated ?>" data-label-show-original="<?cs var:t.chat.show_original ?>" data-label-show-translation="<?cs var:t.chat.show_translation ?>" data-label-unavailable="<?cs var:t.chat.unavailable ?>"<?cs if:channel.start_page ?> data-start-page="<?cs var:channel.start_page ?>"<?cs /if ?>>
  <?cs if:channel.chat_only ?><p class="notice" id="chat-only" role="note"><?cs var:t.chat.chat_only ?></p><?cs /if ?>
  <?cs if:panel ?>
  <?cs # In the widget's panel the visitor's own page of the site is the
       shared view (htdocs/js/panel.js): the conversation alone here. ?>
  <div class="panel-bar">
    <p id="lead-status" class="lead-status" role="status"></p>
    <div class="panel-tools">
      <a href="/channel?id=<?cs var:url_escape(channel.id) ?>" target="_blank" rel="noopener" id="full-viewer">Open the full viewer</a>
      <?cs if:channel.open ?>
      <form method="post" action="/leave" id="leave-form" class="inline">
        <input type="hidden" name="channel" value="<?cs var:channel.id ?>">
        <input type="hidden" name="token" value="<?cs var:token ?>">
        <button type="submit" class="tool exit">Exit</button>
      </form>
      <?cs /if ?>
    </div>
    <div id="stage-notices" class="stage-notices" aria-live="polite"></div>
  </div>
  <?cs else ?>
  <div class="viewer-bar">
    <form method="post" action="/go" id="address-form" class="address-form" novalidate>
      <input type="hidden" name="channel" value="<?cs var:channel.id ?>">
      <input type="hidden" name="token" value="<?cs var:token ?>">
      <label for="address" class="visually-hidden">Address of the page you browse together</label>
      <input type="text" id="address" name="url" inputmode="url" autocomplete="off" autocapitalize="off" spellcheck="false" maxlength="2000" value="<?cs var:channel.url ?>" placeholder="https://…" aria-describedby="lead-status"<?cs if:subcount(addresses) > 0 ?> list="saved-address-list"<?cs /if ?>>
      <?cs if:subcount(addresses) > 0 ?><datalist id="saved-address-list"><?cs each:a = addresses ?><option value="<?cs var:a.url ?>"><?cs var:a.title ?></option><?cs /each ?></datalist><?cs /if ?>
      <button type="submit" id="go" name="mode" value="frame">Go</button>
      <button type="submit" id="go-window" name="mode" value="window" class="secondary" title="Open the address in a new window on the others' side">New window</button>
    </form>
    <div class="viewer-tools" role="group" aria-label="Viewer">
      <button type="button" class="tool" id="history-button" aria-controls="panel-history" aria-expanded="false">History</button>
      <?cs if:client.show_who ?><button type="button" class="tool" id="who-button" aria-controls="panel-who" aria-expanded="false">Who</button><?cs /if ?>
      <?cs if:me.role == "agent" && client.show_rooms ?><button type="button" class="tool" id="rooms-button" aria-controls="panel-rooms" aria-expanded="false">Rooms</button><?cs /if ?>
      <?cs call:room_tools() ?>
      <button type="button" class="tool" id="pointer-button" aria-pressed="false" hidden title="Point on the page for the others to see">Point</button>
      <?cs call:call_tools() ?><?cs call:board_tools() ?>
      <button type="button" class="tool" id="help-button" aria-controls="panel-help" aria-expanded="false">Help</button>
      <?cs if:channel.open ?>
      <form method="post" action="/leave" id="leave-form" class="inline">
        <input type="hidden" name="channel" value="<?cs var:channel.id ?>">
        <input type="hidden" name="token" value="<?cs var:token ?>">
        <button type="submit" class="tool exit">Exit</button>
      </form>
      <?cs /if ?>
    </div>
    <p id="lead-status" class="lead-status" role="status"></p>
    <div class="view-switch" id="view-switch" role="group" aria-label="Show on this screen">
      <button type="button" id="show-page" aria-controls="stage" aria-pressed="false">Page<span class="fresh" id="page-fresh" hidden></span><span class="visually-hidden" id="page-fresh-text" hidden> (moved on)</span></button>
      <button type="button" id="show-chat" aria-controls="talk" aria-pressed="true">Chat<span class="count" id="chat-unread" hidden>0</span><span class="visually-hidden" id="chat-unread-text"></span></button>
    </div>
  </div>
  <?cs /if ?>

  <?cs if:call.id && me.role == "agent" && channel.open ?><?cs include:"phone_bar.cs" ?><?cs /if ?>
  <div class="viewer-main">
    <?cs if:!panel ?>
    <div class="stage" id="stage">
      <iframe id="view" name="baton-view" title="The page you browse together" hidden></iframe>
      <?cs # Opens the led window (viewer.js says why); its sandbox is inherited
           by that window: no escaping popups, so no navigating the viewer. ?>
      <iframe id="led-opener" hidden tabindex="-1" aria-hidden="true" title=""
              sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-modals allow-downloads"></iframe>
      <div id="overlay" class="overlay" hidden></div>
      <div id="marks" class="marks" aria-hidden="true"></div>
      <?cs call:board_stage() ?>
      <div id="stage-empty" class="stage-empty">
        <p>No page is shown yet.</p>
        <p class="muted" id="stage-empty-hint">When the leader opens an address, it shows here for everyone.</p>
      </div>
      <div id="stage-notices" class="stage-notices" aria-live="polite"></div>

      <section id="panel-history" class="panel" role="dialog" aria-labelledby="panel-history-title" hidden>
        <div class="panel-head"><h2 id="panel-history-title">History</h2><button type="button" class="panel-close" aria-label="Close the history">×</button></div>
        <?cs if:subcount(addresses) > 0 ?>
        <h3>Saved addresses</h3>
        <ul id="saved-addresses" class="address-list">
          <?cs each:a = addresses ?><li><button type="button" class="address-pick" data-url="<?cs var:a.url ?>"><span class="title"><?cs var:a.title ?></span> <span class="url"><?cs var:a.url ?></span></button></li><?cs /each ?>
        </ul>
        <?cs /if ?>
        <h3>Visited in this session</h3>
        <ol id="history-list" class="address-list"></ol>
        <p id="history-empty" class="muted">No addresses yet.</p>
      </section>

      <section id="panel-who" class="panel" role="dialog" aria-labelledby="panel-who-title" hidden>
        <div class="panel-head"><h2 id="panel-who-title">Who is here</h2><button type="button" class="panel-close" aria-label="Close the list of people">×</button></div>
        <ul id="who-list" class="who-list"></ul>
      </section>

      <?cs if:me.role == "agent" && client.show_rooms ?>
      <section id="panel-rooms" class="panel" role="dialog" aria-labelledby="panel-rooms-title" hidden>
        <div class="panel-head"><h2 id="panel-rooms-title">Your other conversations</h2><button type="button" class="panel-close" aria-label="Close the rooms">×</button></div>
        <ul id="rooms-list" class="rooms-list">
          <?cs each:room = rooms ?><?cs if:room.id != channel.id ?><li><a href="/channel?id=<?cs var:url_escape(room.id) ?>"><?cs if:room.others ?><?cs var:room.others ?><?cs else ?><?cs var:room.name ?><?cs /if ?></a>
            <span class="muted"><?cs var:room.name ?></span></li><?cs /if ?><?cs /each ?>
        </ul>
        <p id="rooms-empty" class="muted">No other conversation is open.</p>
        <?cs call:room_list() ?>
        <p><a href="/console">Back to the console</a></p>
      </section>
      <?cs /if ?>

      <section id="panel-help" class="panel" role="dialog" aria-labelledby="panel-help-title" hidden>
        <div class="panel-head"><h2 id="panel-help-title">How this works</h2><button type="button" class="panel-close" aria-label="Close the help">×</button></div>
        <ul class="help-points">
          <li>The large area shows a web page that everyone here sees at the same time. It loads straight from its site into your browser.</li>
          <li>One person <strong>leads</strong> (marked on their picture). The leader types an address above, or clicks links in the page, and everyone's view follows. Only the leader's address bar is active.</li>
          <li>The leader can give the lead to anyone: click their picture, then “Give the lead”.<?cs if:me.role == "agent" ?> As an agent you can always take it back.<?cs /if ?></li>
          <li>You see the others' mouse pointers on the page, in the colour of their picture. If the page cannot show pointers, use <strong>Point</strong> and point on the view.</li>
          <li>Some pages refuse to be shown inside another page; they open in a window of their own, which still follows the leader.</li>
          <li>To write to one person only, click their picture and choose “Private line”.</li>
          <li>Click your own picture to choose another one. <strong>Exit</strong> leaves the conversation.</li>
        </ul>
      </section>
      <?cs call:room_panels() ?>

      <div id="person-menu" class="person-menu" role="dialog" aria-labelledby="person-menu-title" hidden>
        <div class="panel-head"><h2 id="person-menu-title"></h2><button type="button" class="panel-close" aria-label="Close">×</button></div>
        <p id="person-menu-where" class="where muted" hidden></p>
        <div id="person-menu-actions" class="menu-actions"></div>
        <fieldset id="avatar-choices" class="avatar-choices" hidden>
          <legend>Choose your picture</legend>
          <?cs each:a = avatars ?><button type="button" class="avatar-choice" data-avatar="<?cs var:a ?>" aria-pressed="<?cs if:a == me.avatar ?>true<?cs else ?>false<?cs /if ?>"><img src="/avatars/<?cs var:a ?>.svg" alt="" width="32" height="32"><span><?cs var:a ?></span></button><?cs /each ?>
        </fieldset>
      </div>
    </div>
    <?cs /if ?>

    <div class="talk" id="talk">
      <div class="talk-head">
        <h1><?cs var:title ?></h1>
        <ul id="people" class="people" aria-label="People here">
          <?cs each:p = people ?><li data-participant="<?cs var:p.id ?>"<?cs each:w = views ?><?cs if:w.id == p.id ?> data-avatar="<?cs var:w.avatar ?>" data-url="<?cs var:w.url ?>"<?cs /if ?><?cs /each ?> class="person role-<?cs var:p.role ?><?cs if:p.id == me.participant ?> me<?cs /if ?>"><?cs var:p.name ?></li><?cs /each ?>
        </ul>
      </div>
      <?cs if:me.role != "visitor" && !panel ?><?cs include:"visitor_panel.cs" ?><?cs /if ?>
      <?cs if:!panel ?><?cs call:call_bar() ?><?cs /if ?>
      <?cs if:monitoring_notice ?><p class="notice" id="monitoring-notice">This session may be monitored for quality.</p><?cs /if ?>
      <ol id="lines" class="lines" aria-live="polite">
        <?cs each:e = events ?>
        <li class="event event-<?cs var:e.kind ?><?cs if:e.mine ?> mine<?cs /if ?>" data-seq="<?cs var:e.seq ?>"<?cs if:e.kind == "address" || e.kind == "window" ?> data-url="<?cs var:e.body ?>" data-at="<?cs var:e.at ?>"<?cs /if ?><?cs if:e.lang ?> data-lang="<?cs var:e.lang ?>"<?cs /if ?><?cs if:e.kind == "translation" ?> hidden data-ref="<?cs var:e.ref ?>" data-text="<?cs var:e.body ?>"<?cs /if ?>>
          <?cs if:e.kind == "line" ?><span class="who"><?cs var:e.name ?></span> <span class="body"><?cs var:e.body ?></span> <time class="at" datetime="<?cs var:e.at ?>"><?cs var:string.slice(e.at, 11, 16) ?> UTC</time>
          <?cs elif:e.kind == "private" ?><span class="who"><?cs var:e.name ?> <span class="private-mark">private</span> <?cs each:x = privates ?><?cs if:x.seq == e.seq ?><?cs if:e.mine ?>to <?cs var:x.to_name ?><?cs else ?>to you<?cs /if ?><?cs /if ?><?cs /each ?></span> <span class="body"><?cs var:e.body ?></span> <time class="at" datetime="<?cs var:e.at ?>"><?cs var:string.slice(e.at, 11, 16) ?> UTC</time>
          <?cs elif:e.kind == "join" ?><span class="notice"><?cs var:e.name ?> joined</span>
          <?cs elif:e.kind == "leave" ?><span class="notice"><?cs var:e.name ?> left</span>
          <?cs elif:e.kind == "transfer" || e.kind == "phone" ?><span class="notice"><?cs var:e.body ?></span>
          <?cs elif:e.kind == "address" ?><span class="notice"><?cs var:e.name ?> led to <span class="url" title="<?cs var:e.body ?>"><?cs var:e.body ?></span></span>
          <?cs elif:e.kind == "window" ?><span class="notice"><?cs var:e.name ?> sent a page to open in a new window: <span class="url" title="<?cs var:e.body ?>"><?cs var:e.body ?></span></span>
          <?cs elif:e.kind == "lead" ?><span class="notice"><?cs if:e.to_self ?><?cs var:e.name ?> took the lead<?cs else ?><?cs var:e.name ?> gave the lead to <?cs var:e.body ?><?cs /if ?></span>
          <?cs elif:e.kind == "monitor" ?><span class="notice"><?cs var:e.name ?> started watching silently</span>
          <?cs elif:e.kind == "close" ?><span class="notice">The session has ended</span><?cs /if ?>
        </li>
        <?cs /each ?>
      </ol>
      <p id="typing" class="typing muted" aria-live="polite"></p>
      <p id="connection" class="muted" hidden></p>
      <?cs if:channel.open ?>
      <form method="post" action="/say" id="say-form" class="say">
        <input type="hidden" name="channel" value="<?cs var:channel.id ?>">
        <input type="hidden" name="token" value="<?cs var:token ?>">
        <input type="hidden" name="to" id="say-to-id" value="" disabled>
        <p id="say-to" class="say-to" hidden><span class="private-mark">private</span> to <strong id="say-to-name"></strong>: only you two see it. <button type="button" id="say-to-clear" class="link">Write to everyone</button></p>
        <label for="say-text" class="visually-hidden">Your message</label>
        <textarea id="say-text" name="text" rows="2" maxlength="2000" required placeholder="Type a message…"></textarea>
        <button type="submit">Send</button>
      </form>
      <?cs if:me.role == "agent" ?>
      <div class="agent-tools" id="agent-tools">
        <?cs if:subcount(canned) > 0 ?>
        <div id="canned" class="canned"><span class="muted">Phrases:</span>
          <?cs each:c = canned ?><button type="button" class="chip" data-text="<?cs var:c.body ?>" data-canned="<?cs var:c.id ?>"><?cs var:c.title ?></button><?cs /each ?>
        </div>
        <?cs /if ?>
        <details class="handover">
          <summary>Hand over</summary>
          <form method="post" action="/transfer" id="transfer-form" class="row">
            <input type="hidden" name="channel" value="<?cs var:channel.id ?>">
            <input type="hidden" name="token" value="<?cs var:token ?>">
            <label for="transfer-agent">Hand over to</label>
            <select id="transfer-agent" name="agent" required>
              <?cs each:a = agents ?><option value="<?cs var:a.id ?>"><?cs var:a.name ?></option><?cs /each ?>
            </select>
            <button type="submit" class="secondary"<?cs if:subcount(agents) == 0 ?> disabled<?cs /if ?>>Transfer</button>
          </form>
        </details>
      </div>
      <?cs /if ?>
      <?cs /if ?>
      <p id="ended" class="notice"<?cs if:channel.open ?> hidden<?cs /if ?>>This session has ended.
         <a href="/transcript?id=<?cs var:url_escape(channel.id) ?>" id="transcript-link">See the transcript</a>.</p>
    </div>
  </div>
</section>
<?cs if:call.id && me.role == "agent" && channel.open ?><script type="module" src="/js/phone.js"></script><?cs /if ?>
<?cs include:"footer.cs" ?>
