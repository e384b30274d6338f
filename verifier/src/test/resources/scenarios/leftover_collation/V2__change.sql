CREATE COLLATION plain_c (locale = 'C');
