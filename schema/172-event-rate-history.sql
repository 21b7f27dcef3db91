-- 172: the event rate (issue 17: per attendee or per seat-minute) joins the
-- client's terms and their history, as the session, call and phone rates did
-- in 121 and 125, so that changing it never rewrites a month that is over.
-- client.event_rate_unit and client.event_rate_cents (171) stay as the rate
-- now, for the settings pages; statements read the history.
ALTER TABLE client_terms
  ADD COLUMN event_rate_unit ENUM('attendee', 'seat_minute') NOT NULL DEFAULT 'attendee'
    COMMENT 'what an event is billed by',
  ADD COLUMN event_rate_cents INT UNSIGNED NOT NULL DEFAULT 0
    COMMENT 'per attendee or per seat-minute; 0: counted, not billed';

-- Every entry keeps the event rate statements billed until now: the one the
-- client has (there was no history of it).
UPDATE client_terms t JOIN client c ON c.id = t.client_id
   SET t.event_rate_unit = c.event_rate_unit, t.event_rate_cents = c.event_rate_cents;
