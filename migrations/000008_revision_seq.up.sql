BEGIN;

-- The change feed (GET /v1/changes) numbers every revision in the order
-- it was committed: every write holds one advisory lock until it commits
-- (internal/postgres), so the identity's order is the commit order, and a
-- client that resumes after one seq has seen every change before it.
-- Revisions stored before this migration are numbered in no particular
-- order among themselves, all before any later one.
ALTER TABLE revisions ADD COLUMN seq bigint GENERATED ALWAYS AS IDENTITY;
CREATE UNIQUE INDEX revisions_seq_idx ON revisions (seq);

COMMIT;
