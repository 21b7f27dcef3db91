-- 232: the overflow page (issue 16). overflow_after_minutes: a newcomer
-- whose estimated wait is over that many minutes, or who nobody could
-- answer, is not queued but offered a message, a call-back, an
-- appointment or to try later (cgi-bin/help.c, templates/overflow.cs);
-- 0, the default, never sends anyone there. A service level's
-- skip_overflow (schema 160) lets its visitors pass regardless.
ALTER TABLE client ADD COLUMN overflow_after_minutes INT NOT NULL DEFAULT 0;
