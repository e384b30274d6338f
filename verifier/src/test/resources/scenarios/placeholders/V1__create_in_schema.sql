CREATE TABLE ${table_name} (id int PRIMARY KEY, owner text DEFAULT '${owner}');
