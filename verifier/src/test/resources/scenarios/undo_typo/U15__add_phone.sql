-- A typo: U15 for U5.
ALTER TABLE users DROP COLUMN phone;
