-- 200: the visitor's own page mirrored to the agent (issue 20). The site
-- script (htdocs/js/mirror.js), with the visitor's consent, sends the
-- page's DOM (a snapshot, then its changes, fields typed, scrolls), masked
-- in the visitor's browser before sending, as 'mirror' events of the
-- channel (cgi-bin/mirror.c); the agent's viewer (htdocs/js/mirror-view.js)
-- rebuilds it and the archive keeps it for the replay. The agent's
-- highlights and field fills travel back as 'mirror' events too.
ALTER TABLE channel_event
  MODIFY COLUMN kind ENUM('line', 'join', 'leave', 'transfer', 'close', 'address', 'lead',
                          'window', 'private', 'monitor', 'call', 'rtc', 'mark', 'erase',
                          'draw', 'phone', 'stage', 'qa', 'aline', 'removed', 'question', 'pass',
                          'translation', 'mirror') NOT NULL;
