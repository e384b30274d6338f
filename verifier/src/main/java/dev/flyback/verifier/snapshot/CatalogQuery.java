package dev.flyback.verifier.snapshot;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The catalog query behind {@link CatalogReader}: one row per object property.
 *
 * <p>The query is a union of branches, one per family of objects, each belonging to the unit prefix it reads
 * ({@code c} a relation with everything on it, {@code p} a function, {@code t} a type, {@code n} a schema, {@code e}
 * an extension, an {@link ObjectKind}'s own). Reading some units runs only the branches of their prefixes: a
 * PostgreSQL generic plan starts every branch it holds, and the full union cost 0.7 ms per read before reading a
 * single object, more than the one table a typical step touches (measured at 200 revisions: one table's units 1.7 ms
 * with every branch, 1.25 ms with the relation branches alone; issue 18).
 */
final class CatalogQuery {

    private static final String USER_SCHEMAS = """
            SELECT oid, nspname FROM pg_namespace
             WHERE nspname NOT IN ('pg_catalog', 'information_schema')
               AND nspname NOT LIKE 'pg\\_toast%' AND nspname NOT LIKE 'pg\\_temp\\_%'
            """;

    private static final String NOT_IN_EXTENSION = """
            NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.classid = '%s'::regclass AND dep.objid = %s
                         AND dep.deptype = 'e')""";

    private static final String HEAD = """
            WITH f AS ({filter}),
            ns AS (%s),
            rel AS (
              SELECT c.oid, c.relname, c.relkind, c.relowner, c.relacl, ns.nspname
                FROM pg_class c JOIN ns ON ns.oid = c.relnamespace CROSS JOIN f
               WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'S')
                 AND c.relname <> ALL (f.excluded)
                 AND {rels}
                 AND %s
            ),
            tab AS (SELECT * FROM rel WHERE relkind IN ('r', 'p', 'f')),
            objs(unit, type, schema_name, table_name, object_name, arguments, props, ident) AS (
            """.formatted(USER_SCHEMAS, NOT_IN_EXTENSION.formatted("pg_class", "c.oid"));

    private static final String TAIL = """
            )
            SELECT o.type, o.schema_name, o.table_name, o.object_name, o.arguments, p.key, p.value, o.unit, o.ident
              FROM objs o LEFT JOIN LATERAL jsonb_each_text(o.props) p ON true
             ORDER BY o.type, o.schema_name, o.table_name NULLS FIRST, o.object_name, o.arguments NULLS FIRST, p.key
            """;

    /** A branch of the query: objects whose units have the prefix {@code group} ({@code c} for {@code c:16385}). */
    private record Branch(String group, String sql) {
    }

    private static final List<Branch> BRANCHES = List.of(
            new Branch("n", """
                    SELECT 'n:' || n.oid, 'SCHEMA', n.nspname, NULL, n.nspname, NULL,
                           jsonb_build_object('acl', %s, 'comment', %s,
                                              'owner', pg_get_userbyid(n.nspowner)),
                           'n:' || n.oid
                      FROM pg_namespace n JOIN ns ON ns.oid = n.oid CROSS JOIN f
                     WHERE {schemas}""".formatted(
                    acl("n.nspacl", 'n', "n.nspowner"), comment("n.oid", "pg_namespace", "0"))),
            new Branch("e", """
                    SELECT 'e:' || e.oid, 'EXTENSION', n.nspname, NULL, e.extname, NULL,
                           jsonb_build_object('version', e.extversion), 'e:' || e.oid
                      FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace CROSS JOIN f
                     WHERE e.extname <> 'plpgsql' AND {extensions}"""),
            new Branch("c", """
                    SELECT 'c:' || t.oid, 'TABLE', t.nspname, NULL, t.relname, NULL, jsonb_build_object(
                             'kind', CASE c.relkind WHEN 'p' THEN 'partitioned table' WHEN 'f' THEN 'foreign table'
                                                    ELSE 'table' END,
                             'persistence', CASE c.relpersistence WHEN 'u' THEN 'unlogged' WHEN 't' THEN 'temporary'
                                                                  ELSE 'permanent' END,
                             'row_level_security', c.relrowsecurity, 'force_row_level_security', c.relforcerowsecurity,
                             'partition_key', CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
                             'partition_bound', pg_get_expr(c.relpartbound, c.oid),
                             'inherits', (SELECT string_agg(i.inhparent::regclass::text, ', ' ORDER BY i.inhseqno)
                                            FROM pg_inherits i WHERE i.inhrelid = c.oid),
                             'options', c.reloptions::text,
                             'replica_identity', CASE c.relreplident WHEN 'n' THEN 'NOTHING' WHEN 'f' THEN 'FULL'
                               WHEN 'i' THEN 'USING INDEX ' || (SELECT quote_ident(ri.relname) FROM pg_index x
                                                                 JOIN pg_class ri ON ri.oid = x.indexrelid
                                                                WHERE x.indrelid = c.oid AND x.indisreplident) END,
                             'owner', pg_get_userbyid(c.relowner),
                             'comment', %s,
                             'acl', %s), 'c:' || t.oid
                      FROM tab t JOIN pg_class c ON c.oid = t.oid""".formatted(
                    comment("c.oid", "pg_class", "0"), acl("c.relacl", 'r', "c.relowner"))),
            new Branch("c", """
                    SELECT 'c:' || t.oid, 'COLUMN', t.nspname, t.relname, a.attname, NULL, jsonb_build_object(
                             'type', format_type(a.atttypid, a.atttypmod),
                             'nullable', NOT a.attnotnull,
                             'default', CASE WHEN a.attgenerated = '' THEN pg_get_expr(d.adbin, d.adrelid) END,
                             'generated', CASE WHEN a.attgenerated <> '' THEN pg_get_expr(d.adbin, d.adrelid) END,
                             'identity', CASE a.attidentity WHEN 'a' THEN 'ALWAYS' WHEN 'd' THEN 'BY DEFAULT' END,
                             'identity_sequence', (SELECT format('%%s start %%s increment %%s min %%s max %%s cache %%s%%s',
                                                          s.seqtypid::regtype, s.seqstart, s.seqincrement, s.seqmin,
                                                          s.seqmax, s.seqcache, CASE WHEN s.seqcycle THEN ' cycle' END)
                                                     FROM pg_depend dep JOIN pg_sequence s ON s.seqrelid = dep.objid
                                                    WHERE dep.refclassid = 'pg_class'::regclass AND dep.refobjid = t.oid
                                                      AND dep.refobjsubid = a.attnum
                                                      AND dep.deptype = 'i' AND dep.classid = 'pg_class'::regclass
                                                    LIMIT 1),
                             'collation', CASE WHEN a.attcollation <> ty.typcollation
                                               THEN (SELECT collname FROM pg_collation WHERE oid = a.attcollation) END,
                             'statistics', CASE WHEN a.attstattarget >= 0 THEN a.attstattarget END,
                             'comment', %s,
                             'acl', (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(a.attacl) x),
                             'position', row_number() OVER (PARTITION BY t.oid ORDER BY a.attnum)),
                           'c:' || t.oid || '.' || a.attnum
                      FROM tab t JOIN pg_attribute a ON a.attrelid = t.oid
                      JOIN pg_type ty ON ty.oid = a.atttypid
                      LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                     WHERE a.attnum > 0 AND NOT a.attisdropped""".formatted(
                    comment("t.oid", "pg_class", "a.attnum"))),
            new Branch("c", """
                    SELECT 'c:' || t.oid, 'CONSTRAINT', t.nspname, t.relname, con.conname, NULL, jsonb_build_object(
                             'kind', CASE con.contype WHEN 'p' THEN 'PRIMARY KEY' WHEN 'u' THEN 'UNIQUE'
                                        WHEN 'c' THEN 'CHECK' WHEN 'f' THEN 'FOREIGN KEY' WHEN 'x' THEN 'EXCLUDE'
                                        ELSE 'TRIGGER' END,
                             'definition', pg_get_constraintdef(con.oid),
                             'deferrable', con.condeferrable, 'initially_deferred', con.condeferred,
                             'validated', con.convalidated,
                             'comment', %s), 'k:' || con.oid
                      FROM pg_constraint con JOIN tab t ON t.oid = con.conrelid
                     WHERE con.contype IN ('p', 'u', 'c', 'f', 'x', 't')""".formatted(
                    comment("con.oid", "pg_constraint", "0"))),
            new Branch("c", """
                    SELECT 'c:' || t.oid, 'INDEX', t.nspname, t.relname, ic.relname, NULL, jsonb_build_object(
                             'definition', pg_get_indexdef(i.indexrelid),
                             'unique', i.indisunique, 'primary', i.indisprimary, 'valid', i.indisvalid,
                             'method', am.amname,
                             'columns', (SELECT string_agg(pg_get_indexdef(i.indexrelid, k, true), ', ' ORDER BY k)
                                           FROM generate_series(1, i.indnkeyatts) k),
                             'predicate', pg_get_expr(i.indpred, i.indrelid),
                             'comment', %s), 'c:' || ic.oid
                      FROM pg_index i JOIN rel t ON t.oid = i.indrelid AND t.relkind IN ('r', 'p', 'm')
                      JOIN pg_class ic ON ic.oid = i.indexrelid
                      JOIN pg_am am ON am.oid = ic.relam""".formatted(
                    comment("ic.oid", "pg_class", "0"))),
            new Branch("c", """
                    SELECT 'c:' || r.oid, 'SEQUENCE', r.nspname, NULL, r.relname, NULL, jsonb_build_object(
                             'type', s.seqtypid::regtype::text, 'start', s.seqstart, 'increment', s.seqincrement,
                             'min', s.seqmin, 'max', s.seqmax, 'cache', s.seqcache, 'cycle', s.seqcycle,
                             'owned_by', (SELECT dep.refobjid::regclass::text || '.' || quote_ident(a.attname)
                                            FROM pg_depend dep JOIN pg_attribute a
                                              ON a.attrelid = dep.refobjid AND a.attnum = dep.refobjsubid
                                           WHERE dep.objid = r.oid AND dep.classid = 'pg_class'::regclass
                                             AND dep.deptype = 'a' LIMIT 1),
                             'comment', %s,
                             'owner', pg_get_userbyid(r.relowner),
                             'acl', %s), 'c:' || r.oid
                      FROM rel r JOIN pg_sequence s ON s.seqrelid = r.oid
                     WHERE r.relkind = 'S'
                       AND NOT EXISTS (SELECT 1 FROM pg_depend dep WHERE dep.objid = r.oid
                                          AND dep.classid = 'pg_class'::regclass AND dep.deptype = 'i')""".formatted(
                    comment("r.oid", "pg_class", "0"), acl("r.relacl", 's', "r.relowner"))),
            new Branch("c", """
                    SELECT 'c:' || r.oid, CASE r.relkind WHEN 'v' THEN 'VIEW' ELSE 'MATERIALIZED_VIEW' END, r.nspname,
                           NULL, r.relname,
                           NULL, jsonb_build_object(
                             'definition', pg_get_viewdef(r.oid, true),
                             'options', c.reloptions::text,
                             'comment', %s,
                             'owner', pg_get_userbyid(r.relowner),
                             'acl', %s), 'c:' || r.oid
                      FROM rel r JOIN pg_class c ON c.oid = r.oid
                     WHERE r.relkind IN ('v', 'm')""".formatted(
                    comment("r.oid", "pg_class", "0"), acl("r.relacl", 'r', "r.relowner"))),
            new Branch("p", """
                    SELECT 'p:' || p.oid,
                           CASE p.prokind WHEN 'p' THEN 'PROCEDURE' WHEN 'a' THEN 'AGGREGATE' ELSE 'FUNCTION' END,
                           ns.nspname, NULL, p.proname, pg_get_function_identity_arguments(p.oid), jsonb_build_object(
                             'definition', CASE WHEN p.prokind <> 'a' THEN pg_get_functiondef(p.oid) END,
                             'result', pg_get_function_result(p.oid),
                             'aggregate', (SELECT format('sfunc=%%s stype=%%s finalfunc=%%s initcond=%%s', ag.aggtransfn,
                                                         format_type(ag.aggtranstype, NULL), ag.aggfinalfn, ag.agginitval)
                                             FROM pg_aggregate ag WHERE ag.aggfnoid = p.oid),
                             'comment', %s,
                             'owner', pg_get_userbyid(p.proowner),
                             'acl', %s), 'p:' || p.oid
                      FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace CROSS JOIN f
                     WHERE {procs} AND %s""".formatted(
                    comment("p.oid", "pg_proc", "0"), acl("p.proacl", 'f', "p.proowner"), notInExtension("pg_proc", "p.oid"))),
            new Branch("c", """
                    SELECT 'c:' || r.oid, 'TRIGGER', r.nspname, r.relname, tg.tgname, NULL, jsonb_build_object(
                             'definition', pg_get_triggerdef(tg.oid, true),
                             'enabled', tg.tgenabled,
                             'comment', %s), 'g:' || tg.oid
                      FROM pg_trigger tg JOIN rel r ON r.oid = tg.tgrelid
                     WHERE NOT tg.tgisinternal""".formatted(
                    comment("tg.oid", "pg_trigger", "0"))),
            new Branch("t", """
                    SELECT 't:' || ty.oid, CASE ty.typtype WHEN 'e' THEN 'ENUM' WHEN 'd' THEN 'DOMAIN' ELSE 'TYPE' END,
                           ns.nspname, NULL, ty.typname, NULL, jsonb_build_object(
                             'values', (SELECT string_agg(quote_literal(e.enumlabel), ', ' ORDER BY e.enumsortorder)
                                          FROM pg_enum e WHERE e.enumtypid = ty.oid),
                             'base_type', CASE WHEN ty.typtype = 'd' THEN format_type(ty.typbasetype, ty.typtypmod) END,
                             'not_null', CASE WHEN ty.typtype = 'd' THEN ty.typnotnull END,
                             'default', ty.typdefault,
                             'constraints', (SELECT string_agg(dc.conname || ' ' || pg_get_constraintdef(dc.oid), '; '
                                                               ORDER BY dc.conname)
                                               FROM pg_constraint dc WHERE dc.contypid = ty.oid),
                             'attributes', (SELECT string_agg(quote_ident(a.attname) || ' '
                                                              || format_type(a.atttypid, a.atttypmod), ', ' ORDER BY a.attnum)
                                              FROM pg_attribute a
                                             WHERE ty.typtype = 'c' AND a.attrelid = ty.typrelid AND a.attnum > 0
                                               AND NOT a.attisdropped),
                             'subtype', (SELECT format_type(rg.rngsubtype, NULL) FROM pg_range rg
                                          WHERE rg.rngtypid = ty.oid),
                             'comment', %s,
                             'owner', pg_get_userbyid(ty.typowner),
                             'acl', %s), 't:' || ty.oid
                      FROM pg_type ty JOIN ns ON ns.oid = ty.typnamespace CROSS JOIN f
                     WHERE {types} AND (ty.typtype IN ('e', 'd', 'r')
                            OR (ty.typtype = 'c' AND (SELECT relkind FROM pg_class WHERE oid = ty.typrelid) = 'c'))
                       AND %s""".formatted(
                    comment("ty.oid", "pg_type", "0"), acl("ty.typacl", 'T', "ty.typowner"), notInExtension("pg_type", "ty.oid"))),
            new Branch("c", """
                    SELECT 'c:' || t.oid, 'POLICY', t.nspname, t.relname, pol.polname, NULL, jsonb_build_object(
                             'command', pol.polcmd, 'permissive', pol.polpermissive,
                             'roles', (SELECT string_agg(CASE WHEN r = 0 THEN 'public' ELSE pg_get_userbyid(r)::text END,
                                                         ', ' ORDER BY 1)
                                         FROM unnest(pol.polroles) r),
                             'using', pg_get_expr(pol.polqual, pol.polrelid),
                             'with_check', pg_get_expr(pol.polwithcheck, pol.polrelid)), 'o:' || pol.oid
                      FROM pg_policy pol JOIN tab t ON t.oid = pol.polrelid"""),
            new Branch("c", """
                    SELECT 'c:' || r.oid, 'RULE', r.nspname, r.relname, rw.rulename, NULL,
                           jsonb_build_object('definition', pg_get_ruledef(rw.oid, true)), 'w:' || rw.oid
                      FROM pg_rewrite rw JOIN rel r ON r.oid = rw.ev_class
                     WHERE rw.rulename <> '_RETURN'"""));

    /** Every prefix some branch reads. */
    private static final Set<String> GROUPS = groups();

    /** Every object; the parameter is the excluded table names. */
    static final String SQL = query(null);

    /** The queries for some units, by the prefixes they read. */
    private static final Map<Set<String>, String> SOME = new ConcurrentHashMap<>();

    private CatalogQuery() {
    }

    /**
     * The query for some units: only the branches of their prefixes. The parameters are the excluded table names,
     * then the OIDs of the relations, functions, types, schemas and extensions to read, then every unit to read (for
     * the {@link ObjectKind}s). Empty when no branch reads any of them.
     */
    static java.util.Optional<String> some(Collection<String> units) {
        Set<String> groups = units.stream().map(CatalogQuery::group).collect(Collectors.toCollection(TreeSet::new));
        groups.retainAll(GROUPS);
        return groups.isEmpty() ? java.util.Optional.empty()
                : java.util.Optional.of(SOME.computeIfAbsent(Set.copyOf(groups), CatalogQuery::query));
    }

    /** The prefix of a unit: {@code c} of {@code c:16385}, {@code pg_cast} of {@code pg_cast:16390}. */
    private static String group(String unit) {
        int colon = unit.indexOf(':');
        return colon < 0 ? unit : unit.substring(0, colon);
    }

    /** Every prefix some branch reads. */
    private static Set<String> groups() {
        Set<String> groups = new TreeSet<>();
        BRANCHES.forEach(branch -> groups.add(branch.group()));
        ObjectKinds.ALL.forEach(kind -> groups.add(kind.unitGroup()));
        return Set.copyOf(groups);
    }

    /** The query reading every object (groups null) or the objects of the units with these prefixes. */
    private static String query(Set<String> groups) {
        boolean some = groups != null;
        String branches = java.util.stream.Stream.concat(
                        BRANCHES.stream().filter(branch -> !some || groups.contains(branch.group()))
                                .map(Branch::sql),
                        ObjectKinds.ALL.stream().filter(kind -> !some || groups.contains(kind.unitGroup()))
                                .map(kind -> kind(kind, some)))
                .collect(Collectors.joining("\nUNION ALL\n"));
        return (HEAD + branches + TAIL)
                .replace("{filter}", some
                        ? "SELECT ?::text[] AS excluded, ?::oid[] AS rels, ?::oid[] AS procs, ?::oid[] AS types, "
                                + "?::oid[] AS schemas, ?::oid[] AS extensions, ?::text[] AS units"
                        : "SELECT ?::text[] AS excluded")
                .replace("{rels}", some ? "c.oid = ANY (f.rels)" : "true")
                .replace("{procs}", some ? "p.oid = ANY (f.procs)" : "true")
                .replace("{types}", some ? "ty.oid = ANY (f.types)" : "true")
                .replace("{schemas}", some ? "n.oid = ANY (f.schemas)" : "true")
                .replace("{extensions}", some ? "e.oid = ANY (f.extensions)" : "true");
    }

    /**
     * An {@link ObjectKind}'s branch: its objects, less PostgreSQL's own (OIDs below 16384) and the extensions'
     * (described by the extension), of the wanted units only when some are.
     */
    private static String kind(ObjectKind kind, boolean some) {
        return "SELECT k.unit, '" + kind.type().name() + "', k.schema_name, k.table_name, k.object_name, "
                + "k.arguments, k.props, k.ident\n  FROM (" + kind.select() + ") k(unit, schema_name, table_name, "
                + "object_name, arguments, props, ident, oid) CROSS JOIN f\n WHERE k.oid >= 16384 AND "
                + NOT_IN_EXTENSION.formatted(kind.catalogs().get(0).name(), "k.oid")
                + (some ? " AND k.unit = ANY (f.units)" : "");
    }

    private static String notInExtension(String catalog, String oid) {
        return NOT_IN_EXTENSION.formatted(catalog, oid);
    }

    /**
     * An object's comment, read from {@code pg_description} by its index. Not {@code obj_description}: that is an
     * SQL function, planned and run as a query of its own for every object, and it made a third of a one-table read
     * (1.25 ms against 0.70 ms, issue 18).
     */
    private static String comment(String oid, String catalog, String subId) {
        return "(SELECT cmt.description FROM pg_description cmt WHERE cmt.objoid = %s AND cmt.classoid = '%s'::regclass "
                .formatted(oid, catalog) + "AND cmt.objsubid = " + subId + ")";
    }

    /** Privileges with the owner's default spelled out and items sorted, so equal grants compare equal. */
    private static String acl(String column, char kind, String owner) {
        return "(SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(coalesce(%s, acldefault('%s', %s))) x)"
                .formatted(column, kind, owner);
    }
}
