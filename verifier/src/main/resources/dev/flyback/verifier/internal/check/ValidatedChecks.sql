-- Every validated CHECK constraint, with its table: one that proves a column NOT NULL lets SET NOT NULL skip its scan
-- (PostgreSQL 12+).
SELECT n.nspname, c.relname, pg_get_constraintdef(k.oid)
  FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE k.contype = 'c' AND k.convalidated
