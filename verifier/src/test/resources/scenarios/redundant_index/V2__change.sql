CREATE INDEX ix_users_email_name ON users (email, name);
CREATE INDEX ix_users_email ON users (email);
