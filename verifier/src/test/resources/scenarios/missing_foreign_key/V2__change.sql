CREATE TABLE sessions (id int PRIMARY KEY, user_id bigint NOT NULL);
CREATE INDEX ix_sessions_user_id ON sessions (user_id);
