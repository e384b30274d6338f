DROP TABLE codes;
DROP TABLE memberships;
DROP TABLE teams;
DROP TABLE users;
