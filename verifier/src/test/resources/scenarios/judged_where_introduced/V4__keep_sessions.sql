-- Keeps the old sessions as a backup without a key, and creates them anew with the same key (as Authelia's V2 does):
-- this revision made a table without a primary key, though the snapshots see the key of the old name still there.
ALTER TABLE sessions DROP CONSTRAINT sessions_pkey;
ALTER TABLE sessions RENAME TO sessions_backup;
CREATE TABLE sessions (id bigint PRIMARY KEY, token text NOT NULL, expires_at timestamptz);
INSERT INTO sessions (id, token) SELECT id, token FROM sessions_backup;
