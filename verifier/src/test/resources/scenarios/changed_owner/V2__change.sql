ALTER TABLE users OWNER TO pg_monitor;
