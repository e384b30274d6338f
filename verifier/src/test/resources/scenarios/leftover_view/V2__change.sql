CREATE VIEW named_users AS SELECT id, name FROM users WHERE name IS NOT NULL;
