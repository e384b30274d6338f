DROP INDEX ix_users_email;
DROP INDEX ix_users_email_name;
