SET lock_timeout = '5s';
-- The validated CHECK proves it: no scan, the lock is brief.
ALTER TABLE users ALTER COLUMN email SET NOT NULL;
ALTER TABLE users DROP CONSTRAINT users_email_not_null;
