-- forgets DROP INDEX ix_users_email
SELECT 1;
