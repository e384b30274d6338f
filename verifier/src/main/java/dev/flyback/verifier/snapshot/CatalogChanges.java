package dev.flyback.verifier.snapshot;

/**
 * The catalog queries behind {@link CatalogTracker}: which snapshot units (a relation with everything on it, a
 * function, a type, a schema, an extension) a step touched, found from the catalog rows it wrote.
 *
 * <p>A catalog row a transaction inserts or updates carries that transaction's id as its {@code xmin}, so the rows
 * written since a watermark (the oldest transaction still running when the previous read was taken) are exactly what
 * changed. Rows a step deleted leave no trace; they are found by counting the rows of each catalog whose objects can
 * disappear on their own ({@link #TRACKED}) and, when a count fell, asking which of the known OIDs are gone.
 */
final class CatalogChanges {
    /** The catalogs whose rows are counted and remembered, to find deleted objects. */
    static final java.util.List<String> TRACKED = java.util.stream.Stream.concat(java.util.stream.Stream.of(
            "pg_class", "pg_constraint", "pg_trigger", "pg_policy", "pg_rewrite", "pg_proc", "pg_type",
            "pg_namespace", "pg_extension", "pg_description"), ObjectKinds.ALL.stream()
            .flatMap(kind -> kind.catalogs().stream()).map(ObjectKind.Catalog::name)).distinct().toList();

    /** The catalog of comments, whose rows have no OID: a key is {@code objoid/classoid/objsubid}. */
    static final String DESCRIPTIONS = "pg_description";

    /** OIDs below this belong to PostgreSQL itself. */
    private static final String USER_OID = "16384";

    /**
     * The unit an object ({@code k.classid}, {@code k.objid}) belongs to, or NULL when no snapshot object does: a
     * table's row type, an array type and a TOAST table's index are none (a new table touched four units for one
     * before, issue 18).
     */
    private static final String UNIT_OF = """
            CASE k.classid
              WHEN 'pg_class'::regclass THEN (
                SELECT CASE WHEN c.relkind IN ('i', 'I') THEN (SELECT 'c:' || i.indrelid FROM pg_index i
                                                                 JOIN pg_class t ON t.oid = i.indrelid
                                                                WHERE i.indexrelid = c.oid AND t.relkind <> 't')
                            WHEN c.relkind = 'c' THEN 't:' || c.reltype
                            WHEN c.relkind = 't' THEN NULL
                            ELSE 'c:' || c.oid END
                  FROM pg_class c WHERE c.oid = k.objid)
              WHEN 'pg_constraint'::regclass THEN (
                SELECT CASE WHEN x.conrelid <> 0 THEN 'c:' || x.conrelid ELSE 't:' || x.contypid END
                  FROM pg_constraint x WHERE x.oid = k.objid)
              WHEN 'pg_trigger'::regclass THEN (SELECT 'c:' || x.tgrelid FROM pg_trigger x WHERE x.oid = k.objid)
              WHEN 'pg_policy'::regclass THEN (SELECT 'c:' || x.polrelid FROM pg_policy x WHERE x.oid = k.objid)
              WHEN 'pg_rewrite'::regclass THEN (SELECT 'c:' || x.ev_class FROM pg_rewrite x WHERE x.oid = k.objid)
              WHEN 'pg_attrdef'::regclass THEN (SELECT 'c:' || x.adrelid FROM pg_attrdef x WHERE x.oid = k.objid)
              WHEN 'pg_proc'::regclass THEN 'p:' || k.objid
              WHEN 'pg_type'::regclass THEN (
                SELECT 't:' || y.oid FROM pg_type y
                 WHERE y.oid = k.objid AND (y.typtype IN ('e', 'd', 'r')
                        OR (y.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = y.typrelid) = 'c')))
              WHEN 'pg_namespace'::regclass THEN 'n:' || k.objid
              WHEN 'pg_extension'::regclass THEN 'e:' || k.objid
            {kinds}END""".replace("{kinds}", ObjectKinds.ALL.stream().flatMap(kind -> kind.catalogs().stream())
            .map(catalog -> "  WHEN '" + catalog.name() + "'::regclass THEN " + catalog.unitOf() + "\n")
            .distinct().collect(java.util.stream.Collectors.joining()));

