CREATE TABLE users (
    id    bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name  text,
    bio   text,
    email varchar(100) NOT NULL UNIQUE
);
CREATE TABLE teams (id serial PRIMARY KEY, title text NOT NULL);
CREATE TABLE memberships (
    user_id bigint NOT NULL REFERENCES users,
    team_id int    NOT NULL REFERENCES teams,
    PRIMARY KEY (user_id, team_id)
);
CREATE INDEX ix_memberships_team ON memberships (team_id);
CREATE TABLE codes (code text PRIMARY KEY CHECK (code ~ '^[A-Z]{3}$'));
