INSERT INTO flow_methods (id, flow_id, config) SELECT id + 1000, id, form FROM flows;
