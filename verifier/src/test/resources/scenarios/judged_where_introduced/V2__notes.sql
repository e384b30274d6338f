-- Touches the tables whose missing index and key V1 made: V1 is told of them, not this revision.
ALTER TABLE orders ADD COLUMN note text;
ALTER TABLE audit_events ADD COLUMN detail text;
