CREATE TABLE customers (id bigint PRIMARY KEY, name text NOT NULL);
CREATE TABLE products (id bigint PRIMARY KEY, title text NOT NULL);
CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint NOT NULL REFERENCES customers, product_id bigint,
                     quantity integer NOT NULL, unit_price_cents integer NOT NULL);
CREATE INDEX ix_orders_customer ON orders (customer_id);
CREATE INDEX ix_orders_product ON orders (product_id);
