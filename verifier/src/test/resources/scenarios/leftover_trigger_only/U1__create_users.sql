DROP FUNCTION keep_name();
DROP TABLE users;
