DROP TABLE sessions;
ALTER TABLE sessions_backup RENAME TO sessions;
ALTER TABLE sessions ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);
