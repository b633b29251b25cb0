-- Blind index of the CURRENT sensitive values (issue 12, worker/pii/blind-index.ts):
-- one row per non-blank sensitive cell of a report, holding HMAC-SHA-256 of the
-- value under PII_INDEX_KEY and its mask (schemas/pii/mask.ts), never the value.
-- Written by the save in the same guarded batch as report_cells (worker/db/blind-index.ts);
-- a cleared cell or a deleted roster row loses its row in that batch. Duplicates
-- across units are equal `hmac` within one `year`.
--
-- `year` is the year a round belongs to: the first four characters of rounds.period
-- when they are digits (every official period starts with its year: "2022", "2022年",
-- "2022年秋季"), else the year of the round's due date. Copied here, with the unit
-- and its path, so the lookups need no join.
CREATE TABLE blind_index (
  report_id INTEGER NOT NULL REFERENCES reports (id),
  cell      TEXT NOT NULL,    -- the cell key: roster.rowId.col or header.x
  round_id  TEXT NOT NULL,
  unit      TEXT NOT NULL,
  unit_path TEXT NOT NULL,    -- for the subtree filter of a consolidation
  year      TEXT NOT NULL,
  roster    TEXT,             -- roster key; NULL for a header field
  row_id    TEXT,             -- roster row id; NULL for a header field
  col       TEXT NOT NULL,    -- column (or header field) key
  kind      TEXT NOT NULL,    -- idcard | bankcard | … (also the prefix of the hashed text)
  label     TEXT NOT NULL,    -- how messages name the column: 名册「身份证号」
  hmac      TEXT NOT NULL,    -- 64 hex digits
  mask      TEXT NOT NULL,    -- e.g. 341002********0213
  PRIMARY KEY (report_id, cell)
) WITHOUT ROWID;
-- "Is this value held by another unit this year?" (a filler's warning).
CREATE INDEX blind_index_value ON blind_index (year, hmac, unit);
-- A consolidation's duplicates: the year's entries of one subtree, grouped by value.
CREATE INDEX blind_index_subtree ON blind_index (year, unit_path, hmac);
