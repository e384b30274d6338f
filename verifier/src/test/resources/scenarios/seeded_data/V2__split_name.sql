-- Splits users.name; the undo re-creates the column but never joins the values back.
ALTER TABLE users ADD COLUMN first_name text, ADD COLUMN last_name text;
UPDATE users SET first_name = split_part(name, '-', 1), last_name = split_part(name, '-', 2);
ALTER TABLE users DROP COLUMN name;

-- Loses half of the bios and three memberships.
UPDATE users SET bio = NULL WHERE id % 2 = 0;
DELETE FROM memberships WHERE ctid IN (SELECT ctid FROM memberships ORDER BY user_id LIMIT 3);

CREATE TABLE audit_log (id serial PRIMARY KEY, note text);
