-- Drops the key, then renames the table to a backup: this revision made a table without a primary key, though the
-- key it dropped was on the table's old name.
ALTER TABLE sessions DROP CONSTRAINT sessions_pkey;
ALTER TABLE sessions RENAME TO sessions_backup;
