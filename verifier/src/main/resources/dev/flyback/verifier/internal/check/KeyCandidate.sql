-- A unique, valid, non-partial index on NOT NULL columns only, without expressions, of the table named by the
-- parameter: it can become the primary key as it is (ADD PRIMARY KEY USING INDEX).
SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
 WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indisvalid AND i.indpred IS NULL
   AND i.indexprs IS NULL AND i.indnkeyatts = i.indnatts
   AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey::int2[]) k JOIN pg_attribute a
                     ON a.attrelid = i.indrelid AND a.attnum = k WHERE NOT a.attnotnull)
 ORDER BY i.indnatts, c.relname LIMIT 1
