-- Foreign keys not validated, with their table, once the whole history has run.
SELECT n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid)
  FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE c.contype = 'f' AND NOT c.convalidated AND c.conparentid = 0
   AND n.nspname NOT IN ('pg_catalog', 'information_schema')
 ORDER BY 1, 2, 3
