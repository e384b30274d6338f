-- A target schema that needs most of what the DDL writer knows (ModelDriftTests, tools/autogenerate/versions.sh).
CREATE TABLE customers (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email text NOT NULL);
CREATE TYPE mood AS ENUM ('calm', 'busy');
CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
CREATE TABLE orders (
    id bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
    code text COLLATE "C" NOT NULL UNIQUE,
    quantity positive NOT NULL DEFAULT 1,
    price numeric(10, 2) NOT NULL CHECK (price >= 0),
    total numeric(12, 2) GENERATED ALWAYS AS (price * quantity) STORED,
    mood mood,
    placed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ix_orders_customer ON orders (customer_id) INCLUDE (placed_at) WHERE mood IS NOT NULL;
CREATE UNLOGGED TABLE scratch (k int) WITH (fillfactor = 70);
CREATE TABLE events (at date NOT NULL, kind text) PARTITION BY RANGE (at);
CREATE TABLE events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE VIEW big_orders AS SELECT id, total FROM orders WHERE total > 100;
CREATE FUNCTION order_count(c bigint) RETURNS bigint LANGUAGE sql STABLE
    AS $$ SELECT count(*) FROM orders WHERE customer_id = c $$;
COMMENT ON TABLE orders IS 'What customers bought';
