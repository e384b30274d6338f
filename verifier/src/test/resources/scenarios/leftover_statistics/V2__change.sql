CREATE STATISTICS users_email_name (dependencies) ON email, name FROM users;
