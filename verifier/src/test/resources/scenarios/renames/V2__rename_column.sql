-- A rename keeps the values: no data loss, and its undo renames back.
ALTER TABLE customers RENAME COLUMN full_name TO display_name;
