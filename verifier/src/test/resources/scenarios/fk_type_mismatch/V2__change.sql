CREATE TABLE orders (id int PRIMARY KEY, user_id integer REFERENCES users (id));
CREATE INDEX ix_orders_user_id ON orders (user_id);