    /**
     * Whether row {@code x} was written since the watermark: its {@code xmin} is no older than the watermark's.
     * ({@code age} counts back from the current transaction and stays exact across xid wrap-around; rows frozen or
     * written by the bootstrap have the largest age there is.) The watermark's age is a sub-select, computed once,
     * so that each catalog is a plain filtered scan rather than a join.
     */
    private static final String WRITTEN = "age(x.xmin) <= (SELECT w.age FROM w)";

    /**
     * Rows {@code (kind, key, unit)}: {@code watermark} (the next read's watermark, in {@code key}), {@code roles}
     * (a digest of the role names, which privileges print), {@code count} (rows of a tracked catalog, in {@code unit}),
     * {@code changed} (a written row: its key when its catalog is tracked, and its unit), {@code dependent} (an object
     * whose description names a changed one, such as a view on a renamed table). The parameter is the watermark.
     */
    static final String CHANGES = """
            WITH w AS (SELECT age(?::text::xid) AS age),
            tracked(catalog, total, written) AS (
              %3$s
            ),
            written(classid, objid, key, names) AS (
              SELECT CASE WHEN t.catalog = '%5$s' THEN split_part(k, '/', 2)::oid ELSE t.catalog::regclass::oid END,
                     split_part(k, '/', 1)::oid, t.catalog || ':' || k, t.catalog <> '%5$s'
                FROM tracked t CROSS JOIN LATERAL unnest(t.written) k
              UNION ALL SELECT 'pg_class'::regclass::oid, x.attrelid, NULL, true
                FROM pg_attribute x WHERE x.attrelid >= %2$s AND x.attnum > 0 AND %1$s
              UNION ALL SELECT 'pg_class'::regclass::oid, x.adrelid, NULL, false
                FROM pg_attrdef x WHERE %1$s
              UNION ALL SELECT 'pg_class'::regclass::oid, x.indexrelid, NULL, false
                FROM pg_index x WHERE x.indexrelid >= %2$s AND %1$s
              UNION ALL SELECT 'pg_class'::regclass::oid, r.relid, NULL, false
                FROM pg_inherits x CROSS JOIN LATERAL (VALUES (x.inhrelid), (x.inhparent)) r(relid) WHERE %1$s
              UNION ALL SELECT 'pg_class'::regclass::oid, r.relid, NULL, false
                FROM pg_sequence x CROSS JOIN LATERAL (
                       SELECT x.seqrelid UNION ALL SELECT d.refobjid FROM pg_depend d
                        WHERE d.classid = 'pg_class'::regclass AND d.objid = x.seqrelid AND d.deptype IN ('a', 'i')
                     ) r(relid) WHERE %1$s
              UNION ALL SELECT 'pg_proc'::regclass::oid, x.aggfnoid::oid, NULL, false
                FROM pg_aggregate x WHERE x.aggfnoid::oid >= %2$s AND %1$s
              UNION ALL SELECT 'pg_type'::regclass::oid, x.enumtypid, NULL, false FROM pg_enum x WHERE %1$s
              UNION ALL SELECT 'pg_type'::regclass::oid, x.rngtypid, NULL, false FROM pg_range x WHERE %1$s
              UNION ALL SELECT r.classid, r.objid, NULL, false
                -- the referenced end only when a relation: a column's identity sequence is read from it, while no
                -- property of a schema, type or function is, and every object created touched its schema
                FROM pg_depend x CROSS JOIN LATERAL (
                       SELECT x.classid, x.objid
                       UNION ALL SELECT x.refclassid, x.refobjid WHERE x.refclassid = 'pg_class'::regclass
                     ) r(classid, objid) WHERE x.objid >= %2$s AND %1$s
            ),
            named AS (
              -- a lookup per written row (OFFSET 0 keeps the planner, which expects thousands, from scanning all)
              SELECT DISTINCT d.classid, d.objid FROM written k CROSS JOIN LATERAL (
                       SELECT d.classid, d.objid FROM pg_depend d
                        WHERE d.refclassid = k.classid AND d.refobjid = k.objid OFFSET 0) d
               WHERE k.names
            )
            SELECT 'watermark', txid_snapshot_xmin(txid_current_snapshot()) %% 4294967296 || '', NULL
            UNION ALL
            SELECT 'roles', (SELECT md5(string_agg(oid || ':' || rolname, ',' ORDER BY oid)) FROM pg_roles), NULL
            UNION ALL
            SELECT 'count', t.catalog, t.total::text FROM tracked t
            UNION ALL
            SELECT DISTINCT 'changed', k.key, %4$s FROM written k
            UNION ALL
            SELECT DISTINCT 'dependent', NULL, %4$s FROM named k
            """.formatted(WRITTEN, USER_OID, tracked(), UNIT_OF, DESCRIPTIONS);

