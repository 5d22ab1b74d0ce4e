-- Look-ups by value (patient, user, address, event type, MSH-10) read only (kind, val, seq): with seq
-- in the index they need no visit to the audit_index row itself, one random page read fewer per
-- matching record. Query by patient over 1,000,000 records went from p95 21 ms to 6 ms
-- (docs/BENCHMARKS.md, issue 8); inserts cost the same (the index it replaces had the same rows).
-- On an existing store this rebuilds the index once, about 100 s per 10 million index rows.

CREATE INDEX audit_index_kind_val_seq_idx ON audit_index (kind, val, seq);
DROP INDEX audit_index_kind_val_idx;
