BEGIN;

-- An editor may make an earlier revision current again; the revision that
-- records it has the action 'restore'.
ALTER TABLE revisions DROP CONSTRAINT revisions_action_check;
ALTER TABLE revisions ADD CONSTRAINT revisions_action_check
    CHECK (action IN ('create', 'replace', 'delete', 'seed', 'restore'));

COMMIT;
