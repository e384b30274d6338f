SET lock_timeout = '5s';
ALTER TABLE users DROP COLUMN seq, DROP COLUMN created_at, DROP COLUMN token;
