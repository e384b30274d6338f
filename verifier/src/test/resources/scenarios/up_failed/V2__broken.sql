CREATE TABLE ok_table (id int);

CREATE TABEL broken (id int);
