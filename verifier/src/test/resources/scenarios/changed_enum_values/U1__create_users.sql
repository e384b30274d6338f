DROP TABLE users;
DROP TYPE tier;
