DROP TABLE comments;
DROP FUNCTION count_comment();
