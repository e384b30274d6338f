ALTER TABLE customers DROP COLUMN code;
