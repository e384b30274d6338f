-- What a failed CREATE INDEX CONCURRENTLY leaves behind, simulated.
CREATE INDEX ix_users_name ON users (name);
UPDATE pg_index SET indisvalid = false WHERE indexrelid = 'ix_users_name'::regclass;
