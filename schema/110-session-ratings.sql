-- 110: visitors rate their session when it is over for them (1 to 5
-- stars) and may say why; the agent report shows it (lib/report_agents.c).
-- One rating per visitor and session: rating again changes it.
CREATE TABLE session_rating (
  channel_id BIGINT UNSIGNED NOT NULL,
  participant_id BIGINT UNSIGNED NOT NULL,
  client_id BIGINT UNSIGNED NOT NULL,
  stars TINYINT UNSIGNED NOT NULL,
  comment TEXT NULL,
  rated_at DATETIME(3) NOT NULL,
  PRIMARY KEY (channel_id, participant_id),
  KEY session_rating_client (client_id, rated_at),
  CONSTRAINT session_rating_channel_fk FOREIGN KEY (channel_id) REFERENCES channel (id),
  CONSTRAINT session_rating_client_fk FOREIGN KEY (client_id) REFERENCES client (id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Every visitor's estimate (and every help button's) averages a day of a
-- client's accepted requests (SQL_WAIT_STATS): an index for that.
ALTER TABLE help_request
  ADD KEY help_request_accepted (client_id, accepted_at);
