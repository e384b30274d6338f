DROP TABLE whatever;
