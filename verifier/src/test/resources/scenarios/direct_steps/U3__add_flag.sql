ALTER TABLE notes DROP COLUMN flag;
CREATE INDEX CONCURRENTLY ix_notes_flag_leftover ON notes (id);
