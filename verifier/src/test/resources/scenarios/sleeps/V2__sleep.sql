-- Long enough for the test to stop Flyback while it runs.
SELECT pg_sleep(60);
