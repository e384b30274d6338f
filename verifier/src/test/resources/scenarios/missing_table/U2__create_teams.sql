DROP TABLE teams;
DROP TABLE users;
