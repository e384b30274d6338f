-- Lifts the statement timeout, so only the revision timeout can stop it.
SET statement_timeout = 0;
SELECT pg_sleep(5);
