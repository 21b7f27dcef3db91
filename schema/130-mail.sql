-- 130: e-mail in and out. Outgoing mail waits in mail_message until the
-- sender (tools/baton-mailer) hands it to the mail system; incoming mail
-- (tools/baton-mail-in) becomes help requests by e-mail or replies in a
-- message thread (help_message). All times UTC.

-- One outgoing message, built whole (RFC 5322, CRLF line ends) when it was
-- queued, so what is sent is exactly what was tested.
CREATE TABLE mail_message (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NULL,
  -- What it is, for the desk and the log: transcript, reply, confirmation,
  -- reminder, invitation, ... (mail_queue.h).
  kind VARCHAR(32) CHARACTER SET ascii NOT NULL,
  -- The help request (message thread, appointment) it is about, if any.
  request_id BIGINT UNSIGNED NULL,
  recipient VARCHAR(254) NOT NULL,
  -- The envelope sender: bounce+ID@mail_domain, so a bounce names the
  -- message it is about.
  envelope_from VARCHAR(254) NOT NULL,
  message_id VARCHAR(250) CHARACTER SET ascii NOT NULL COMMENT 'the Message-ID, without <>',
  subject VARCHAR(500) NOT NULL,
  content LONGBLOB NOT NULL,
  state ENUM('queued', 'sending', 'sent', 'failed', 'bounced') NOT NULL DEFAULT 'queued',
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  next_attempt_at DATETIME(3) NOT NULL,
  -- A sender claims due rows by setting these in one UPDATE, so two
  -- senders (two app hosts) never send one message twice.
  claim_token CHAR(32) CHARACTER SET ascii NULL,
  claimed_until DATETIME(3) NULL,
  last_error VARCHAR(500) NULL,
  created_at DATETIME(3) NOT NULL,
  sent_at DATETIME(3) NULL,
  failed_at DATETIME(3) NULL,
  UNIQUE KEY mail_message_mid (message_id),
  KEY mail_message_due (state, next_attempt_at),
  KEY mail_message_claim (claim_token),
  KEY mail_message_request (request_id, id),
  KEY mail_message_recipient (recipient, state)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Addresses that bounced (a permanent failure), for the desk: the newest
-- reason per address.
CREATE TABLE mail_bad_address (
  address VARCHAR(254) NOT NULL PRIMARY KEY,
  reason VARCHAR(500) NOT NULL,
  mail_message_id BIGINT UNSIGNED NULL,
  at DATETIME(3) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The transcript a visitor asked for is sent as this message.
ALTER TABLE mail_outbox
  ADD COLUMN mail_message_id BIGINT UNSIGNED NULL,
  ADD KEY mail_outbox_pending (mail_message_id, created_at);

-- Each site may have a help address: mail to it becomes a help request in
-- the client's queue.
ALTER TABLE site
  ADD COLUMN help_address VARCHAR(254) NULL,
  ADD UNIQUE KEY site_help_address (help_address);

-- Where a client wants alerts (a help link on a domain it has not
-- registered); its weekly digest's last week.
ALTER TABLE client
  ADD COLUMN alert_email VARCHAR(254) NULL,
  ADD COLUMN digest_week DATE NULL COMMENT 'the Monday of the last week whose digest was queued';

-- Staff choose whether they get the weekly digest; the token is the
-- one-click unsubscribe link's.
ALTER TABLE agent
  ADD COLUMN digest_opt_out TINYINT(1) NOT NULL DEFAULT 0,
  ADD COLUMN unsubscribe_token CHAR(32) CHARACTER SET ascii NULL,
  ADD UNIQUE KEY agent_unsubscribe (unsubscribe_token);

-- A visitor known only by e-mail: the address finds their visitor row again.
CREATE TABLE visitor_email (
  client_id BIGINT UNSIGNED NOT NULL,
  address VARCHAR(254) NOT NULL,
  visitor_id BIGINT UNSIGNED NOT NULL,
  PRIMARY KEY (client_id, address),
  CONSTRAINT visitor_email_visitor_fk FOREIGN KEY (visitor_id) REFERENCES visitor (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- The ENUMs below are the union with 150-call-centre.sql's, in the same
-- order there: a new database runs 130 before 150, one that had 150
-- already runs 130 after it, and both end with the same columns.
-- Help requests: how they came (the web or e-mail); a message thread's
-- state, owner and reply address; an appointment's reminders and its
-- rejoin link.
ALTER TABLE help_request
  MODIFY COLUMN state ENUM('waiting', 'offered', 'accepted', 'cancelled', 'scheduled', 'message',
                           'closed', 'unreachable', 'missed') NOT NULL,
  ADD COLUMN via ENUM('web', 'email') NOT NULL DEFAULT 'web',
  ADD COLUMN thread_state ENUM('open', 'done') NULL,
  ADD COLUMN assigned_agent_id BIGINT UNSIGNED NULL,
  -- The thread's newest message, and whether it is the visitor's (waiting
  -- for an answer).
  ADD COLUMN last_message_at DATETIME(3) NULL,
  ADD COLUMN awaiting_answer TINYINT(1) NOT NULL DEFAULT 0,
  -- Mail to reply+TOKEN@mail_domain joins the thread.
  ADD COLUMN reply_token CHAR(32) CHARACTER SET ascii NULL,
  -- The token of an appointment's rejoin link (/rejoin?r=ID&k=TOKEN), a
  -- capability like the reply address: it only lets its holder rejoin.
  ADD COLUMN rejoin_token CHAR(32) CHARACTER SET ascii NULL,
  ADD COLUMN reminder_sent_at DATETIME(3) NULL,
  ADD COLUMN agent_reminder_sent_at DATETIME(3) NULL,
  -- When a scheduled request entered the queue at its time, and when its
  -- visitor came back (the rejoin link, the waiting page): a request that
  -- entered at its time without its visitor is a missed appointment.
  ADD COLUMN appointment_due_at DATETIME(3) NULL,
  ADD COLUMN visitor_back_at DATETIME(3) NULL,
  ADD UNIQUE KEY help_request_reply_token (reply_token),
  ADD KEY help_request_thread (client_id, thread_state, last_message_at),
  ADD KEY help_request_scheduled (state, scheduled_for),
  ADD KEY help_request_contact (client_id, contact);

ALTER TABLE request_event
  MODIFY COLUMN kind ENUM('created', 'routed', 'rolled', 'accepted', 'cancelled', 'scheduled',
                          'message', 'abandoned', 'requeued', 'prioritized', 'callback', 'due',
                          'tried', 'unreachable', 'mail_in', 'replied', 'assigned', 'done',
                          'reopened', 'missed') NOT NULL;

-- The messages of a thread, both ways: what the visitor wrote (on the web
-- form or by e-mail) and the agents' answers (sent by e-mail).
CREATE TABLE help_message (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  request_id BIGINT UNSIGNED NOT NULL,
  client_id BIGINT UNSIGNED NOT NULL,
  direction ENUM('in', 'out') NOT NULL,
  agent_id BIGINT UNSIGNED NULL,
  address VARCHAR(254) NULL COMMENT 'from (in) or to (out)',
  subject VARCHAR(500) NULL,
  body MEDIUMTEXT NOT NULL,
  -- Incoming: its Message-ID, so mail delivered twice is stored once.
  rfc_message_id VARCHAR(250) CHARACTER SET ascii NULL,
  mail_message_id BIGINT UNSIGNED NULL COMMENT 'outgoing: the mail that carries it',
  created_at DATETIME(3) NOT NULL,
  KEY help_message_request (request_id, id),
  KEY help_message_client (client_id, created_at),
  UNIQUE KEY help_message_once (client_id, rfc_message_id),
  CONSTRAINT help_message_request_fk FOREIGN KEY (request_id) REFERENCES help_request (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

CREATE TABLE help_attachment (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  help_message_id BIGINT UNSIGNED NOT NULL,
  filename VARCHAR(255) NOT NULL,
  content_type VARCHAR(127) CHARACTER SET ascii NOT NULL,
  size INT UNSIGNED NOT NULL,
  content LONGBLOB NOT NULL,
  KEY help_attachment_message (help_message_id),
  CONSTRAINT help_attachment_message_fk FOREIGN KEY (help_message_id) REFERENCES help_message (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Messages left on the web form so far become the first line of their thread.
UPDATE help_request SET thread_state = 'open', last_message_at = COALESCE(ended_at, created_at),
  awaiting_answer = 1 WHERE state = 'message';
INSERT INTO help_message (request_id, client_id, direction, address, subject, body, created_at)
  SELECT id, client_id, 'in', contact, NULL, COALESCE(question, ''), COALESCE(ended_at, created_at)
  FROM help_request WHERE state = 'message';

-- Help links on domains a client has not registered: when each was last
-- reported, so the operator and the client hear of it at most once a day.
CREATE TABLE unregistered_domain_alert (
  domain VARCHAR(253) CHARACTER SET ascii NOT NULL PRIMARY KEY,
  client_id BIGINT UNSIGNED NULL,
  first_at DATETIME(3) NOT NULL,
  alerted_at DATETIME(3) NOT NULL,
  refusals INT UNSIGNED NOT NULL DEFAULT 1
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
