-- The table is meant to hold this one row.
INSERT INTO metadata (total_downloads) VALUES (0);
