-- Index a is redundant when its key columns lead index b's (same method, both plain and valid).
-- The one parameter: the tables the revision touched (schema.table), or NULL for every table; each row names
-- schema and table first.
SELECT DISTINCT ON (n.nspname, t.relname, ia.relname)
       n.nspname, t.relname, ia.relname, ib.relname, pg_get_indexdef(a.indexrelid),
       pg_get_indexdef(b.indexrelid)
  FROM pg_index a JOIN pg_index b ON a.indrelid = b.indrelid AND a.indexrelid <> b.indexrelid
  JOIN pg_class ia ON ia.oid = a.indexrelid JOIN pg_class ib ON ib.oid = b.indexrelid
  JOIN pg_class t ON t.oid = a.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
   AND COALESCE(n.nspname || '.' || t.relname = ANY (?::text[]), true)
   AND a.indpred IS NULL AND b.indpred IS NULL AND a.indexprs IS NULL AND b.indexprs IS NULL
   AND ia.relam = ib.relam AND a.indisvalid AND b.indisvalid AND NOT a.indisprimary
   AND a.indnkeyatts <= b.indnkeyatts
   AND (SELECT array_agg(u.k ORDER BY u.o) FROM unnest(a.indkey::int2[]) WITH ORDINALITY u(k, o)
         WHERE u.o <= a.indnkeyatts)
       = (SELECT array_agg(u.k ORDER BY u.o) FROM unnest(b.indkey::int2[]) WITH ORDINALITY u(k, o)
         WHERE u.o <= a.indnkeyatts)
   AND (NOT a.indisunique OR (b.indisunique AND a.indnkeyatts = b.indnkeyatts))
   -- of two indexes on the same columns, report one: not the one behind a constraint, else the later name
   AND (a.indnkeyatts < b.indnkeyatts OR ia.relname > ib.relname
        OR EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = b.indexrelid))
   AND NOT EXISTS (SELECT 1 FROM pg_constraint x WHERE x.conindid = a.indexrelid)
 ORDER BY n.nspname, t.relname, ia.relname, b.indnkeyatts DESC, ib.relname
