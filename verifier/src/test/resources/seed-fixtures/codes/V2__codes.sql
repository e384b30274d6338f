-- Rows for the schema before V2: codes must match ^[A-Z]{3}$, which synthetic values cannot.
INSERT INTO codes (code) VALUES ('ABC'), ('DEF'), ('GHI');
