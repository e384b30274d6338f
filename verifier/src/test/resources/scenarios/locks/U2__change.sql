DROP INDEX ix_users_name;
ALTER TABLE users DROP COLUMN nickname;
