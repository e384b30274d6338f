DROP TABLE notes;
DROP TABLE memberships;
