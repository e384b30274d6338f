DROP TABLE users;
DROP FUNCTION same_email(text, text);
