BEGIN;

CREATE OR REPLACE FUNCTION karir_sentences_changed() RETURNS trigger
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

CREATE OR REPLACE FUNCTION karir_title_changed() RETURNS trigger
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

COMMIT;
