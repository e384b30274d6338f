-- SchemaCrawler's linter passes both of these.
CREATE TABLE orders (
    id      int PRIMARY KEY,
    placed  date NOT NULL,
    user_id bigint REFERENCES users (id)
);
CREATE INDEX ix_orders_placed_user ON orders (placed, user_id);
CREATE TABLE notes (
    id        int PRIMARY KEY,
    archived  boolean NOT NULL DEFAULT false,
    author_id bigint REFERENCES users (id)
);
CREATE INDEX ix_notes_author ON notes (author_id) WHERE NOT archived;
