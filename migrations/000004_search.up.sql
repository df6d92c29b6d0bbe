BEGIN;

-- Search: one weighted tsvector per profile (GIN), a tsvector per sentence
-- for choosing and marking the sentences shown, a vocabulary of the words
-- of all texts for spelling correction (trigram GIN), title terms for
-- autocomplete, and an index for the trait filter.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

-- unaccent() is STABLE because its dictionary could be changed, so
-- PostgreSQL refuses it in index expressions and generated columns. Calling
-- the two-argument form with the dictionary named makes the result depend
-- on its input alone, which is the usual workaround (PostgreSQL's unaccent
-- documentation; see also the pgsql-general thread "unaccent and indexes").
CREATE FUNCTION karir_unaccent(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN public.unaccent('public.unaccent'::regdictionary, $1);

-- karir_norm is the form titles and words are compared in for autocomplete
-- and spelling correction: lower case, without accents.
CREATE FUNCTION karir_norm(text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN lower(karir_unaccent($1));

CREATE FUNCTION karir_tsvector(text) RETURNS tsvector
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN to_tsvector('indonesian'::regconfig, karir_unaccent($1));

-- The weight of a section in the profile's tsvector: A is the title, B the
-- tasks, C who fits and who does not, D the rest. Ranking multiplies by it.
CREATE FUNCTION karir_section_weight(text) RETURNS "char"
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN CASE $1 WHEN 'tasks' THEN 'B' WHEN 'fit' THEN 'C' WHEN 'non_fit' THEN 'C' ELSE 'D' END;

CREATE AGGREGATE karir_tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '');

ALTER TABLE sentences ADD COLUMN tsv tsvector GENERATED ALWAYS AS (karir_tsvector(text)) STORED;

ALTER TABLE profiles
    ADD COLUMN title_tsv tsvector GENERATED ALWAYS AS (karir_tsvector(title)) STORED,
    ADD COLUMN search tsvector NOT NULL DEFAULT '';

CREATE INDEX profiles_search_idx ON profiles USING gin (search);
-- Autocomplete: titles that start with the typed text, in order, and
-- titles similar to it.
CREATE INDEX profiles_title_prefix_idx ON profiles (karir_norm(title) COLLATE "C");
CREATE INDEX profiles_title_trgm_idx ON profiles USING gin (karir_norm(title) gin_trgm_ops);
-- The trait filter and match look profiles up by trait.
CREATE INDEX profile_traits_name_idx ON profile_traits (name, section, profile_id);

-- Autocomplete: each word of a title after the first, with the rest of the
-- title, so that "kes" finds "Kepala Bagian Kesejahteraan Masyarakat" by a
-- range scan of one btree.
CREATE TABLE title_terms (
    profile_id bigint NOT NULL REFERENCES profiles (id) ON DELETE CASCADE,
    term       text   COLLATE "C" NOT NULL,
    PRIMARY KEY (profile_id, term)
);
CREATE INDEX title_terms_term_idx ON title_terms (term);

-- The words of every title and sentence, for correcting misspelled query
-- words by trigram similarity, as PostgreSQL's pg_trgm documentation
-- advises ("Text Search Integration"). Words of deleted texts stay: a stale
-- word can only be tried as a correction that then finds nothing.
CREATE TABLE search_words (
    word text COLLATE "C" PRIMARY KEY
);
CREATE INDEX search_words_trgm_idx ON search_words USING gin (word gin_trgm_ops);

CREATE FUNCTION karir_words(text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
BEGIN ATOMIC
    SELECT w FROM regexp_split_to_table(karir_norm($1), '[^[:alpha:]]+') AS w WHERE length(w) >= 3;
END;

-- karir_profile_search builds the weighted tsvector of one profile from its
-- title and the tsvectors of its sentences, in genre order.
CREATE FUNCTION karir_profile_search(profile_id bigint, title text) RETURNS tsvector
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN setweight(karir_tsvector(title), 'A') || (
        SELECT karir_tsvector_agg(setweight(s.tsv, karir_section_weight(s.section))
            ORDER BY array_position(ARRAY['tasks', 'fit', 'non_fit', 'misconceptions', 'expectations', 'comparisons'], s.section), s.position)
        FROM sentences s WHERE s.profile_id = karir_profile_search.profile_id);

-- Triggers keep the derived data true whichever writer changes the texts
-- (the seed, editors, bulk loads by COPY). Sentences are handled per
-- statement, so that a profile written in one INSERT is indexed once.
CREATE FUNCTION karir_sentences_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    UPDATE profiles p SET search = karir_profile_search(p.id, p.title)
    WHERE p.id IN (SELECT DISTINCT c.profile_id FROM changed c);
    IF TG_OP <> 'DELETE' THEN
        INSERT INTO search_words (word)
        SELECT DISTINCT karir_words(c.text) FROM changed c
        ON CONFLICT DO NOTHING;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER sentences_inserted AFTER INSERT ON sentences
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION karir_sentences_changed();
CREATE TRIGGER sentences_updated AFTER UPDATE ON sentences
    REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION karir_sentences_changed();
CREATE TRIGGER sentences_deleted AFTER DELETE ON sentences
    REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION karir_sentences_changed();

CREATE FUNCTION karir_title_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
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

CREATE TRIGGER profiles_title_inserted AFTER INSERT ON profiles
    FOR EACH ROW EXECUTE FUNCTION karir_title_changed();
CREATE TRIGGER profiles_title_updated AFTER UPDATE OF title ON profiles
    FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title) EXECUTE FUNCTION karir_title_changed();

-- Profiles stored before this migration.
UPDATE profiles SET search = karir_profile_search(id, title);
INSERT INTO title_terms (profile_id, term)
SELECT p.id, array_to_string(t.words[i:], ' ')
FROM profiles p, LATERAL (SELECT regexp_split_to_array(karir_norm(p.title), '\s+') AS words) t,
    generate_series(2, cardinality(t.words)) AS i
ON CONFLICT DO NOTHING;
INSERT INTO search_words (word)
SELECT karir_words(text) FROM sentences UNION SELECT karir_words(title) FROM profiles
ON CONFLICT DO NOTHING;

COMMIT;
