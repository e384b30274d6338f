DROP TABLE audit_log;
ALTER TABLE users ADD COLUMN name text;
ALTER TABLE users DROP COLUMN first_name, DROP COLUMN last_name;
