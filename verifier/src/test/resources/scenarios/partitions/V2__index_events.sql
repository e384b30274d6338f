-- Only an index: the rows seeded into events went to its default partition, and the trigger wrote audit rows.
CREATE INDEX ix_events_at ON events (at);
