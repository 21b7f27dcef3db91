-- 150: the call centre. A client's phone line (help number, caller ID,
-- default country, calling hours, retry rule, phone rate); call-backs and
-- phone calls as kinds of help request in the one queue; every call with
-- its story; voice messages; the short codes that tie a caller to the web
-- page they are reading; and what the dialer says about itself.

CREATE TABLE phone_line (
  client_id BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  help_number VARCHAR(16) CHARACTER SET ascii NULL
    COMMENT 'E.164 number callers dial; calls to it reach the IVR',
  caller_id VARCHAR(16) CHARACTER SET ascii NULL
    COMMENT 'E.164 number call-backs show (the help number when NULL)',
  country CHAR(2) CHARACTER SET ascii NOT NULL DEFAULT 'GB'
    COMMENT 'ISO 3166 country of numbers typed without a country code',
  dial_countries VARCHAR(200) CHARACTER SET ascii NULL
    COMMENT 'comma-separated countries call-backs may go to (NULL: country only)',
  time_zone VARCHAR(64) CHARACTER SET ascii NOT NULL DEFAULT 'UTC'
    COMMENT 'calling hours are read in this zone (tz database name)',
  retry_tries INT UNSIGNED NOT NULL DEFAULT 3 COMMENT 'tries in all before a call-back is marked unreachable',
  retry_minutes INT UNSIGNED NOT NULL DEFAULT 10 COMMENT 'between tries',
  ring_seconds INT UNSIGNED NOT NULL DEFAULT 30 COMMENT 'a call not answered in this time is no answer',
  announce_seconds INT UNSIGNED NOT NULL DEFAULT 30 COMMENT 'callers on hold hear their position this often',
  message_seconds INT UNSIGNED NOT NULL DEFAULT 120 COMMENT 'longest voice message',
  greeting VARCHAR(500) NULL COMMENT 'words the IVR greets callers with (spoken by espeak-ng)',
  rate_cents INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'billing: per started minute of phone time',
  UNIQUE KEY phone_line_help_number (help_number),
  CONSTRAINT phone_line_client_fk FOREIGN KEY (client_id) REFERENCES client (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- When the dialer may call a client's customers: no rows, any time.
CREATE TABLE calling_hours (
  client_id BIGINT UNSIGNED NOT NULL,
  weekday TINYINT UNSIGNED NOT NULL COMMENT '1 Monday .. 7 Sunday',
  opens TIME NOT NULL,
  closes TIME NOT NULL,
  PRIMARY KEY (client_id, weekday, opens),
  CONSTRAINT calling_hours_client_fk FOREIGN KEY (client_id) REFERENCES client (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A call-back is a request whose visitor is called; a call is a caller
-- holding in the IVR. Both wait in the client's queue beside chats and are
-- routed like them; "deferred" keeps a call-back out of routing until the
-- dialer finds it due (its preferred time, its next try, calling hours).
ALTER TABLE help_request
  ADD COLUMN medium ENUM('chat', 'callback', 'call') NOT NULL DEFAULT 'chat'
    COMMENT 'how the visitor is helped: chat, called back, or on a call they made' AFTER visitor_id,
  ADD COLUMN phone VARCHAR(16) CHARACTER SET ascii NULL
    COMMENT 'E.164: the number to call back, or the caller''s',
  ADD COLUMN preferred_at DATETIME NULL COMMENT 'a call-back: not before this (UTC)',
  ADD COLUMN deferred TINYINT(1) NOT NULL DEFAULT 0
    COMMENT 'a call-back not to be offered now; the dialer clears it when due',
  ADD COLUMN attempts INT UNSIGNED NOT NULL DEFAULT 0 COMMENT 'a call-back: tries so far',
  ADD COLUMN next_attempt_at DATETIME(3) NULL COMMENT 'a call-back: not before this (UTC) after a try',
  MODIFY COLUMN state ENUM('waiting', 'offered', 'accepted', 'cancelled', 'scheduled', 'message',
                           'closed', 'unreachable', 'missed') NOT NULL,
  ADD KEY help_request_phone (client_id, phone),
  ADD KEY help_request_callbacks (medium, state, deferred);

-- (The ENUMs keep 130-mail.sql's values: a new database runs 130 first.)
ALTER TABLE request_event
  MODIFY COLUMN kind ENUM('created', 'routed', 'rolled', 'accepted', 'cancelled', 'scheduled',
                          'message', 'abandoned', 'requeued', 'prioritized', 'callback', 'due',
                          'tried', 'unreachable', 'mail_in', 'replied', 'assigned', 'done',
                          'reopened', 'missed') NOT NULL;

-- The session's record names what happened on the phone: "phone" events,
-- the dialer's notes (calling, answered, busy...), shown like a hand-over.
ALTER TABLE channel_event
  MODIFY COLUMN kind ENUM('line', 'join', 'leave', 'transfer', 'close', 'address', 'lead',
                          'window', 'private', 'monitor', 'call', 'rtc', 'mark', 'erase',
                          'draw', 'phone') NOT NULL;

-- One call with a customer: placed for a call-back, or received on the
-- help number. Its legs live in one dialer process (named here); the
-- agent's leg joins with a key the agent's browser (or desk phone) is given.
CREATE TABLE phone_call (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  public_id CHAR(32) CHARACTER SET ascii NOT NULL,
  client_id BIGINT UNSIGNED NOT NULL,
  request_id BIGINT UNSIGNED NULL,
  channel_id BIGINT UNSIGNED NULL,
  agent_id BIGINT UNSIGNED NULL COMMENT 'the agent the call is (or was last) with',
  visitor_id BIGINT UNSIGNED NULL COMMENT 'the customer, when known (by number, code or request)',
  direction ENUM('outbound', 'inbound') NOT NULL,
  number VARCHAR(32) CHARACTER SET ascii NULL COMMENT 'the customer''s number, E.164 when known',
  state ENUM('new', 'dialing', 'ringing', 'ivr', 'queued', 'talking', 'held', 'ended') NOT NULL,
  outcome ENUM('answered', 'busy', 'no_answer', 'failed', 'abandoned', 'message', 'callback',
               'cancelled', 'no_agent') NULL,
  sip_status SMALLINT UNSIGNED NULL COMMENT 'the final SIP status of the customer''s leg',
  agent_key_hash CHAR(64) CHARACTER SET ascii NULL
    COMMENT 'SHA-256 of the key the agent''s phone dials in with',
  agent_key_agent_id BIGINT UNSIGNED NULL COMMENT 'whose key it is',
  dialer VARCHAR(64) NULL COMMENT 'the dialer process that runs the legs',
  created_at DATETIME(3) NOT NULL,
  answered_at DATETIME(3) NULL COMMENT 'the customer answered (outbound) or the IVR did (inbound)',
  connected_at DATETIME(3) NULL COMMENT 'first joined to an agent',
  ended_at DATETIME(3) NULL,
  UNIQUE KEY phone_call_public (public_id),
  UNIQUE KEY phone_call_agent_key (agent_key_hash),
  KEY phone_call_client (client_id, created_at),
  KEY phone_call_state (state),
  KEY phone_call_channel (channel_id),
  KEY phone_call_request (request_id),
  CONSTRAINT phone_call_client_fk FOREIGN KEY (client_id) REFERENCES client (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- What happened on a call, in order: for the archive, reports and tests.
CREATE TABLE call_event (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  call_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('dial', 'ringing', 'answered', 'failed', 'greeting', 'digit', 'queued', 'announce',
            'agent', 'connected', 'held', 'resumed', 'transfer', 'requeued', 'message',
            'callback', 'code', 'ended') NOT NULL,
  detail VARCHAR(200) NULL,
  at DATETIME(3) NOT NULL,
  KEY call_event_call (call_id, id),
  CONSTRAINT call_event_call_fk FOREIGN KEY (call_id) REFERENCES phone_call (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- An agent's hand on a live call, for the dialer to carry out in order.
CREATE TABLE call_command (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  call_id BIGINT UNSIGNED NOT NULL,
  agent_id BIGINT UNSIGNED NULL,
  command ENUM('hold', 'resume', 'hangup', 'digits', 'requeue') NOT NULL,
  arg VARCHAR(32) CHARACTER SET ascii NULL,
  created_at DATETIME(3) NOT NULL,
  done_at DATETIME(3) NULL,
  KEY call_command_pending (done_at, call_id, id),
  CONSTRAINT call_command_call_fk FOREIGN KEY (call_id) REFERENCES phone_call (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- A caller's voice message, as 16-bit 8 kHz WAV.
CREATE TABLE voice_message (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  public_id CHAR(32) CHARACTER SET ascii NOT NULL,
  client_id BIGINT UNSIGNED NOT NULL,
  call_id BIGINT UNSIGNED NOT NULL,
  request_id BIGINT UNSIGNED NULL,
  seconds INT UNSIGNED NOT NULL,
  audio MEDIUMBLOB NOT NULL,
  created_at DATETIME(3) NOT NULL,
  UNIQUE KEY voice_message_public (public_id),
  KEY voice_message_request (request_id),
  KEY voice_message_client (client_id, created_at),
  CONSTRAINT voice_message_call_fk FOREIGN KEY (call_id) REFERENCES phone_call (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- "Call us" on a client's site: a short code the caller keys in, tied to
-- the visitor and the page they are reading.
CREATE TABLE call_code (
  client_id BIGINT UNSIGNED NOT NULL,
  code CHAR(6) CHARACTER SET ascii NOT NULL,
  visitor_id BIGINT UNSIGNED NOT NULL,
  site_id BIGINT UNSIGNED NOT NULL,
  page_url VARCHAR(2000) NULL,
  created_at DATETIME(3) NOT NULL,
  expires_at DATETIME(3) NOT NULL,
  used_at DATETIME(3) NULL,
  PRIMARY KEY (client_id, code),
  KEY call_code_visitor (client_id, visitor_id, expires_at)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Each running dialer: alive when last_pass_at is recent; its clock's
-- offset (dialer_clock_offset in baton.conf) is shown to operators.
CREATE TABLE dialer_status (
  name VARCHAR(64) NOT NULL PRIMARY KEY,
  pid INT UNSIGNED NOT NULL,
  started_at DATETIME(3) NOT NULL,
  last_pass_at DATETIME(3) NOT NULL,
  clock_offset_seconds BIGINT NOT NULL DEFAULT 0,
  calls INT UNSIGNED NOT NULL DEFAULT 0
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
