-- Placeholders Flyway fills in, and a DO block whose body holds semicolons.
CREATE TABLE notes (id int PRIMARY KEY, body text DEFAULT '${greeting}');
COMMENT ON TABLE notes IS 'created by ${flyway:filename} as ${flyway:user}';

DO $$
BEGIN
    PERFORM 1; -- a semicolon inside the block
    ALTER TABLE notes ADD COLUMN added_in_block int;
END
$$;
