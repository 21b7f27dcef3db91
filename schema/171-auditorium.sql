-- 171: the auditorium. An event is one to many: a producer, speakers on a
-- stage (a channel whose leader leads everyone's page, with its marks and
-- pointers), a backstage channel for the producer and the speakers
-- (questions, prompts), and up to tens of thousands of attendees who are
-- not channel participants: they follow the stage through their own feed,
-- ask questions and (where the event allows) chat.

CREATE TABLE live_event (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  public_id CHAR(32) CHARACTER SET ascii NOT NULL,
  client_id BIGINT UNSIGNED NOT NULL,
  title VARCHAR(200) NOT NULL,
  description VARCHAR(2000) NULL,
  starts_at DATETIME NOT NULL COMMENT 'UTC, as announced',
  -- scheduled: announced; open: the stage is open to its staff, attendees
  -- wait in the lobby; live: attendees see the stage; ended.
  state ENUM('scheduled', 'open', 'live', 'ended') NOT NULL DEFAULT 'scheduled',
  seat_limit INT UNSIGNED NOT NULL,
  registration ENUM('open', 'required') NOT NULL DEFAULT 'open'
    COMMENT 'open: a name is enough; required: name, e-mail and field_label',
  attendee_talk ENUM('chat', 'questions', 'none') NOT NULL DEFAULT 'questions'
    COMMENT 'attendees may chat publicly (and ask), ask questions only, or neither',
  show_attendees TINYINT(1) NOT NULL DEFAULT 0 COMMENT 'attendees see who else attends',
  field_label VARCHAR(60) NULL COMMENT 'one more question at registration, e.g. Company',
  producer_agent_id BIGINT UNSIGNED NOT NULL,
  stage_channel_id BIGINT UNSIGNED NULL,
  backstage_channel_id BIGINT UNSIGNED NULL,
  created_by BIGINT UNSIGNED NOT NULL COMMENT 'agent',
  created_at DATETIME(3) NOT NULL,
  opened_at DATETIME(3) NULL,
  live_at DATETIME(3) NULL,
  ended_at DATETIME(3) NULL,
  UNIQUE KEY live_event_public (public_id),
  KEY live_event_client (client_id, starts_at),
  KEY live_event_stage (stage_channel_id),
  KEY live_event_backstage (backstage_channel_id),
  CONSTRAINT live_event_client_fk FOREIGN KEY (client_id) REFERENCES client (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE live_event_speaker (
  event_id BIGINT UNSIGNED NOT NULL,
  agent_id BIGINT UNSIGNED NOT NULL,
  position INT UNSIGNED NOT NULL,
  PRIMARY KEY (event_id, agent_id),
  CONSTRAINT live_event_speaker_event_fk FOREIGN KEY (event_id) REFERENCES live_event (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- One row per person and event, made when they register or first join,
-- known by their visitor cookie. site: the host of the page they came from.
CREATE TABLE attendee (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id BIGINT UNSIGNED NOT NULL,
  visitor_id BIGINT UNSIGNED NOT NULL,
  name VARCHAR(100) NOT NULL,
  email VARCHAR(254) NULL,
  field_value VARCHAR(200) NULL,
  site VARCHAR(253) NULL,
  registered_at DATETIME(3) NOT NULL,
  muted TINYINT(1) NOT NULL DEFAULT 0,
  removed_at DATETIME(3) NULL,
  last_spoke_at DATETIME(3) NULL COMMENT 'their last public line or question: the rate limit',
  UNIQUE KEY attendee_person (event_id, visitor_id),
  KEY attendee_event (event_id, name),
  CONSTRAINT attendee_event_fk FOREIGN KEY (event_id) REFERENCES live_event (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each stretch of time an attendee was there: from a first poll to the
-- last one seen (the poll programs stamp last_seen_at in batches), or to
-- an explicit leave. A stretch not seen for 90 s is over.
CREATE TABLE attendee_visit (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  attendee_id BIGINT UNSIGNED NOT NULL,
  event_id BIGINT UNSIGNED NOT NULL,
  started_at DATETIME(3) NOT NULL,
  last_seen_at DATETIME(3) NOT NULL,
  ended_at DATETIME(3) NULL,
  KEY attendee_visit_current (attendee_id, ended_at, last_seen_at),
  KEY attendee_visit_event (event_id, last_seen_at),
  KEY attendee_visit_started (event_id, started_at),
  KEY attendee_visit_open (ended_at, last_seen_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The question queue. new: waiting for the producer; approved: shown to
-- everyone; passed: handed to a speaker (speaker_agent_id), shown too;
-- answered: with its answer, shown; hidden. A merged question is hidden
-- inside another (merged_into), which counts it.
CREATE TABLE event_question (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  event_id BIGINT UNSIGNED NOT NULL,
  attendee_id BIGINT UNSIGNED NOT NULL,
  body VARCHAR(1000) NOT NULL,
  state ENUM('new', 'approved', 'passed', 'answered', 'hidden') NOT NULL DEFAULT 'new',
  merged_into BIGINT UNSIGNED NULL,
  merged_count INT UNSIGNED NOT NULL DEFAULT 0,
  speaker_agent_id BIGINT UNSIGNED NULL,
  answer VARCHAR(2000) NULL,
  answered_by VARCHAR(100) NULL,
  asked_at DATETIME(3) NOT NULL,
  answered_at DATETIME(3) NULL,
  KEY event_question_event (event_id, id),
  KEY event_question_attendee (attendee_id),
  CONSTRAINT event_question_event_fk FOREIGN KEY (event_id) REFERENCES live_event (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Stage and backstage participants are staff ('agent'); stage_role says
-- which of them speak (attendees see speakers' pointers, not the producer's).
ALTER TABLE participant
  ADD COLUMN stage_role ENUM('speaker', 'producer') NULL,
  -- The signal version of a participant's view (address, scroll, pointer,
  -- avatar), not of their typing: what attendees follow of the speakers.
  ADD COLUMN view_version BIGINT UNSIGNED NOT NULL DEFAULT 0;

-- New kinds of channel event:
--   stage     (stage) the event's state: open, live, ended
--   qa        (stage) a question as everyone sees it now: JSON
--   aline     (stage) an attendee's public line (attendee_id)
--   removed   (stage) an attendee was removed: body the attendee's id
--   question  (backstage) a new question, for the producer (recipient)
--   pass      (backstage) a question passed to a speaker (recipient)
ALTER TABLE channel_event
  MODIFY COLUMN kind ENUM('line', 'join', 'leave', 'transfer', 'close', 'address', 'lead',
                          'window', 'private', 'monitor', 'call', 'rtc', 'mark', 'erase',
                          'draw', 'phone', 'stage', 'qa', 'aline', 'removed', 'question', 'pass',
                          'translation') NOT NULL,
  ADD COLUMN attendee_id BIGINT UNSIGNED NULL;

-- Events are billed per attendee (each who was there at all) or per seat-
-- minute (each attendee's started minutes present), at the client's rate.
ALTER TABLE client
  ADD COLUMN event_rate_unit ENUM('attendee', 'seat_minute') NOT NULL DEFAULT 'attendee',
  ADD COLUMN event_rate_cents INT UNSIGNED NOT NULL DEFAULT 0
    COMMENT 'per attendee or per seat-minute; 0: events counted, not billed';
