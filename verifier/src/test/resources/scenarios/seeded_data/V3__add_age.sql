-- Passes on an empty table, fails on every real one.
ALTER TABLE users ADD COLUMN age int NOT NULL;
