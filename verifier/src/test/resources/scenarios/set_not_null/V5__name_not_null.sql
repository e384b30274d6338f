SET lock_timeout = '5s';
-- Nothing proves it: PostgreSQL scans every row under ACCESS EXCLUSIVE.
ALTER TABLE users ALTER COLUMN name SET NOT NULL;
