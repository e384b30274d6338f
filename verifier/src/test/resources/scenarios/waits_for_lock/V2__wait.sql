SET lock_timeout = '1s';
-- The test holds this lock from another session.
SELECT pg_advisory_xact_lock(42);
