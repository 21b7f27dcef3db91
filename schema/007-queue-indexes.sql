-- 007: the router's sweep looks for waiting requests across all clients
-- every second; without an index on the state it scanned the whole table.
ALTER TABLE help_request
  ADD KEY help_request_state (state, client_id);
