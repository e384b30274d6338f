-- Everything here can destroy data that existed before this revision.
ALTER TABLE users ALTER COLUMN name TYPE varchar(20);
ALTER TABLE users DROP COLUMN email;
DROP TABLE audit CASCADE;
DELETE FROM archive;
UPDATE teams SET name = upper(name);
DELETE FROM teams WHERE name = 'x';
