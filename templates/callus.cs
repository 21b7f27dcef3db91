<?cs include:"lang.cs" ?><?cs set:title = t.callus.title ?><?cs set:page.name = "callus" ?>
<?cs include:"header.cs" ?>
<section class="card narrow" id="callus">
  <h1><?cs call:fill(t.callus.heading, callus.client) ?></h1>
  <p><?cs call:split(t.callus.dial) ?><?cs var:split.before ?><strong id="callus-number"><?cs var:callus.number ?></strong><?cs var:split.after ?></p>
  <p><?cs call:split2(t.callus.keys) ?><?cs var:split2.a ?><strong><?cs var:t.callus.star ?></strong><?cs var:split2.b ?><strong><?cs var:t.callus.hash ?></strong><?cs var:split2.c ?></p>
  <p class="callus-code" id="callus-code"><?cs var:callus.code ?></p>
  <p class="muted"><?cs var:t.callus.why ?></p>
</section>
<?cs include:"footer.cs" ?>
