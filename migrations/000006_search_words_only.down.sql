BEGIN;

-- Back to the state of migration 000005, with the data of 000004 derived
-- again for the profiles stored meanwhile. The generated columns compute
-- themselves as they are added.
CREATE FUNCTION karir_section_weight(text) RETURNS "char"
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN CASE $1 WHEN 'tasks' THEN 'B' WHEN 'fit' THEN 'C' WHEN 'non_fit' THEN 'C' ELSE 'D' END;

CREATE AGGREGATE karir_tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '');

ALTER TABLE sentences ADD COLUMN tsv tsvector GENERATED ALWAYS AS (karir_tsvector(text)) STORED;

ALTER TABLE profiles
    ADD COLUMN title_tsv tsvector GENERATED ALWAYS AS (karir_tsvector(title)) STORED,
    ADD COLUMN search tsvector NOT NULL DEFAULT '';

CREATE INDEX profiles_search_idx ON profiles USING gin (search);
CREATE INDEX profiles_title_prefix_idx ON profiles (karir_norm(title) COLLATE "C");

CREATE TABLE title_terms (
    profile_id bigint NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    term       text   COLLATE "C" NOT NULL,
    PRIMARY KEY (profile_id, term)
);
CREATE INDEX title_terms_term_idx ON title_terms (term);

CREATE FUNCTION karir_profile_search(profile_id bigint, title text) RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN setweight(karir_tsvector(title), 'A') || (
        SELECT karir_tsvector_agg(setweight(s.tsv, karir_section_weight(s.section))
            ORDER BY array_position(ARRAY['tasks', 'fit', 'non_fit', 'misconceptions', 'expectations', 'comparisons'], s.section), s.position)
        FROM sentences s WHERE s.profile_id = karir_profile_search.profile_id);

CREATE OR REPLACE FUNCTION karir_sentences_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- A bulk seed derives these itself (see the top of this file).
    IF current_setting('karir.derive', true) = 'bulk' THEN
        RETURN NULL;
    END IF;
    UPDATE profiles p SET search = karir_profile_search(p.id, p.title)
    WHERE p.id IN (SELECT DISTINCT c.profile_id FROM changed c);
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO search_words (word)
        SELECT DISTINCT karir_words(c.text) FROM changed c
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION karir_title_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- A bulk seed derives these itself (see the top of this file).
    IF current_setting('karir.derive', true) = 'bulk' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        UPDATE profiles SET search = karir_profile_search(NEW.id, NEW.title) WHERE id = NEW.id;
        DELETE FROM title_terms WHERE profile_id = NEW.id;
    END IF;
    INSERT INTO title_terms (profile_id, term)
    SELECT NEW.id, array_to_string(words[i:], ' ')
    FROM (SELECT regexp_split_to_array(karir_norm(NEW.title), '\s+') AS words) t,
        generate_series(2, cardinality(words)) AS i
    ON CONFLICT DO NOTHING;
    INSERT INTO search_words (word) SELECT karir_words(NEW.title) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE TRIGGER sentences_deleted AFTER DELETE ON sentences
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION karir_sentences_changed();

-- Profiles stored since migration 000006, as 000004 derived them.
UPDATE profiles SET search = karir_profile_search(id, title);
INSERT INTO title_terms (profile_id, term)
SELECT p.id, array_to_string(t.words[i:], ' ')
FROM profiles p, LATERAL (SELECT regexp_split_to_array(karir_norm(p.title), '\s+') AS words) t,
    generate_series(2, cardinality(t.words)) AS i
ON CONFLICT DO NOTHING;

COMMIT;
