ALTER TABLE documents ALTER COLUMN title TYPE text;
