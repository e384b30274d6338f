-- forgot: DROP INDEX ix_users_name;
SELECT 1;
