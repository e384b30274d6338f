-- fixtures/clean at its head, as the team wants it.
CREATE TABLE users (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, email varchar(255) NOT NULL UNIQUE,
                    role varchar(50) NOT NULL);
CREATE INDEX ix_users_role ON users (role);
