-- 006: a site may give a visitor priority through its help link, signed
-- with the site's secret so that nobody else can.
ALTER TABLE site
  ADD COLUMN secret CHAR(64) CHARACTER SET ascii NULL
    COMMENT 'HMAC-SHA256 key for signed help-link parameters (baton-admin site secret)';

-- The archive names a scheduled visitor's return and a priority change.
ALTER TABLE request_event
  MODIFY COLUMN kind ENUM('created', 'routed', 'rolled', 'accepted', 'cancelled', 'scheduled',
                          'message', 'abandoned', 'requeued', 'prioritized') NOT NULL;
