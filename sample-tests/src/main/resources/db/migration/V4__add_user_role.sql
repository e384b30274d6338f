-- Data migration: every existing user becomes a member; new users must have a role.
ALTER TABLE users ADD COLUMN role varchar(50);
UPDATE users SET role = 'member' WHERE role IS NULL;
ALTER TABLE users ALTER COLUMN role SET NOT NULL;
ALTER TABLE users ALTER COLUMN role SET DEFAULT 'member';
