DROP TABLE sessions;
DROP TABLE audit_events;
DROP TABLE payments;
DROP TABLE orders;
DROP TABLE customers;
