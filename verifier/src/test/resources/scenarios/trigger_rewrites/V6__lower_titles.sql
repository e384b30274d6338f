-- Rewrites the titles in the ALTER that names the table: no trigger to speak of.
ALTER TABLE documents ALTER COLUMN title TYPE varchar(500) USING lower(title);
