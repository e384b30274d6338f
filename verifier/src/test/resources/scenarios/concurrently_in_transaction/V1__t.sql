CREATE TABLE t (id int PRIMARY KEY, x int);
