CREATE TABLE customers (id bigint PRIMARY KEY, full_name text NOT NULL, email text);
CREATE INDEX ix_customers_email ON customers (email);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers);
CREATE INDEX ix_orders_customer ON orders (customer_id);
