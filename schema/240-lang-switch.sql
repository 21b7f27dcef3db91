-- 240: a visitor who writes another language than Baton serves them in
-- (issue 18, lib/lang_switch.c). 'lang_offer': the detector found the
-- visitor's recent lines in another language (participant: the visitor;
-- lang: the language found); staff only, it offers them the switch.
-- 'lang': a staff member (participant) switched the visitor's language
-- (recipient) to lang for the conversation; everyone sees it.
ALTER TABLE channel_event
  MODIFY COLUMN kind ENUM('line', 'join', 'leave', 'transfer', 'close', 'address', 'lead',
                          'window', 'private', 'monitor', 'call', 'rtc', 'mark', 'erase',
                          'draw', 'phone', 'stage', 'qa', 'aline', 'removed', 'question', 'pass',
                          'translation', 'mirror', 'lang_offer', 'lang') NOT NULL;
