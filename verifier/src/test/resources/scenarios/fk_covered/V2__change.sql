-- Covered: the index leads with exactly the key's columns (in any order), or is partial on IS NOT NULL.
CREATE TABLE memberships (
    user_id  bigint NOT NULL,
    email    varchar(255) NOT NULL,
    PRIMARY KEY (email, user_id),
    FOREIGN KEY (user_id, email) REFERENCES users (id, email)
);
CREATE TABLE notes (
    id        int PRIMARY KEY,
    author_id bigint REFERENCES users (id)
);
CREATE INDEX ix_notes_author ON notes (author_id) WHERE author_id IS NOT NULL;
