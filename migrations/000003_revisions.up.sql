BEGIN;

-- Every change of a profile, kept for good: a revision outlives its
-- profile, so it names the slug rather than referencing profiles. A slug
-- whose newest revision is a delete, and which no profile has, is gone.
CREATE TABLE revisions (
    slug        text        COLLATE "C" NOT NULL
                            CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 200),
    revision    integer     NOT NULL CHECK (revision >= 1),
    created_at  timestamptz NOT NULL DEFAULT now(),
    action      text        NOT NULL CHECK (action IN ('create', 'replace', 'delete', 'seed')),
    -- The name of the editor's token, 'seed' or 'import'; never a token.
    author      text        NOT NULL CHECK (btrim(author) <> ''),
    -- The text the profile was parsed from; NULL when there was none (a
    -- document was sent, a delete, an import).
    source_text text,
    -- The profile document as the change left it (as it was, for a delete).
    document    jsonb       NOT NULL CHECK (jsonb_typeof(document) = 'object'),
    PRIMARY KEY (slug, revision)
);

COMMIT;
