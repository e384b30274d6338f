ALTER TABLE audit_events DROP COLUMN detail;
ALTER TABLE orders DROP COLUMN note;
