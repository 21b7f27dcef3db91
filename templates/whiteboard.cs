<?cs # whiteboard.cs - the whiteboard in the viewer (templates/channel.cs
     includes this and calls the macros where they go; htdocs/js/whiteboard.js
     makes them work).
     board_tools(): the Draw button, in the viewer's tools.
     board_stage(): over the shared page, the palette, the layer one draws on
     and the marks of pages without Baton's site script. ?>
<?cs set:board_colors.0.value = "#e8590c" ?><?cs set:board_colors.0.name = "Orange" ?>
<?cs set:board_colors.1.value = "#c92a2a" ?><?cs set:board_colors.1.name = "Red" ?>
<?cs set:board_colors.2.value = "#1971c2" ?><?cs set:board_colors.2.name = "Blue" ?>
<?cs set:board_colors.3.value = "#2b8a3e" ?><?cs set:board_colors.3.name = "Green" ?>
<?cs set:board_colors.4.value = "#f59f00" ?><?cs set:board_colors.4.name = "Yellow" ?>
<?cs set:board_colors.5.value = "#1d2330" ?><?cs set:board_colors.5.name = "Black" ?>
<?cs def:board_tools() ?><?cs if:channel.open && me.role != "supervisor" ?>
      <button type="button" class="tool" id="draw-button" aria-pressed="false" hidden>Draw</button><?cs /if ?><?cs /def ?>
<?cs def:board_stage() ?>
      <svg id="board-overlay" class="board-overlay" aria-hidden="true"></svg>
      <?cs if:channel.open && me.role != "supervisor" ?>
      <div id="board-layer" class="board-layer" role="application" aria-label="Drawing over the page: drag to draw; the palette chooses the tool" hidden>
        <svg id="board-preview" class="board-preview" aria-hidden="true"></svg>
        <input type="text" id="board-note" class="board-note" maxlength="200" aria-label="The note's text: Enter places it, Escape drops it" hidden>
      </div>
      <div id="board-palette" class="board-palette" role="toolbar" aria-label="Whiteboard" hidden>
        <span class="board-group" role="radiogroup" aria-label="Tool">
          <button type="button" role="radio" class="board-tool" data-tool="pen" aria-checked="true" title="Draw freehand">Pen</button>
          <button type="button" role="radio" class="board-tool" data-tool="highlight" aria-checked="false" title="Highlight">Highlight</button>
          <button type="button" role="radio" class="board-tool" data-tool="circle" aria-checked="false" title="Circle an item">Circle</button>
          <button type="button" role="radio" class="board-tool" data-tool="rect" aria-checked="false" title="Draw a box">Box</button>
          <button type="button" role="radio" class="board-tool" data-tool="arrow" aria-checked="false" title="Point an arrow">Arrow</button>
          <button type="button" role="radio" class="board-tool" data-tool="text" aria-checked="false" title="Place a short note">Note</button>
        </span>
        <span class="board-group" role="radiogroup" aria-label="Colour">
          <?cs each:c = board_colors ?><button type="button" role="radio" class="board-color" data-color="<?cs var:c.value ?>" aria-checked="false" title="<?cs var:c.name ?>"><span class="swatch" data-swatch="<?cs var:c.value ?>"></span><span class="visually-hidden"><?cs var:c.name ?></span></button><?cs /each ?>
        </span>
        <span class="board-group">
          <button type="button" class="board-action" id="board-clear-mine">Clear mine</button>
          <button type="button" class="board-action leader-only" id="board-clear-all">Clear all</button>
          <label class="board-everyone leader-only"><input type="checkbox" id="board-everyone"> Everyone may draw</label>
          <button type="button" class="board-action leader-only" id="board-blank">Blank board</button>
          <button type="button" class="board-action" id="board-done">Done</button>
        </span>
        <span class="board-status" id="board-status" role="status"></span>
      </div>
      <?cs /if ?><?cs /def ?>
