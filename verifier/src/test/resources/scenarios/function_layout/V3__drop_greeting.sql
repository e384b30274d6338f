DROP FUNCTION greeting();
