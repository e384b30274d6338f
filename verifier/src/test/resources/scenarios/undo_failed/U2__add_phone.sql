-- the column is misspelled
ALTER TABLE users
    DROP COLUMN phon;
