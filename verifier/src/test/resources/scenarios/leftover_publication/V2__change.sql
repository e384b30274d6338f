CREATE PUBLICATION user_changes FOR TABLE users WITH (publish = 'insert, update');
