<?cs include:"lang.cs" ?><?cs if:me.role == "visitor" && client.name ?><?cs call:split(t.viewer.title) ?><?cs set:title = split.before + client.name + split.after ?><?cs else ?><?cs set:title = channel.name ?><?cs /if ?><?cs set:page.name = "channel" ?>
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
<?cs # A visitor writing another language (issue 18): the offer to switch, and the page following a switch (htdocs/js/language.js). ?><?cs set:scripts.28 = "/js/language.js" ?>
<?cs # Mirror mode (issue 20): the visitor's own page rebuilt over the stage (htdocs/js/mirror-view.js). ?><?cs if:!panel ?><?cs set:scripts.27 = "/js/mirror-view.js" ?><?cs set:styles.27 = "/css/mirror.css" ?><?cs /if ?>
<?cs include:"header.cs" ?>
<section class="viewer show-chat" id="channel" data-channel="<?cs var:channel.id ?>" data-token="<?cs var:token ?>" data-me="<?cs var:me.participant ?>" data-role="<?cs var:me.role ?>" data-last-seq="<?cs var:channel.last_seq ?>" data-open="<?cs var:channel.open ?>" data-leader="<?cs var:channel.leader ?>" data-url="<?cs var:channel.url ?>" data-avatar="<?cs var:me.avatar ?>" data-lang="<?cs var:me.lang ?>" data-translate-ms="<?cs var:translate.deadline_ms ?>" data-label-translated="<?cs var:t.chat.translated ?>" data-label-show-original="<?cs var:t.chat.show_original ?>" data-label-show-translation="<?cs var:t.chat.show_translation ?>" data-label-unavailable="<?cs var:t.chat.unavailable ?>"<?cs if:channel.start_page ?> data-start-page="<?cs var:channel.start_page ?>"<?cs /if ?>>
  <?cs # The words channel.js and viewer.js say, in the reader's language (B.words). ?>
  <div id="viewer-words" hidden data-someone="<?cs var:t.viewer.someone ?>" data-you="<?cs var:t.viewer.you ?>" data-ended="<?cs var:t.viewer.session_ended ?>" data-reconnecting="<?cs var:t.viewer.reconnecting ?>" data-stopped="<?cs var:t.viewer.stopped ?>" data-not-sent-ended="<?cs var:t.viewer.not_sent_ended ?>" data-not-sent="<?cs var:t.viewer.not_sent ?>" data-retry="<?cs var:t.viewer.retry ?>" data-sending="<?cs var:t.viewer.sending ?>" data-sent="<?cs var:t.viewer.sent ?>" data-type="<?cs var:t.viewer.type ?>" data-type-private="<?cs var:t.viewer.type_private ?>" data-no-agent="<?cs var:t.viewer.no_agent ?>" data-typing="<?cs var:t.viewer.typing ?>" data-typing-text="<?cs var:t.viewer.typing_text ?>" data-joined="<?cs var:t.chat.joined ?>" data-left="<?cs var:t.chat.left ?>" data-led-to="<?cs var:t.viewer.led_to ?>" data-window-sent="<?cs var:t.viewer.window_sent ?>" data-took-lead="<?cs var:t.chat.took_lead ?>" data-gave-lead="<?cs var:t.chat.gave_lead ?>" data-watching="<?cs var:t.transcript.watching ?>" data-to-name="<?cs var:t.viewer.to_name ?>" data-to-you="<?cs var:t.viewer.to_you ?>" data-private="<?cs var:t.viewer.private ?>" data-point="<?cs var:t.viewer.point ?>" data-stop-pointing="<?cs var:t.viewer.stop_pointing ?>" data-pointing="<?cs var:t.viewer.pointing ?>" data-dismiss="<?cs var:t.viewer.dismiss ?>" data-open="<?cs var:t.viewer.open ?>" data-refused="<?cs var:t.viewer.refused ?>" data-refused-why="<?cs var:t.viewer.refused_why ?>" data-window-open="<?cs var:t.viewer.window_open ?>" data-window-opens="<?cs var:t.viewer.window_opens ?>" data-show-window="<?cs var:t.viewer.show_window ?>" data-open-page="<?cs var:t.viewer.open_page ?>" data-window-follows="<?cs var:t.viewer.window_follows ?>" data-window-open-it="<?cs var:t.viewer.window_open_it ?>" data-popup-blocked="<?cs var:t.viewer.popup_blocked ?>" data-agent-sent="<?cs var:t.viewer.agent_sent ?>" data-agent-sent-who="<?cs var:t.viewer.agent_sent_who ?>" data-person-sent="<?cs var:t.viewer.person_sent ?>" data-ended-status="<?cs var:t.viewer.ended_status ?>" data-you-lead="<?cs var:t.viewer.you_lead ?>" data-you-lead-how="<?cs var:t.viewer.you_lead_how ?>" data-leads="<?cs var:t.viewer.leads ?>" data-only-leader="<?cs var:t.viewer.only_leader ?>" data-nobody-leads="<?cs var:t.viewer.nobody_leads ?>" data-you-lead-hint="<?cs var:t.viewer.you_lead_hint ?>" data-no-page-hint="<?cs var:t.viewer.no_page_hint ?>" data-guide-asked-window="<?cs var:t.viewer.guide_asked_window ?>" data-sent-window="<?cs var:t.viewer.sent_window ?>" data-guide-asked="<?cs var:t.viewer.guide_asked ?>" data-give-address="<?cs var:t.viewer.give_address ?>" data-give-lead="<?cs var:t.viewer.give_lead ?>" data-private-line="<?cs var:t.viewer.private_line ?>" data-your-view="<?cs var:t.viewer.your_view ?>" data-viewing="<?cs var:t.viewer.viewing ?>" data-no-page-yet="<?cs var:t.viewer.no_page_yet ?>" data-leads-the-way="<?cs var:t.viewer.leads_the_way ?>" data-follows="<?cs var:t.viewer.follows ?>" data-you-mark="<?cs var:t.viewer.you_mark ?>" data-leads-mark="<?cs var:t.viewer.leads_mark ?>" data-role-agent="<?cs var:t.viewer.role_agent ?>" data-role-visitor="<?cs var:t.viewer.role_visitor ?>" data-role-supervisor="<?cs var:t.viewer.role_supervisor ?>" data-new-window-mark="<?cs var:t.viewer.new_window_mark ?>" data-lead-here="<?cs var:t.viewer.lead_here ?>" data-lang-yours="<?cs var:t.chat.lang_yours ?>" data-lang-switched="<?cs var:t.chat.lang_switched ?>"<?cs each:n = t.langname ?> data-langname-<?cs name:n ?>="<?cs var:n ?>"<?cs /each ?>></div>
  <?cs if:channel.chat_only ?><p class="notice" id="chat-only" role="note"><?cs var:t.chat.chat_only ?></p><?cs /if ?>
  <?cs if:panel ?>
  <?cs # In the widget's panel the visitor's own page of the site is the
       shared view (htdocs/js/panel.js): the conversation alone here. ?>
  <div class="panel-bar">
    <p id="lead-status" class="lead-status" role="status"></p>
    <div class="panel-tools">
      <a href="/channel?id=<?cs var:url_escape(channel.id) ?>" target="_blank" rel="noopener" id="full-viewer"><?cs var:t.viewer.open_full ?></a>
      <?cs if:channel.open ?>
      <form method="post" action="/leave" id="leave-form" class="inline">
        <input type="hidden" name="channel" value="<?cs var:channel.id ?>">
        <input type="hidden" name="token" value="<?cs var:token ?>">
        <button type="submit" class="tool exit"><?cs var:t.viewer.exit ?></button>
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
      <label for="address" class="visually-hidden"><?cs var:t.viewer.address_label ?></label>
      <input type="text" id="address" name="url" inputmode="url" autocomplete="off" autocapitalize="off" spellcheck="false" maxlength="2000" value="<?cs var:channel.url ?>" placeholder="https://…" aria-describedby="lead-status"<?cs if:subcount(addresses) > 0 ?> list="saved-address-list"<?cs /if ?>>
      <?cs if:subcount(addresses) > 0 ?><datalist id="saved-address-list"><?cs each:a = addresses ?><option value="<?cs var:a.url ?>"><?cs var:a.title ?></option><?cs /each ?></datalist><?cs /if ?>
      <button type="submit" id="go" name="mode" value="frame"><?cs var:t.viewer.go ?></button>
      <button type="submit" id="go-window" name="mode" value="window" class="secondary" title="<?cs var:t.viewer.new_window_hint ?>"><?cs var:t.viewer.new_window ?></button>
    </form>
    <div class="viewer-tools" role="group" aria-label="<?cs var:t.viewer.tools ?>">
      <button type="button" class="tool" id="history-button" aria-controls="panel-history" aria-expanded="false"><?cs var:t.viewer.history ?></button>
      <?cs if:client.show_who ?><button type="button" class="tool" id="who-button" aria-controls="panel-who" aria-expanded="false"><?cs var:t.viewer.who ?></button><?cs /if ?>
      <?cs if:me.role == "agent" && client.show_rooms ?><button type="button" class="tool" id="rooms-button" aria-controls="panel-rooms" aria-expanded="false"><?cs var:t.viewer.rooms ?></button><?cs /if ?>
      <?cs call:room_tools() ?>
      <button type="button" class="tool" id="pointer-button" aria-pressed="false" hidden title="<?cs var:t.viewer.point_hint ?>"><?cs var:t.viewer.point ?></button>
      <?cs call:call_tools() ?><?cs call:board_tools() ?>
      <button type="button" class="tool" id="help-button" aria-controls="panel-help" aria-expanded="false"><?cs var:t.viewer.help ?></button>
      <?cs if:channel.open ?>
      <form method="post" action="/leave" id="leave-form" class="inline">
        <input type="hidden" name="channel" value="<?cs var:channel.id ?>">
        <input type="hidden" name="token" value="<?cs var:token ?>">
        <button type="submit" class="tool exit"><?cs var:t.viewer.exit ?></button>
      </form>
      <?cs /if ?>
    </div>
    <p id="lead-status" class="lead-status" role="status"></p>
    <div class="view-switch" id="view-switch" role="group" aria-label="<?cs var:t.viewer.show_on ?>">
      <button type="button" id="show-page" aria-controls="stage" aria-pressed="false"><?cs var:t.viewer.page ?><span class="fresh" id="page-fresh" hidden></span><span class="visually-hidden" id="page-fresh-text" hidden> <?cs var:t.viewer.moved_on ?></span></button>
      <button type="button" id="show-chat" aria-controls="talk" aria-pressed="true"><?cs var:t.viewer.chat ?><span class="count" id="chat-unread" hidden>0</span><span class="visually-hidden" id="chat-unread-text"></span></button>
    </div>
  </div>
  <?cs /if ?>

  <?cs if:call.id && me.role == "agent" && channel.open ?><?cs include:"phone_bar.cs" ?><?cs /if ?>
  <div class="viewer-main">
    <?cs if:!panel ?>
    <div class="stage" id="stage">
      <iframe id="view" name="baton-view" title="<?cs var:t.viewer.view_title ?>" hidden></iframe>
      <?cs # Opens the led window (viewer.js says why); its sandbox is inherited
           by that window: no escaping popups, so no navigating the viewer. ?>
      <iframe id="led-opener" hidden tabindex="-1" aria-hidden="true" title=""
              sandbox="allow-scripts allow-same-origin allow-forms allow-popups allow-modals allow-downloads"></iframe>
      <div id="overlay" class="overlay" hidden></div>
      <div id="marks" class="marks" aria-hidden="true"></div>
      <?cs call:board_stage() ?>
      <div id="stage-empty" class="stage-empty">
        <p><?cs var:t.viewer.no_page ?></p>
        <p class="muted" id="stage-empty-hint"><?cs var:t.viewer.no_page_hint ?></p>
      </div>
      <div id="stage-notices" class="stage-notices" aria-live="polite"></div>

      <section id="panel-history" class="panel" role="dialog" aria-labelledby="panel-history-title" hidden>
        <div class="panel-head"><h2 id="panel-history-title"><?cs var:t.viewer.history ?></h2><button type="button" class="panel-close" aria-label="<?cs var:t.viewer.close_history ?>">×</button></div>
        <?cs if:subcount(addresses) > 0 ?>
        <h3><?cs var:t.viewer.saved ?></h3>
        <ul id="saved-addresses" class="address-list">
          <?cs each:a = addresses ?><li><button type="button" class="address-pick" data-url="<?cs var:a.url ?>"><span class="title"><?cs var:a.title ?></span> <span class="url"><?cs var:a.url ?></span></button></li><?cs /each ?>
        </ul>
        <?cs /if ?>
        <h3><?cs var:t.viewer.visited ?></h3>
        <ol id="history-list" class="address-list"></ol>
        <p id="history-empty" class="muted"><?cs var:t.viewer.no_addresses ?></p>
      </section>

      <section id="panel-who" class="panel" role="dialog" aria-labelledby="panel-who-title" hidden>
        <div class="panel-head"><h2 id="panel-who-title"><?cs var:t.viewer.who_title ?></h2><button type="button" class="panel-close" aria-label="<?cs var:t.viewer.close_who ?>">×</button></div>
        <ul id="who-list" class="who-list"></ul>
      </section>

      <?cs if:me.role == "agent" && client.show_rooms ?>
      <section id="panel-rooms" class="panel" role="dialog" aria-labelledby="panel-rooms-title" hidden>
        <div class="panel-head"><h2 id="panel-rooms-title"><?cs var:t.viewer.rooms_title ?></h2><button type="button" class="panel-close" aria-label="<?cs var:t.viewer.close_rooms ?>">×</button></div>
        <ul id="rooms-list" class="rooms-list">
          <?cs each:room = rooms ?><?cs if:room.id != channel.id ?><li><a href="/channel?id=<?cs var:url_escape(room.id) ?>"><?cs if:room.others ?><?cs var:room.others ?><?cs else ?><?cs var:room.name ?><?cs /if ?></a>
            <span class="muted"><?cs var:room.name ?></span></li><?cs /if ?><?cs /each ?>
        </ul>
        <p id="rooms-empty" class="muted"><?cs var:t.viewer.no_rooms ?></p>
        <?cs call:room_list() ?>
        <p><a href="/console"><?cs var:t.viewer.back_console ?></a></p>
      </section>
      <?cs /if ?>

      <section id="panel-help" class="panel" role="dialog" aria-labelledby="panel-help-title" hidden>
        <div class="panel-head"><h2 id="panel-help-title"><?cs var:t.viewer.help_title ?></h2><button type="button" class="panel-close" aria-label="<?cs var:t.viewer.close_help ?>">×</button></div>
        <ul class="help-points">
          <li><?cs var:t.viewer.help_1 ?></li>
          <li><?cs call:split(t.viewer.help_2) ?><?cs var:split.before ?><strong><?cs var:t.viewer.help_leads ?></strong><?cs var:split.after ?></li>
          <li><?cs var:t.viewer.help_3 ?><?cs if:me.role == "agent" ?> <?cs var:t.viewer.help_3_agent ?><?cs /if ?></li>
          <li><?cs call:split(t.viewer.help_4) ?><?cs var:split.before ?><strong><?cs var:t.viewer.point ?></strong><?cs var:split.after ?></li>
          <li><?cs var:t.viewer.help_5 ?></li>
          <li><?cs var:t.viewer.help_6 ?></li>
          <li><?cs call:split(t.viewer.help_7) ?><?cs var:split.before ?><strong><?cs var:t.viewer.exit ?></strong><?cs var:split.after ?></li>
        </ul>
      </section>
      <?cs call:room_panels() ?>

      <div id="person-menu" class="person-menu" role="dialog" aria-labelledby="person-menu-title" hidden>
        <div class="panel-head"><h2 id="person-menu-title"></h2><button type="button" class="panel-close" aria-label="<?cs var:t.viewer.close ?>">×</button></div>
        <p id="person-menu-where" class="where muted" hidden></p>
        <div id="person-menu-actions" class="menu-actions"></div>
        <fieldset id="avatar-choices" class="avatar-choices" hidden>
          <legend><?cs var:t.viewer.choose_picture ?></legend>
          <?cs each:a = avatars ?><button type="button" class="avatar-choice" data-avatar="<?cs var:a ?>" aria-pressed="<?cs if:a == me.avatar ?>true<?cs else ?>false<?cs /if ?>"><img src="/avatars/<?cs var:a ?>.svg" alt="" width="32" height="32"><span><?cs var:a ?></span></button><?cs /each ?>
        </fieldset>
      </div>
    </div>
    <?cs /if ?>

    <div class="talk" id="talk">
      <div class="talk-head">
        <h1><?cs var:title ?></h1>
        <ul id="people" class="people" aria-label="<?cs var:t.viewer.people ?>">
          <?cs each:p = people ?><li data-participant="<?cs var:p.id ?>"<?cs each:w = views ?><?cs if:w.id == p.id ?> data-avatar="<?cs var:w.avatar ?>" data-url="<?cs var:w.url ?>"<?cs /if ?><?cs /each ?> class="person role-<?cs var:p.role ?><?cs if:p.id == me.participant ?> me<?cs /if ?>"><?cs var:p.name ?></li><?cs /each ?>
        </ul>
      </div>
      <?cs if:me.role != "visitor" && !panel ?><?cs include:"visitor_panel.cs" ?><?cs /if ?>
      <?cs if:me.role == "agent" ?><?cs include:"lang_offer.cs" ?><?cs /if ?>
      <?cs if:!panel ?><?cs call:call_bar() ?><?cs /if ?>
      <?cs if:monitoring_notice ?><p class="notice" id="monitoring-notice"><?cs var:t.viewer.monitoring ?></p><?cs /if ?>
      <ol id="lines" class="lines" aria-live="polite">
        <?cs each:e = events ?>
        <li class="event event-<?cs var:e.kind ?><?cs if:e.mine ?> mine<?cs /if ?>" data-seq="<?cs var:e.seq ?>"<?cs if:e.kind == "address" || e.kind == "window" ?> data-url="<?cs var:e.body ?>" data-at="<?cs var:e.at ?>"<?cs /if ?><?cs if:e.lang ?> data-lang="<?cs var:e.lang ?>"<?cs /if ?><?cs if:e.kind == "translation" ?> hidden data-ref="<?cs var:e.ref ?>" data-text="<?cs var:e.body ?>"<?cs /if ?><?cs if:e.kind == "lang_offer" ?> hidden data-from="<?cs var:e.from ?>"<?cs /if ?><?cs if:e.kind == "lang" ?> data-to="<?cs var:e.to ?>"<?cs /if ?>>
          <?cs if:e.kind == "line" ?><span class="who"><?cs var:e.name ?></span> <span class="body"><?cs var:e.body ?></span> <time class="at" datetime="<?cs var:e.at ?>"><?cs var:string.slice(e.at, 11, 16) ?> UTC</time>
          <?cs elif:e.kind == "private" ?><span class="who"><?cs var:e.name ?> <span class="private-mark"><?cs var:t.viewer.private ?></span> <?cs each:x = privates ?><?cs if:x.seq == e.seq ?><?cs if:e.mine ?><?cs call:fill(t.viewer.to_name, x.to_name) ?><?cs else ?><?cs var:t.viewer.to_you ?><?cs /if ?><?cs /if ?><?cs /each ?></span> <span class="body"><?cs var:e.body ?></span> <time class="at" datetime="<?cs var:e.at ?>"><?cs var:string.slice(e.at, 11, 16) ?> UTC</time>
          <?cs elif:e.kind == "join" ?><span class="notice"><?cs call:fill(t.chat.joined, e.name) ?></span>
          <?cs elif:e.kind == "leave" ?><span class="notice"><?cs call:fill(t.chat.left, e.name) ?></span>
          <?cs elif:e.kind == "transfer" || e.kind == "phone" ?><span class="notice"><?cs var:e.body ?></span>
          <?cs elif:e.kind == "address" ?><span class="notice"><?cs call:split2(t.viewer.led_to) ?><?cs var:split2.a ?><?cs var:e.name ?><?cs var:split2.b ?><span class="url" title="<?cs var:e.body ?>"><?cs var:e.body ?></span><?cs var:split2.c ?></span>
          <?cs elif:e.kind == "window" ?><span class="notice"><?cs call:split2(t.viewer.window_sent) ?><?cs var:split2.a ?><?cs var:e.name ?><?cs var:split2.b ?><span class="url" title="<?cs var:e.body ?>"><?cs var:e.body ?></span><?cs var:split2.c ?></span>
          <?cs elif:e.kind == "lead" ?><span class="notice"><?cs if:e.to_self ?><?cs call:fill(t.chat.took_lead, e.name) ?><?cs else ?><?cs call:fill2(t.chat.gave_lead, e.name, e.body) ?><?cs /if ?></span>
          <?cs elif:e.kind == "monitor" ?><span class="notice"><?cs call:fill(t.transcript.watching, e.name) ?></span>
          <?cs elif:e.kind == "lang" ?><span class="notice"><?cs if:t.langname[e.body] ?><?cs set:lang_named = t.langname[e.body] ?><?cs else ?><?cs set:lang_named = e.body ?><?cs /if ?><?cs if:e.to == me.participant ?><?cs call:fill2(t.chat.lang_yours, e.name, lang_named) ?><?cs else ?><?cs call:fill2(t.chat.lang_switched, e.name, lang_named) ?><?cs /if ?></span>
          <?cs elif:e.kind == "close" ?><span class="notice"><?cs var:t.viewer.session_ended ?></span><?cs /if ?>
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
        <p id="say-to" class="say-to" hidden><?cs call:split2(t.viewer.private_to) ?><?cs var:split2.a ?><span class="private-mark"><?cs var:t.viewer.private ?></span><?cs var:split2.b ?><strong id="say-to-name"></strong><?cs var:split2.c ?> <button type="button" id="say-to-clear" class="link"><?cs var:t.viewer.write_all ?></button></p>
        <label for="say-text" class="visually-hidden"><?cs var:t.viewer.your_message ?></label>
        <textarea id="say-text" name="text" rows="2" maxlength="2000" required placeholder="<?cs var:t.viewer.type ?>"></textarea>
        <button type="submit"><?cs var:t.viewer.send ?></button>
      </form>
      <?cs if:me.role == "agent" ?>
      <div class="agent-tools" id="agent-tools">
        <?cs if:subcount(canned) > 0 ?>
        <div id="canned" class="canned"><span class="muted"><?cs var:t.viewer.phrases ?></span>
          <?cs each:c = canned ?><button type="button" class="chip" data-text="<?cs var:c.body ?>" data-canned="<?cs var:c.id ?>"><?cs var:c.title ?></button><?cs /each ?>
        </div>
        <?cs /if ?>
        <details class="handover">
          <summary><?cs var:t.viewer.hand_over ?></summary>
          <form method="post" action="/transfer" id="transfer-form" class="row">
            <input type="hidden" name="channel" value="<?cs var:channel.id ?>">
            <input type="hidden" name="token" value="<?cs var:token ?>">
            <label for="transfer-agent"><?cs var:t.viewer.hand_over_to ?></label>
            <select id="transfer-agent" name="agent" required>
              <?cs each:a = agents ?><option value="<?cs var:a.id ?>"><?cs var:a.name ?></option><?cs /each ?>
            </select>
            <button type="submit" class="secondary"<?cs if:subcount(agents) == 0 ?> disabled<?cs /if ?>><?cs var:t.viewer.transfer ?></button>
          </form>
        </details>
      </div>
      <?cs /if ?>
      <?cs /if ?>
      <p id="ended" class="notice"<?cs if:channel.open ?> hidden<?cs /if ?>><?cs var:t.viewer.ended ?>
         <a href="/transcript?id=<?cs var:url_escape(channel.id) ?>" id="transcript-link"><?cs var:t.viewer.see_transcript ?></a>.</p>
    </div>
  </div>
</section>
<?cs if:call.id && me.role == "agent" && channel.open ?><script type="module" src="/js/phone.js"></script><?cs /if ?>
<?cs include:"footer.cs" ?>
