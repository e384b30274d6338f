-- Columns named like a table's single-column key (user_id or userid for users.id or user.id), of its type,
-- with no foreign key. The judged tables' candidate columns are found first and joined to the keys by the table name
-- their own name implies, so the cost follows the judged tables, not the schema.
-- The one parameter: the tables the revision touched (schema.table), or NULL for every table; each row names
-- schema and table first.
WITH judged AS MATERIALIZED (
  SELECT t.oid, n.nspname, t.relname FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
   WHERE t.relkind IN ('r', 'p') AND NOT t.relispartition
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
      AND COALESCE(n.nspname || '.' || t.relname = ANY (?::text[]), true)
),
candidate AS MATERIALIZED (
  SELECT j.oid, j.nspname, j.relname, a.attname, a.attnum, format_type(a.atttypid, a.atttypmod) AS type,
         regexp_replace(a.attname, '_?id$', '') AS base
    FROM judged j JOIN pg_attribute a ON a.attrelid = j.oid
   WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attname ~ 'id$'
),
pk AS (
  SELECT c.oid AS table_oid, n.nspname, c.relname, a.attname AS pk_column,
         format_type(a.atttypid, a.atttypmod) AS pk_type
    FROM pg_constraint p JOIN pg_class c ON c.oid = p.conrelid
    JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = p.conkey[1]
   WHERE p.contype = 'p' AND cardinality(p.conkey) = 1
      AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
)
SELECT col.nspname, col.relname, col.attname, pk.nspname, pk.relname, pk.pk_column, pk.pk_type
  FROM candidate col JOIN pk ON pk.relname IN (col.base, col.base || 's') AND col.type = pk.pk_type
 WHERE NOT (col.oid = pk.table_oid AND col.attname = pk.pk_column)
   AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.conrelid = col.oid AND f.contype = 'f'
                      AND col.attnum = ANY (f.conkey))
 ORDER BY 1, 2, 3
