DROP FUNCTION answer();
