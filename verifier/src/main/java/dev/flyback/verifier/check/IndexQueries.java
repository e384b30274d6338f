package dev.flyback.verifier.check;

/** The catalog queries behind {@link IndexChecks}; each row names schema and table first. */
final class IndexQueries {
    private static final String USER_TABLES = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg\\_toast%'";

    /**
     * Only the tables the revision touched ({@code schema.table}, the one parameter), or every table when the
     * parameter is NULL: the filter runs in the database, so a check costs what the revision changed.
     */
    private static final String JUDGED = "COALESCE(n.nspname || '.' || %s.relname = ANY (?::text[]), true)";

    /** Foreign keys with their columns, target, whether an index covers them, and type mismatches. */
    static final String FOREIGN_KEYS = """
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
                   (SELECT string_agg(format('%%s %%s references %%s %%s', quote_ident(a.attname),
                                             format_type(a.atttypid, a.atttypmod), quote_ident(r.attname),
                                             format_type(r.atttypid, r.atttypmod)), '; ')
                      FROM unnest(c.conkey, c.confkey) AS k(fk, pk)
                      JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.fk
                      JOIN pg_attribute r ON r.attrelid = c.confrelid AND r.attnum = k.pk
                     WHERE format_type(a.atttypid, a.atttypmod) <> format_type(r.atttypid, r.atttypmod)) AS mismatches,
                   (SELECT string_agg(format('ALTER TABLE %%s ALTER COLUMN %%I TYPE %%s;', c.conrelid::regclass,
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
             WHERE c.contype = 'f' AND c.conparentid = 0 AND %s AND %s
             ORDER BY 1, 2, 3
            """.formatted(USER_TABLES, JUDGED.formatted("t"));

    /** Tables (not partitions) without a primary key. */
    static final String TABLES_WITHOUT_PRIMARY_KEY = """
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND %s AND %s
               AND NOT EXISTS (SELECT 1 FROM pg_constraint p WHERE p.conrelid = c.oid AND p.contype = 'p')
               AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                                  AND d.deptype = 'e')
             ORDER BY 1, 2
            """.formatted(USER_TABLES, JUDGED.formatted("c"));

    /** Index a is redundant when its key columns lead index b's (same method, both plain and valid). */
    static final String REDUNDANT_INDEXES = """
            SELECT DISTINCT ON (n.nspname, t.relname, ia.relname)
                   n.nspname, t.relname, ia.relname, ib.relname, pg_get_indexdef(a.indexrelid),
                   pg_get_indexdef(b.indexrelid)
              FROM pg_index a JOIN pg_index b ON a.indrelid = b.indrelid AND a.indexrelid <> b.indexrelid
              JOIN pg_class ia ON ia.oid = a.indexrelid JOIN pg_class ib ON ib.oid = b.indexrelid
              JOIN pg_class t ON t.oid = a.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
             WHERE %s AND %s AND a.indpred IS NULL AND b.indpred IS NULL AND a.indexprs IS NULL AND b.indexprs IS NULL
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
            """.formatted(USER_TABLES, JUDGED.formatted("t"));

    /** Indexes PostgreSQL marked invalid. */
    static final String INVALID_INDEXES = """
            SELECT n.nspname, t.relname, ic.relname, pg_get_indexdef(i.indexrelid)
              FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
              JOIN pg_namespace n ON n.oid = t.relnamespace
             WHERE NOT i.indisvalid AND %s AND %s
             ORDER BY 1, 2, 3
            """.formatted(USER_TABLES, JUDGED.formatted("t"));

    /**
     * Columns named like a table's single-column key ({@code user_id} or {@code userid} for {@code users.id} or
     * {@code user.id}), of its type, with no FK. The judged tables' candidate columns are found first and joined to
     * the keys by the table name their own name implies, so the cost follows the judged tables, not the schema.
     */
    static final String MISSING_FOREIGN_KEYS = """
            WITH judged AS MATERIALIZED (
              SELECT t.oid, n.nspname, t.relname FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
               WHERE t.relkind IN ('r', 'p') AND NOT t.relispartition AND %s AND %s
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
               WHERE p.contype = 'p' AND cardinality(p.conkey) = 1 AND %s
            )
            SELECT col.nspname, col.relname, col.attname, pk.nspname, pk.relname, pk.pk_column, pk.pk_type
              FROM candidate col JOIN pk ON pk.relname IN (col.base, col.base || 's') AND col.type = pk.pk_type
             WHERE NOT (col.oid = pk.table_oid AND col.attname = pk.pk_column)
               AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.conrelid = col.oid AND f.contype = 'f'
                                  AND col.attnum = ANY (f.conkey))
             ORDER BY 1, 2, 3
            """.formatted(USER_TABLES, JUDGED.formatted("t"), USER_TABLES);

    private IndexQueries() {
    }

    /**
     * A unique, valid, non-partial index on NOT NULL columns only, without expressions, of the table named by the
     * parameter: it can become the primary key as it is ({@code ADD PRIMARY KEY USING INDEX}).
     */
    static final String KEY_CANDIDATE = """
            SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
             WHERE i.indrelid = to_regclass(?) AND i.indisunique AND i.indisvalid AND i.indpred IS NULL
               AND i.indexprs IS NULL AND i.indnkeyatts = i.indnatts
               AND NOT EXISTS (SELECT 1 FROM unnest(i.indkey::int2[]) k JOIN pg_attribute a
                                 ON a.attrelid = i.indrelid AND a.attnum = k WHERE NOT a.attnotnull)
             ORDER BY i.indnatts, c.relname LIMIT 1
            """;
}
