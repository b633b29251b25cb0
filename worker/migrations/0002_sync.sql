-- The sync service: units, tokens, templates, rounds, reports, audit, change feed,
-- idempotency. Every write is one db.batch(); see worker/db/*.ts for the guards.

-- Unit tree. `path` is "/root/…/code/" so "the subtree of X" is the index range
-- [X.path, X.path with the last "/" replaced by "0") — any depth, no recursion.
CREATE TABLE units (
  code   TEXT PRIMARY KEY,
  name   TEXT NOT NULL,
  parent TEXT REFERENCES units (code),
  path   TEXT NOT NULL UNIQUE,
  ord    INTEGER NOT NULL DEFAULT 0 -- order among siblings, as printed in the notices
);
CREATE INDEX units_parent ON units (parent, ord);

-- Bearer tokens; only the SHA-256 hex of the token is stored.
CREATE TABLE tokens (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  hash       TEXT NOT NULL UNIQUE,
  role       TEXT NOT NULL CHECK (role IN ('filler', 'reviewer', 'admin')),
  unit       TEXT NOT NULL REFERENCES units (code),
  label      TEXT NOT NULL,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);

-- Published template versions: immutable, a change is a new version.
CREATE TABLE templates (
  id           TEXT NOT NULL,
  version      INTEGER NOT NULL,
  title        TEXT NOT NULL,
  period       TEXT NOT NULL,
  due_date     TEXT NOT NULL,
  definition   TEXT NOT NULL, -- JSON of the checked template (defaults filled in)
  published_at TEXT NOT NULL,
  PRIMARY KEY (id, version)
);
CREATE TRIGGER templates_no_update BEFORE UPDATE ON templates
BEGIN SELECT RAISE(ABORT, 'published templates are immutable'); END;
CREATE TRIGGER templates_no_delete BEFORE DELETE ON templates
BEGIN SELECT RAISE(ABORT, 'published templates are immutable'); END;

-- A collection round: one template version opened for a period to a set of units.
CREATE TABLE rounds (
  id               TEXT PRIMARY KEY,
  template_id      TEXT NOT NULL,
  template_version INTEGER NOT NULL,
  period           TEXT NOT NULL,
  due_date         TEXT NOT NULL, -- YYYY-MM-DD, inclusive, China Standard Time
  root_unit        TEXT NOT NULL REFERENCES units (code),
  status           TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'locked')),
  created_at       TEXT NOT NULL,
  locked_at        TEXT,
  write_id         TEXT, -- stamp of the last guarded write, see worker/db/batch.ts
  FOREIGN KEY (template_id, template_version) REFERENCES templates (id, version)
);

-- One report per (round, unit). `version` increases on every change of what
-- GET returns; the ETag is "<version>". `notes` holds the 上报说明 per problem id.
CREATE TABLE reports (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  round_id      TEXT NOT NULL REFERENCES rounds (id),
  unit          TEXT NOT NULL REFERENCES units (code),
  status        TEXT NOT NULL DEFAULT 'draft'
                CHECK (status IN ('draft', 'submitted', 'returned', 'approved')),
  version       INTEGER NOT NULL DEFAULT 0,
  notes         TEXT NOT NULL DEFAULT '{}',
  late          INTEGER NOT NULL DEFAULT 0,
  return_reason TEXT,
  submitted_at  TEXT,
  updated_at    TEXT,
  write_id      TEXT,
  UNIQUE (round_id, unit)
);
CREATE INDEX reports_unit ON reports (unit);

-- Current values, one row per non-blank cell: a subtree total of a cell is one
-- SELECT … JOIN units … GROUP BY cell, and no row ever nears D1's 2 MB limit.
CREATE TABLE report_cells (
  report_id INTEGER NOT NULL REFERENCES reports (id),
  cell      TEXT NOT NULL,
  value     TEXT NOT NULL,
  PRIMARY KEY (report_id, cell)
) WITHOUT ROWID;

-- Append-only audit log: one row per action, producing report version `version`.
CREATE TABLE audit (
  id         INTEGER PRIMARY KEY AUTOINCREMENT,
  report_id  INTEGER NOT NULL REFERENCES reports (id),
  version    INTEGER NOT NULL,
  at         TEXT NOT NULL,
  token_id   INTEGER,
  actor      TEXT NOT NULL, -- token label at the time
  role       TEXT NOT NULL,
  action     TEXT NOT NULL, -- patch | submit | return | approve | lock
  detail     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_report ON audit (report_id, version);

-- Cell changes of each audited version (old → new, NULL = blank). Also the
-- merge's memory: "changed by others since base" = rows with version > base.
-- 上报说明 changes are rows whose cell is "note:<problem id>".
CREATE TABLE audit_cells (
  report_id INTEGER NOT NULL,
  version   INTEGER NOT NULL,
  cell      TEXT NOT NULL,
  old       TEXT,
  new       TEXT,
  PRIMARY KEY (report_id, version, cell)
) WITHOUT ROWID;

CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_cells_no_update BEFORE UPDATE ON audit_cells
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_cells_no_delete BEFORE DELETE ON audit_cells
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;

-- Change feed. AUTOINCREMENT: cursors only grow and are never reused.
CREATE TABLE feed (
  cursor    INTEGER PRIMARY KEY AUTOINCREMENT,
  round_id  TEXT NOT NULL,
  unit      TEXT NOT NULL,
  unit_path TEXT NOT NULL, -- copied so the visibility filter needs no join
  version   INTEGER NOT NULL,
  kind      TEXT NOT NULL, -- patch | submit | return | approve | lock
  status    TEXT NOT NULL,
  cells     TEXT NOT NULL DEFAULT '[]', -- JSON array of changed cell keys
  at        TEXT NOT NULL
);
CREATE INDEX feed_round ON feed (round_id, cursor);

-- Idempotency-Key records of successful writes, per token. The response is kept
-- small ({version, merged, status}); values are rebuilt from the audit log.
CREATE TABLE idempotency (
  token_id     INTEGER NOT NULL,
  key          TEXT NOT NULL,
  request_hash TEXT NOT NULL,
  report_id    INTEGER NOT NULL,
  response     TEXT NOT NULL,
  created_at   TEXT NOT NULL,
  PRIMARY KEY (token_id, key)
);
