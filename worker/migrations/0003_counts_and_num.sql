-- 1. Problem counts of each report's current values, kept by every save
--    (worker/reports/save.ts re-runs the template's rules on the merged values), so the
--    officer's status sheet shows errors / warnings / unexplained warnings per
--    unit without re-checking 3,000 reports per refresh. NULL = not checked yet
--    (a report never saved since this migration).
ALTER TABLE reports ADD COLUMN errors INTEGER;
ALTER TABLE reports ADD COLUMN warnings INTEGER;
ALTER TABLE reports ADD COLUMN unexplained INTEGER;

-- 2. report_cells gains `num`: the value as an exact integer of millionths when
--    it is plain decimal text (-?digits, at most 12 before the point, at most 6
--    after — every template number; scales never exceed 6), else NULL. SQLite
--    computes it on every write, whoever writes, so a subtree total is one
--    SUM(num) … GROUP BY cell in 64-bit integers: exact, and cheaper than
--    SUM(value), which parses text to floating point (worker/db/consolidation-reads.ts).
--    A STORED column cannot be added by ALTER TABLE: the table is rebuilt.
CREATE TABLE report_cells_next (
  report_id INTEGER NOT NULL REFERENCES reports (id),
  cell      TEXT NOT NULL,
  value     TEXT NOT NULL,
  num       INTEGER GENERATED ALWAYS AS (
    CASE WHEN (value GLOB '[0-9]*' OR value GLOB '-[0-9]*')
          AND NOT substr(value, 2) GLOB '*[^0-9.]*'
          AND NOT value GLOB '*.*.*'
          AND NOT value GLOB '*.'
          AND (CASE WHEN instr(value, '.') > 0 THEN instr(value, '.') - 1 ELSE length(value) END)
              - (value GLOB '-*') <= 12
          AND (instr(value, '.') = 0 OR length(value) - instr(value, '.') <= 6)
    THEN CAST(value AS INTEGER) * 1000000
         + (CASE WHEN value GLOB '-*' THEN -1 ELSE 1 END)
           * (CASE WHEN instr(value, '.') > 0
                   THEN CAST(substr(substr(value, instr(value, '.') + 1) || '000000', 1, 6) AS INTEGER)
                   ELSE 0 END)
    END
  ) STORED,
  PRIMARY KEY (report_id, cell)
) WITHOUT ROWID;
INSERT INTO report_cells_next (report_id, cell, value) SELECT report_id, cell, value FROM report_cells;
DROP TABLE report_cells;
ALTER TABLE report_cells_next RENAME TO report_cells;
