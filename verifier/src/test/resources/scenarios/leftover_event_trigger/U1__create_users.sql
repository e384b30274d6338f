DROP TABLE users;
DROP FUNCTION log_ddl();
