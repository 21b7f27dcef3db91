<?cs set:title = "Call us" ?><?cs set:page.name = "callus" ?>
<?cs include:"header.cs" ?>
<section class="card narrow" id="callus">
  <h1>Call <?cs var:callus.client ?></h1>
  <p>Dial <strong id="callus-number"><?cs var:callus.number ?></strong>.</p>
  <p>When you hear the menu, press <strong>star</strong>, then key in this code and press
     <strong>hash</strong>:</p>
  <p class="callus-code" id="callus-code"><?cs var:callus.code ?></p>
  <p class="muted">With the code the agent who answers sees this page as you do, and can
     show you around it while you talk. It is valid for half an hour.</p>
</section>
<?cs include:"footer.cs" ?>
