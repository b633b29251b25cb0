-- Encryption at rest of sensitive personal information (docs/privacy.md).
-- A data key per round, wrapped by a master key from the Worker secret PII_MASTER_KEYS.
CREATE TABLE pii_round_keys (
  round_id   TEXT PRIMARY KEY REFERENCES rounds (id),
  master_id  TEXT NOT NULL, -- which master key wraps it (rotation re-wraps with the current one)
  wrapped    TEXT NOT NULL, -- base64(iv | AES-GCM(master, data key))
  created_at TEXT NOT NULL
);

-- A key per (report, roster row) and one per report for sensitive header fields,
-- wrapped by the round's data key. Deleting the row destroys the key: every value
-- sealed with it (report_cells and audit_cells) is unrecoverable (erasure).
CREATE TABLE pii_row_keys (
  id         TEXT PRIMARY KEY, -- random, named in each value: pii1:<id>:<iv|ciphertext>
  report_id  INTEGER NOT NULL REFERENCES reports (id),
  scope      TEXT NOT NULL,    -- `<roster>.<rowId>` or `header`
  wrapped    TEXT NOT NULL,    -- base64(iv | AES-GCM(data key, row key))
  created_at TEXT NOT NULL,
  UNIQUE (report_id, scope)
);

-- Who saw sensitive values in full, and why (PIPL art. 51: access control and logging).
CREATE TABLE pii_reveals (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  at         TEXT NOT NULL,
  token_id   INTEGER NOT NULL,
  actor      TEXT NOT NULL,
  role       TEXT NOT NULL,
  round_id   TEXT NOT NULL,
  unit       TEXT,             -- null for a round-wide payment-list export
  what       TEXT NOT NULL,    -- JSON: {"cells": [...]} | {"rows": [...]} | {"export": "..."}
  purpose    TEXT NOT NULL
);
CREATE INDEX pii_reveals_at ON pii_reveals (at);

-- Token permissions beyond the role: "pii" = may reveal sensitive values with a purpose.
ALTER TABLE tokens ADD COLUMN permissions TEXT NOT NULL DEFAULT '';

-- After this date (YYYY-MM-DD) the scheduled handler destroys the round's keys.
ALTER TABLE rounds ADD COLUMN retain_until TEXT;
