-- Fails with any row: every existing customer holds NULL in the new NOT NULL column.
ALTER TABLE customers ADD COLUMN code text NOT NULL;
