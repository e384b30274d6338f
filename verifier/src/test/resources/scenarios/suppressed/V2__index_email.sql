CREATE INDEX ix_users_name ON users (name);
