-- On a table that holds rows: an ADD COLUMN (ACCESS EXCLUSIVE) and a plain CREATE INDEX (SHARE).
ALTER TABLE users ADD COLUMN nickname text;
CREATE INDEX ix_users_name ON users (name);
