-- Pairs of foreign keys on the same columns to the same target: the later one (by OID) repeats the first.
-- The one parameter: the tables the revision touched (schema.table), or NULL for every table; each row names
-- schema and table first.
SELECT n.nspname, t.relname, d.conname, o.conname, pg_get_constraintdef(d.oid)
  FROM pg_constraint d JOIN pg_constraint o
    ON o.conrelid = d.conrelid AND o.contype = 'f' AND o.oid < d.oid AND o.confrelid = d.confrelid
   AND (SELECT array_agg(x ORDER BY x) FROM unnest(o.conkey) x)
       = (SELECT array_agg(x ORDER BY x) FROM unnest(d.conkey) x)
   AND (SELECT array_agg(x ORDER BY x) FROM unnest(o.confkey) x)
       = (SELECT array_agg(x ORDER BY x) FROM unnest(d.confkey) x)
  JOIN pg_class t ON t.oid = d.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE d.contype = 'f' AND d.conparentid = 0
   AND COALESCE(n.nspname || '.' || t.relname = ANY (?::text[]), true)
 ORDER BY 1, 2, 3, 4
