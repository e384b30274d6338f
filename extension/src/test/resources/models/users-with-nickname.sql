-- fixtures/clean at its head, and a nickname the migrations do not add yet.
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(255) NOT NULL UNIQUE,
                    role varchar(50) NOT NULL, nickname varchar(40));
CREATE INDEX ix_users_role ON users (role);
