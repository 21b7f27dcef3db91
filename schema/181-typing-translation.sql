-- 181: a visitor's typing preview translated a finished sentence at a time
-- (lib/typing_lang.c): the finished part last translated and its
-- translation, so that each keystroke after it costs no new translation.
ALTER TABLE participant
  ADD COLUMN typing_source TEXT NULL COMMENT 'the finished sentences of the typing last translated',
  ADD COLUMN typing_translation TEXT NULL COMMENT 'their translation, shown to staff as the preview';
