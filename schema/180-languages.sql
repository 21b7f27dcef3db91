-- 180: languages. Each participant reads in a language: an agent's from
-- their profile, a visitor's from the help link (the page's lang, their
-- choice, or their browser's Accept-Language), or a choice made in the
-- chat. A line is stored once, in its original with its language; each
-- translation follows as its own "translation" event naming the line's
-- seq (ref_seq) and the language it is in (lang), with no body when the
-- engine could not translate it. Canned phrases carry translations the
-- administrator writes.
ALTER TABLE agent
  ADD COLUMN lang VARCHAR(12) CHARACTER SET ascii NOT NULL DEFAULT 'en';

ALTER TABLE help_request
  ADD COLUMN lang VARCHAR(12) CHARACTER SET ascii NULL COMMENT 'the visitor''s language';

ALTER TABLE participant
  ADD COLUMN lang VARCHAR(12) CHARACTER SET ascii NULL
    COMMENT 'a language chosen in the chat; NULL: the agent''s or the request''s';

ALTER TABLE channel_event
  MODIFY COLUMN kind ENUM('line', 'join', 'leave', 'transfer', 'close', 'address', 'lead',
                          'window', 'private', 'monitor', 'call', 'rtc', 'mark', 'erase',
                          'draw', 'phone', 'stage', 'qa', 'aline', 'removed', 'question', 'pass',
                          'translation') NOT NULL,
  ADD COLUMN lang VARCHAR(12) CHARACTER SET ascii NULL
    COMMENT 'a line: the language it was written in; a translation: its language',
  ADD COLUMN ref_seq BIGINT UNSIGNED NULL COMMENT 'a translation: the line it translates';

CREATE TABLE canned_phrase_translation (
  phrase_id BIGINT UNSIGNED NOT NULL,
  lang VARCHAR(12) CHARACTER SET ascii NOT NULL,
  body TEXT NOT NULL,
  PRIMARY KEY (phrase_id, lang),
  CONSTRAINT canned_phrase_translation_fk FOREIGN KEY (phrase_id) REFERENCES canned_phrase (id)
    ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
