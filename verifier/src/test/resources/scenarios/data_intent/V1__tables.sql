CREATE TABLE activity (id bigint PRIMARY KEY, ap_id text NOT NULL, data jsonb NOT NULL);
CREATE TABLE metadata (total_downloads bigint NOT NULL);
CREATE TABLE site_aggregates (id int PRIMARY KEY, users int NOT NULL);
