CREATE TABLE orders (
    id      bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE SET NULL
);
CREATE INDEX ix_orders_user_id ON orders (user_id);
