BEGIN;

-- A bulk seed (postgres.SeedBulk) writes tens of thousands of profiles on
-- one connection per core, each in a transaction of its own that commits
-- at the end, and derives their search data itself: the weighted tsvectors
-- and title terms in set-based statements per batch of profiles, with the
-- same expressions as these triggers, and the words of all texts once per
-- distinct word. The triggers would derive all of it again per batch, and
-- their search_words inserts would make the connections wait on each
-- other; in a transaction that sets karir.derive to 'bulk' they step aside.
-- Every other writer is unchanged.
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

COMMIT;
