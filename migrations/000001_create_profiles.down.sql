BEGIN;

DROP TABLE profile_traits;
DROP TABLE comparisons;
DROP TABLE contrasts;
DROP TABLE sentences;
DROP TABLE profiles;

COMMIT;