    /** Rows {@code (key, unit)} for every user object of the tracked catalogs: the first read's memory. */
    static final String KEYS = trackedRows().replace("__SELECT__", "k.key, " + UNIT_OF);

    /** The keys of a parameter array ({@code text[]}) whose rows no longer exist in the catalog. */
    static String vanished(String catalog) {
        if (catalog.equals(DESCRIPTIONS)) {
            return "SELECT k FROM unnest(?::text[]) k WHERE NOT EXISTS (SELECT 1 FROM pg_description d "
                    + "WHERE d.objoid = split_part(k, '/', 1)::oid AND d.classoid = split_part(k, '/', 2)::oid "
                    + "AND d.objsubid = split_part(k, '/', 3)::int)";
        }
        return "SELECT k FROM unnest(?::text[]) k WHERE NOT EXISTS (SELECT 1 FROM " + catalog + " WHERE oid = k::oid)";
    }

    private CatalogChanges() {
    }

    /**
     * The rows of a tracked catalog that can describe a user's object, as {@code FROM ... x WHERE ...}: OIDs from
     * {@value #USER_OID} on, and every schema, since {@code public} is older. The comments on objects are read by
     * their index and those on schemas through the schemas: a filter on both scanned every comment PostgreSQL ships
     * (5 000 rows, a quarter of the query's time; issue 18).
     */
    private static String userRows(String catalog) {
        return switch (catalog) {
            case DESCRIPTIONS -> "FROM (SELECT d.xmin, d.objoid, d.classoid, d.objsubid FROM pg_description d WHERE "
                    + "d.objoid >= " + USER_OID + " UNION ALL SELECT d.xmin, d.objoid, d.classoid, d.objsubid FROM "
                    + "pg_namespace n JOIN pg_description d ON d.objoid = n.oid AND d.classoid = "
                    + "'pg_namespace'::regclass WHERE n.oid < " + USER_OID + ") x";
            case "pg_namespace" -> "FROM " + catalog + " x";
            default -> "FROM " + catalog + " x WHERE x.oid >= " + USER_OID;
        };
    }

    /**
     * One scan per tracked catalog: its user rows counted, and the keys of those written since the watermark
     * ({@code oid}, or {@code objoid/classoid/objsubid} for comments).
     */
    private static String tracked() {
        StringBuilder sql = new StringBuilder();
        for (String catalog : TRACKED) {
            if (!sql.isEmpty()) {
                sql.append("\n  UNION ALL ");
            }
            String key = catalog.equals(DESCRIPTIONS) ? "x.objoid || '/' || x.classoid || '/' || x.objsubid"
                    : "x.oid::text";
            sql.append("SELECT '").append(catalog).append("', count(*), array_agg(").append(key)
                    .append(") FILTER (WHERE ").append(WRITTEN).append(") ").append(userRows(catalog));
        }
        return sql.toString();
    }

    private static String trackedRows() {
        StringBuilder sql = new StringBuilder("SELECT __SELECT__ FROM (");
        for (String catalog : TRACKED) {
            if (!catalog.equals(TRACKED.get(0))) {
                sql.append("\nUNION ALL ");
            }
            if (catalog.equals(DESCRIPTIONS)) {
                sql.append("SELECT x.classoid, x.objoid, '").append(catalog).append(":' || x.objoid || '/' "
                        + "|| x.classoid || '/' || x.objsubid ").append(userRows(catalog));
            } else {
                sql.append("SELECT '").append(catalog).append("'::regclass::oid, x.oid, '").append(catalog)
                        .append(":' || x.oid ").append(userRows(catalog));
            }
        }
        return sql.append(") k(classid, objid, key)").toString();
    }
}
