DROP INDEX ix_events_at;
