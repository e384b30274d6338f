DROP TABLE notes;
DROP TABLE orders;
