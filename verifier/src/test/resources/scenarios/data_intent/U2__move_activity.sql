CREATE TABLE activity (id bigint PRIMARY KEY, ap_id text NOT NULL, data jsonb NOT NULL);
INSERT INTO activity SELECT id, ap_id, data FROM sent_activity;
DROP TABLE sent_activity;
