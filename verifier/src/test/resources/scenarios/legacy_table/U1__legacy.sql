DROP TABLE legacy_import;
