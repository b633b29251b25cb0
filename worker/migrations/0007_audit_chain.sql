-- Tamper evidence (issue 12): each audit entry carries the SHA-256 of a canonical
-- encoding of itself, its cell changes and the previous entry's hash, per report
-- (worker/integrity/chain.ts). Computed by the Worker at write time; SQLite has no SHA-256.
ALTER TABLE audit ADD COLUMN hash TEXT;

-- Entries written before this migration have no hash. Each report that already
-- had entries records here the first version that must be hashed; its chain
-- starts there from an empty previous hash (the verifier still replays the older
-- entries' cell changes, it just cannot vouch for them). A report not listed
-- here must have every entry hashed. Append-only, like the audit.
CREATE TABLE audit_chain_start (
  report_id    INTEGER PRIMARY KEY,
  from_version INTEGER NOT NULL
);
INSERT INTO audit_chain_start (report_id, from_version)
  SELECT report_id, MAX(version) + 1 FROM audit GROUP BY report_id;

CREATE TRIGGER audit_chain_start_no_update BEFORE UPDATE ON audit_chain_start
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_chain_start_no_delete BEFORE DELETE ON audit_chain_start
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
