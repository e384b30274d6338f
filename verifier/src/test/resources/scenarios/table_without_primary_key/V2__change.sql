CREATE TABLE audit_log (at timestamptz NOT NULL, what text NOT NULL);
