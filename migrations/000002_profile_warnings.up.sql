BEGIN;

-- What the parser asks an editor to check in the source text: a JSON array
-- of {section, line, detail}, empty when all is well. It is read and written
-- whole with its profile, so it needs no table of its own.
ALTER TABLE profiles
    ADD COLUMN warnings jsonb NOT NULL DEFAULT '[]'
        CHECK (jsonb_typeof(warnings) = 'array');

COMMIT;
