CREATE TABLE users (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email varchar(255) NOT NULL UNIQUE,
    name  varchar(50)
);
CREATE TABLE audit (id int PRIMARY KEY);
CREATE TABLE archive (id int PRIMARY KEY);
CREATE TABLE teams (id int PRIMARY KEY, name text);
