-- 005: mail waiting to be sent. A visitor may leave an address on the
-- transcript page to get the transcript "later by e-mail"; the row records
-- it. Baton itself sends nothing yet: a mailer (cron job or daemon, with
-- the installation's SMTP setup) is to pick unsent rows, render the
-- visitor's transcript with the visitor's rules (no private lines, no
-- monitoring), send it, and set sent_at (or attempts and last_error).

CREATE TABLE mail_outbox (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  client_id BIGINT UNSIGNED NOT NULL,
  channel_id BIGINT UNSIGNED NOT NULL,
  -- Whose transcript: the participant who asked, and whose view it shows.
  participant_id BIGINT UNSIGNED NOT NULL,
  kind ENUM('transcript') NOT NULL,
  address VARCHAR(254) NOT NULL,
  created_at DATETIME(3) NOT NULL,
  sent_at DATETIME(3) NULL,
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  last_error VARCHAR(500) NULL,
  -- One transcript per person and session: asking again changes the address.
  UNIQUE KEY mail_outbox_once (channel_id, participant_id, kind),
  KEY mail_outbox_unsent (sent_at, created_at),
  CONSTRAINT mail_outbox_channel_fk FOREIGN KEY (channel_id) REFERENCES channel (id),
  CONSTRAINT mail_outbox_client_fk FOREIGN KEY (client_id) REFERENCES client (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;
