SET lock_timeout = '5s';
CREATE INDEX ix_users_email ON users (email);
