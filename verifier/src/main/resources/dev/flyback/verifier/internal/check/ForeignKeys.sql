-- Foreign keys with their columns, target, whether an index covers them, and type mismatches.
-- The one parameter: the tables the revision touched (schema.table), or NULL for every table; each row names
-- schema and table first.
SELECT n.nspname, t.relname, c.conname,
       (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY k.o)
          FROM unnest(c.conkey) WITH ORDINALITY k(num, o)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.num) AS columns,
       c.confrelid::regclass::text AS referenced,
       EXISTS (SELECT 1 FROM pg_index i
                WHERE i.indrelid = c.conrelid AND i.indisvalid
                  AND i.indnkeyatts >= cardinality(c.conkey)
                  AND (SELECT array_agg(u.k ORDER BY u.k) FROM unnest(i.indkey::int2[]) WITH ORDINALITY u(k, o)
                        WHERE u.o <= cardinality(c.conkey))
                      = (SELECT array_agg(k ORDER BY k) FROM unnest(c.conkey) k)
                  AND (i.indpred IS NULL
                       OR (cardinality(c.conkey) = 1 AND pg_get_expr(i.indpred, i.indrelid) =
                           (SELECT '(' || quote_ident(a.attname) || ' IS NOT NULL)' FROM pg_attribute a
                             WHERE a.attrelid = c.conrelid AND a.attnum = c.conkey[1])))) AS covered,
       (SELECT string_agg(format('%s %s references %s %s', quote_ident(a.attname),
                                 format_type(a.atttypid, a.atttypmod), quote_ident(r.attname),
                                 format_type(r.atttypid, r.atttypmod)), '; ')
          FROM unnest(c.conkey, c.confkey) AS k(fk, pk)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.fk
          JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = k.pk
         WHERE format_type(a.atttypid, a.atttypmod) <> format_type(r.atttypid, r.atttypmod)) AS mismatches,
       (SELECT string_agg(format('ALTER TABLE %s ALTER COLUMN %I TYPE %s;', c.conrelid::regclass,
                                 a.attname, format_type(r.atttypid, r.atttypmod)), E'\n')
          FROM unnest(c.conkey, c.confkey) AS k(fk, pk)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.fk
          JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = k.pk
         WHERE format_type(a.atttypid, a.atttypmod) <> format_type(r.atttypid, r.atttypmod)) AS retype,
       (SELECT bool_and(ta.typcategory = 'S' AND tr.typcategory = 'S')
          FROM unnest(c.conkey, c.confkey) AS k(fk, pk)
          JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.fk
          JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = k.pk
          JOIN pg_type ta ON ta.oid = a.atttypid JOIN pg_type tr ON tr.oid = r.atttypid
         WHERE format_type(a.atttypid, a.atttypmod) <> format_type(r.atttypid, r.atttypmod)) AS texts
  FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
 WHERE c.contype = 'f' AND c.conparentid = 0
   AND n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
   AND COALESCE(n.nspname || '.' || t.relname = ANY (?::text[]), true)
 ORDER BY 1, 2, 3
