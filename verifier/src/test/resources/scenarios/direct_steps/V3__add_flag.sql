ALTER TABLE notes ADD COLUMN flag boolean;
