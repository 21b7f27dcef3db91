<?cs # The offer to switch a visitor's language, beside the conversation, for
     its agents (a supervisor watching silently would give themselves away) (lib/lang_switch.c; htdocs/js/language.js shows it when the
     visitor's lines seem to be in another language, and posts /language).
     Staff read English; {lang} is the language's name. ?>
<div class="notice lang-offer" id="lang-offer" role="status" hidden data-text="The visitor seems to write {lang}. Switch the visitor's language to {lang}?" data-switch="Switch to {lang}">
  <p class="lang-offer-text"></p>
  <button type="button" id="lang-offer-accept"></button>
  <button type="button" class="secondary" id="lang-offer-dismiss">Not now</button>
  <p class="message" role="alert" hidden></p>
</div>
