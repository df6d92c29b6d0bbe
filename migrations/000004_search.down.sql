BEGIN;

DROP TRIGGER profiles_title_updated ON profiles;
DROP TRIGGER profiles_title_inserted ON profiles;
DROP FUNCTION karir_title_changed();
DROP TRIGGER sentences_deleted ON sentences;
DROP TRIGGER sentences_updated ON sentences;
DROP TRIGGER sentences_inserted ON sentences;
DROP FUNCTION karir_sentences_changed();
DROP FUNCTION karir_profile_search(bigint, text);
DROP TABLE search_words;
DROP TABLE title_terms;
DROP FUNCTION karir_words(text);
DROP INDEX profile_traits_name_idx;
DROP INDEX profiles_title_trgm_idx;
DROP INDEX profiles_title_prefix_idx;
ALTER TABLE profiles DROP COLUMN search, DROP COLUMN title_tsv;
ALTER TABLE sentences DROP COLUMN tsv;
DROP AGGREGATE karir_tsvector_agg(tsvector);
DROP FUNCTION karir_section_weight(text);
DROP FUNCTION karir_tsvector(text);
DROP FUNCTION karir_norm(text);
DROP FUNCTION karir_unaccent(text);
-- The extensions stay: other objects of the database may use them.

COMMIT;
