-- Whether the table named by the parameter has a column named id.
SELECT 1 FROM pg_attribute WHERE attrelid = to_regclass(?) AND attname = 'id' AND NOT attisdropped
