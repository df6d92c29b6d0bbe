BEGIN;

CREATE TABLE profiles (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    -- Slugs are identifiers: byte order, whatever the database collation.
    slug          text        COLLATE "C" NOT NULL UNIQUE
                              CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 200),
    title         text        NOT NULL CHECK (btrim(title) <> ''),
    summary       text        NOT NULL,
    source_file   text        NOT NULL CHECK (btrim(source_file) <> ''),
    source_sha256 text        NOT NULL CHECK (source_sha256 ~ '^[0-9a-f]{64}$'),
    -- sha256 of the canonical JSON of the parsed profile: a seed rewrites
    -- the profile only when it changes.
    digest        text        NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT profiles_updated_after_created CHECK (updated_at >= created_at)
);

-- Lists page through profiles by (title, slug) in byte order.
CREATE INDEX profiles_title_slug_idx ON profiles (title COLLATE "C", slug);

CREATE TABLE sentences (
    profile_id bigint  NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    section    text    NOT NULL CHECK (section IN
                       ('tasks', 'fit', 'non_fit', 'misconceptions', 'expectations', 'comparisons')),
    position   integer NOT NULL CHECK (position >= 0),
    line       integer NOT NULL CHECK (line >= 1),
    text       text    NOT NULL CHECK (btrim(text) <> ''),
    PRIMARY KEY (profile_id, section, position)
);

-- Misconceptions (myth, reality) and expectations (expectation, reality)
-- share one shape: a claim and the reality that answers it.
CREATE TABLE contrasts (
    profile_id bigint  NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    section    text    NOT NULL CHECK (section IN ('misconceptions', 'expectations')),
    position   integer NOT NULL CHECK (position >= 0),
    claim      text    NOT NULL CHECK (btrim(claim) <> ''),
    reality    text    NOT NULL CHECK (btrim(reality) <> ''),
    PRIMARY KEY (profile_id, section, position)
);

CREATE TABLE comparisons (
    profile_id  bigint  NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    position    integer NOT NULL CHECK (position >= 0),
    profession  text    NOT NULL CHECK (btrim(profession) <> ''),
    this_focus  text    NOT NULL CHECK (btrim(this_focus) <> ''),
    other_focus text    NOT NULL CHECK (btrim(other_focus) <> ''),
    PRIMARY KEY (profile_id, position)
);

CREATE TABLE profile_traits (
    profile_id bigint  NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    section    text    NOT NULL CHECK (section IN ('fit', 'non_fit')),
    position   integer NOT NULL CHECK (position >= 0),
    name       text    NOT NULL CHECK (btrim(name) <> ''),
    PRIMARY KEY (profile_id, section, position),
    UNIQUE (profile_id, section, name)
);

COMMIT;
