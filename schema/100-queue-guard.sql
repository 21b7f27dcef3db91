-- 100: guarding the queue. A help request keeps the address it came from
-- (help requests are limited per address) and when its waiting page last
-- asked about it (a request whose page stopped asking leaves the queue as
-- abandoned). A visitor who leads may ask the agents to follow them to an
-- address off the client's sites: their latest such proposal is a
-- participant's last-value signal, like their pointer; the agents decide.
ALTER TABLE help_request
  ADD COLUMN ip VARCHAR(45) CHARACTER SET ascii NULL AFTER visitor_id,
  ADD COLUMN seen_at DATETIME(3) NULL,
  ADD KEY help_request_ip (ip, created_at),
  ADD KEY help_request_seen (state, seen_at);

-- Requests waiting at the upgrade count as seen now: their pages, if still
-- open, keep them in the queue from here on.
UPDATE help_request SET seen_at = NOW(3) WHERE state IN ('waiting', 'offered');

ALTER TABLE participant
  ADD COLUMN proposed_url VARCHAR(2000) NULL;
