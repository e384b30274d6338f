-- Foreign keys whose ON DELETE or ON UPDATE sets NULL a column declared NOT NULL (the column list of
-- SET NULL (col), PostgreSQL 15+, read from the row as JSON so that one query serves 14 too).
-- The one parameter: the tables the revision touched (schema.table), or NULL for every table; each row names
-- schema and table first.
SELECT n.nspname, t.relname, c.conname, pg_get_constraintdef(c.oid),
       string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),
       CASE WHEN c.confdeltype = 'n' THEN 'ON DELETE' ELSE 'ON UPDATE' END
  FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
  JOIN pg_namespace n ON n.oid = t.relnamespace
  JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnotnull
   AND a.attnum = ANY (CASE WHEN c.confdeltype = 'n'
                             AND jsonb_typeof(to_jsonb(c) -> 'confdelsetcols') = 'array'
                             AND jsonb_array_length(to_jsonb(c) -> 'confdelsetcols') > 0
                            THEN ARRAY(SELECT x::int2 FROM jsonb_array_elements_text(
                                           to_jsonb(c) -> 'confdelsetcols') x)
                            ELSE c.conkey END)
 WHERE c.contype = 'f' AND c.conparentid = 0 AND (c.confdeltype = 'n' OR c.confupdtype = 'n')
   AND COALESCE(n.nspname || '.' || t.relname = ANY (?::text[]), true)
 GROUP BY n.nspname, t.relname, c.conname, c.oid, c.confdeltype
 ORDER BY 1, 2, 3
