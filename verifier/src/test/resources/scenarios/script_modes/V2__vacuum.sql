-- Runs outside a transaction (its .conf says so), as Flyway ran it: VACUUM cannot run in one.
UPDATE t SET x = 1;
VACUUM t;
