CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers (id));
CREATE TABLE payments (id bigint PRIMARY KEY, order_id bigint NOT NULL REFERENCES orders (id));
CREATE INDEX ix_payments_order_id ON payments (order_id);
CREATE TABLE audit_events (name text NOT NULL, at timestamptz NOT NULL);
CREATE TABLE sessions (id bigint PRIMARY KEY, token text NOT NULL);
