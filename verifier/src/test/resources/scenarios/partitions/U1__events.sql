DROP TABLE events;
DROP FUNCTION log_event();
DROP TABLE audit;
