-- Forgets to rename the column back: one finding naming both names.
ALTER INDEX ix_customers_contact RENAME TO ix_customers_email;
