-- Runs longer than the statement timeout the test sets.
SELECT pg_sleep(5);
