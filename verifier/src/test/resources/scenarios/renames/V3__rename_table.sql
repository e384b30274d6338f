-- A renamed table keeps its rows, its indexes and the foreign keys that point at it.
ALTER TABLE customers RENAME TO clients;
