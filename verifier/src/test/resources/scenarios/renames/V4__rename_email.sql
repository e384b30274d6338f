ALTER TABLE clients RENAME COLUMN email TO contact;
ALTER INDEX ix_customers_email RENAME TO ix_customers_contact;
