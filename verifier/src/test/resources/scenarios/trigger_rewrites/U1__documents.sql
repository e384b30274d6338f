DROP TABLE settings;
DROP TABLE documents;
DROP FUNCTION touch();
