-- Moves every activity to a new table; the undo copies them back from there.
CREATE TABLE sent_activity (id bigint PRIMARY KEY, ap_id text NOT NULL, data json NOT NULL);
INSERT INTO sent_activity SELECT id, ap_id, data FROM activity;
DROP TABLE activity;
