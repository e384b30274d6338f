CREATE TABLE flows (id bigint PRIMARY KEY, form text);
CREATE TABLE flow_methods (id bigint PRIMARY KEY, flow_id bigint NOT NULL, config text);
