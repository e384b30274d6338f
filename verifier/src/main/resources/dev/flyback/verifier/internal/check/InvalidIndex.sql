-- Indexes PostgreSQL marked invalid.
-- The one parameter: the tables the revision touched (schema.table), or NULL for every table; each row names
-- schema and table first.
SELECT n.nspname, t.relname, ic.relname, pg_get_indexdef(i.indexrelid)
  FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE NOT i.indisvalid
   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
   AND COALESCE(n.nspname || '.' || t.relname = ANY (?::text[]), true)
 ORDER BY 1, 2, 3
