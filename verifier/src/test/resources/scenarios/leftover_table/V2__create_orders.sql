CREATE TABLE orders (id int PRIMARY KEY, user_id bigint REFERENCES users (id));
CREATE INDEX ix_orders_user_id ON orders (user_id);
