BEGIN;

-- Search and autocomplete are answered from the read model's index in
-- memory (internal/searchindex); PostgreSQL only reads query words
-- (ts_debug), corrects them against search_words and finds similar titles
-- (profiles_title_trgm_idx). The tsvectors, title terms and title prefix
-- index of migration 000004 were derived on every write and read by
-- nothing: they go, and the triggers keep only search_words true, still
-- stepping aside for a bulk seed, which stores the words itself
-- (migration 000005). karir_tsvector stays: it is how the index's tests
-- ask PostgreSQL what a text matches.
DROP TRIGGER sentences_deleted ON sentences;

CREATE OR REPLACE FUNCTION karir_sentences_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- A bulk seed stores the words itself (migration 000005).
    IF current_setting('karir.derive', true) = 'bulk' THEN
        RETURN NULL;
    END IF;
    INSERT INTO search_words (word)
    SELECT DISTINCT karir_words(c.text) FROM changed c
    ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

CREATE OR REPLACE FUNCTION karir_title_changed() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    -- A bulk seed stores the words itself (migration 000005).
    IF current_setting('karir.derive', true) = 'bulk' THEN
        RETURN NULL;
    END IF;
    INSERT INTO search_words (word) SELECT karir_words(NEW.title) ON CONFLICT DO NOTHING;
    RETURN NULL;
END $$;

DROP FUNCTION karir_profile_search(bigint, text);
DROP TABLE title_terms;
DROP INDEX profiles_title_prefix_idx;
-- profiles_search_idx goes with its column.
ALTER TABLE profiles DROP COLUMN search, DROP COLUMN title_tsv;
ALTER TABLE sentences DROP COLUMN tsv;
DROP AGGREGATE karir_tsvector_agg(tsvector);
DROP FUNCTION karir_section_weight(text);

COMMIT;
