ALTER TABLE users ADD CONSTRAINT ck_users_name_length CHECK (length(name) > 1);
