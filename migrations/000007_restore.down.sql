BEGIN;

-- A restore made the profile what an earlier revision was: going down, it
-- reads as the replace (or the create, after a delete) it amounts to.
UPDATE revisions r SET action = CASE
    WHEN EXISTS (SELECT FROM revisions p WHERE p.slug = r.slug AND p.revision = r.revision - 1 AND p.action = 'delete')
    THEN 'create' ELSE 'replace' END
WHERE action = 'restore';
ALTER TABLE revisions DROP CONSTRAINT revisions_action_check;
ALTER TABLE revisions ADD CONSTRAINT revisions_action_check
    CHECK (action IN ('create', 'replace', 'delete', 'seed'));

COMMIT;
