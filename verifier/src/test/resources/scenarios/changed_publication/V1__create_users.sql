CREATE TABLE users (id bigint PRIMARY KEY, email text);
CREATE TABLE orders (id bigint PRIMARY KEY, placed date);
CREATE PUBLICATION changes FOR TABLE users;
