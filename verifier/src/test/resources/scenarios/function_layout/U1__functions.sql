DROP FUNCTION answer();
DROP FUNCTION greeting();
