DROP TABLE users;
DROP TYPE contact;
