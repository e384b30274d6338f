CREATE INDEX CONCURRENTLY ix_notes_body ON notes (body);
