<?cs # whiteboard.cs - the whiteboard in the viewer (templates/channel.cs
     includes this and calls the macros where they go; htdocs/js/whiteboard.js
     makes them work).
     board_tools(): the Draw button, in the viewer's tools, and
     #board-words, what whiteboard.js writes, in the reader's language.
     board_stage(): over the shared page, the palette, the layer one draws on
     and the marks of pages without Baton's site script. ?>
<?cs set:board_colors.0.value = "#e8590c" ?><?cs set:board_colors.0.name = t.board.orange ?>
<?cs set:board_colors.1.value = "#c92a2a" ?><?cs set:board_colors.1.name = t.board.red ?>
<?cs set:board_colors.2.value = "#1971c2" ?><?cs set:board_colors.2.name = t.board.blue ?>
<?cs set:board_colors.3.value = "#2b8a3e" ?><?cs set:board_colors.3.name = t.board.green ?>
<?cs set:board_colors.4.value = "#f59f00" ?><?cs set:board_colors.4.name = t.board.yellow ?>
<?cs set:board_colors.5.value = "#1d2330" ?><?cs set:board_colors.5.name = t.board.black ?>
<?cs def:board_tools() ?><?cs if:channel.open && me.role != "supervisor" ?>
      <div id="board-words" hidden data-draw-hint="<?cs var:t.board.draw_hint ?>" data-open-first="<?cs var:t.board.open_first ?>" data-own-window="<?cs var:t.board.own_window ?>" data-leader-only="<?cs var:t.board.leader_only ?>" data-not-drawn="<?cs var:t.board.not_drawn ?>"></div>
      <button type="button" class="tool" id="draw-button" aria-pressed="false" hidden><?cs var:t.board.draw ?></button><?cs /if ?><?cs /def ?>
<?cs def:board_stage() ?>
      <svg id="board-overlay" class="board-overlay" aria-hidden="true"></svg>
      <?cs if:channel.open && me.role != "supervisor" ?>
      <div id="board-layer" class="board-layer" role="application" aria-label="<?cs var:t.board.layer ?>" hidden>
        <svg id="board-preview" class="board-preview" aria-hidden="true"></svg>
        <input type="text" id="board-note" class="board-note" maxlength="200" aria-label="<?cs var:t.board.note_text ?>" hidden>
      </div>
      <div id="board-palette" class="board-palette" role="toolbar" aria-label="<?cs var:t.board.whiteboard ?>" hidden>
        <span class="board-group" role="radiogroup" aria-label="<?cs var:t.board.tool ?>">
          <button type="button" role="radio" class="board-tool" data-tool="pen" aria-checked="true" title="<?cs var:t.board.pen_hint ?>"><?cs var:t.board.pen ?></button>
          <button type="button" role="radio" class="board-tool" data-tool="highlight" aria-checked="false" title="<?cs var:t.board.highlight ?>"><?cs var:t.board.highlight ?></button>
          <button type="button" role="radio" class="board-tool" data-tool="circle" aria-checked="false" title="<?cs var:t.board.circle_hint ?>"><?cs var:t.board.circle ?></button>
          <button type="button" role="radio" class="board-tool" data-tool="rect" aria-checked="false" title="<?cs var:t.board.box_hint ?>"><?cs var:t.board.box ?></button>
          <button type="button" role="radio" class="board-tool" data-tool="arrow" aria-checked="false" title="<?cs var:t.board.arrow_hint ?>"><?cs var:t.board.arrow ?></button>
          <button type="button" role="radio" class="board-tool" data-tool="text" aria-checked="false" title="<?cs var:t.board.note_hint ?>"><?cs var:t.board.note ?></button>
        </span>
        <span class="board-group" role="radiogroup" aria-label="<?cs var:t.board.colour ?>">
          <?cs each:c = board_colors ?><button type="button" role="radio" class="board-color" data-color="<?cs var:c.value ?>" aria-checked="false" title="<?cs var:c.name ?>"><span class="swatch" data-swatch="<?cs var:c.value ?>"></span><span class="visually-hidden"><?cs var:c.name ?></span></button><?cs /each ?>
        </span>
        <span class="board-group">
          <button type="button" class="board-action" id="board-clear-mine"><?cs var:t.board.clear_mine ?></button>
          <button type="button" class="board-action leader-only" id="board-clear-all"><?cs var:t.board.clear_all ?></button>
          <label class="board-everyone leader-only"><input type="checkbox" id="board-everyone"> <?cs var:t.board.everyone ?></label>
          <button type="button" class="board-action leader-only" id="board-blank"><?cs var:t.board.blank ?></button>
          <button type="button" class="board-action" id="board-done"><?cs var:t.board.done ?></button>
        </span>
        <span class="board-status" id="board-status" role="status"></span>
      </div>
      <?cs /if ?><?cs /def ?>
