package dev.flyback.verifier.internal.ddl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A statement that views stand in the way of, with the views dropped before it and created again after it, as
 * PostgreSQL's {@code pg_depend} lists them (a view on a view first dropped, last created). PostgreSQL refuses to drop
 * or retype a column a view reads ({@code cannot drop column ... because other objects depend on it}, {@code cannot
 * alter type of a column used by a view or rule}) and {@code CREATE OR REPLACE VIEW} cannot drop, rename or retype a
 * view's columns: on the real histories (docs/undo.md) these were most of the undos Flyback wrote that failed, 21 of
 * Lemmy's. The views come back as they are at that point (their definition, indexes of a materialized view, comment
 * and grants); one that no longer fits (it reads the dropped column) makes the whole statement fail, and it is said.
 */
final class ViewsAround {
    /** {@code ALTER TABLE t DROP COLUMN IF EXISTS c;} or {@code ALTER TABLE t ALTER COLUMN c TYPE ...}. */
    private static final Pattern COLUMN = Pattern.compile(
            "^ALTER TABLE (\\S+) (?:DROP COLUMN IF EXISTS (\\S+?);|ALTER COLUMN (\\S+) TYPE )");
    /** {@code CREATE OR REPLACE VIEW v AS ...}. */
    private static final Pattern VIEW = Pattern.compile("^CREATE OR REPLACE VIEW (\\S+) AS\\s");
    /** {@code DROP MATERIALIZED VIEW IF EXISTS m; CREATE MATERIALIZED VIEW m AS ...}: a redefined one. */
    private static final Pattern MATERIALIZED = Pattern.compile(
            "^DROP MATERIALIZED VIEW IF EXISTS (\\S+);\nCREATE MATERIALIZED VIEW \\S+ AS\\s");

    /** Whether {@code sql} redefines a materialized view, which loses its indexes unless wrapped. */
    static boolean redefinesMaterialized(String sql) {
        return MATERIALIZED.matcher(sql).find();
    }

    /** What a view needs to be created again: its definition, indexes (a materialized view's), comment, grants. */
    private static final String DETAILS = """
            c.oid AS oid, c.oid::regclass::text AS name, c.relkind = 'm' AS materialized, pg_get_viewdef(c.oid, true) AS definition,
                   obj_description(c.oid, 'pg_class') AS comment,
                   (SELECT string_agg(pg_get_indexdef(i.indexrelid) || ';', E'\\n' ORDER BY i.indexrelid)
                      FROM pg_index i WHERE i.indrelid = c.oid) AS indexes,
                   (SELECT string_agg(format('GRANT %s ON %s TO %s;', a.privilege_type, c.oid::regclass,
                                             CASE WHEN a.grantee = 0 THEN 'PUBLIC'
                                                  ELSE quote_ident(pg_get_userbyid(a.grantee)) END), E'\\n'
                                      ORDER BY a.grantee, a.privilege_type)
                      FROM aclexplode(c.relacl) a WHERE a.grantee <> c.relowner) AS grants
            """;

    /** The views that read the relation (one column of it, or any), each once, the deepest last. */
    private static final String DEPENDENTS = """
            WITH RECURSIVE dependent(oid, depth) AS (
                SELECT DISTINCT r.ev_class, 1
                  FROM pg_depend d JOIN pg_rewrite r ON r.oid = d.objid
                 WHERE d.classid = 'pg_rewrite'::regclass AND d.refclassid = 'pg_class'::regclass
                   AND d.refobjid = ?::regclass AND r.ev_class <> d.refobjid
                   AND (?::text IS NULL OR d.refobjsubid = (SELECT attnum FROM pg_attribute
                                                             WHERE attrelid = ?::regclass AND attname = ?::text))
              UNION
                SELECT r.ev_class, dependent.depth + 1
                  FROM dependent JOIN pg_depend d ON d.refobjid = dependent.oid
                   AND d.refclassid = 'pg_class'::regclass AND d.classid = 'pg_rewrite'::regclass
                  JOIN pg_rewrite r ON r.oid = d.objid AND r.ev_class <> dependent.oid
                 WHERE dependent.depth < 50)
            SELECT
            """ + DETAILS + """
              FROM (SELECT oid, max(depth) AS depth FROM dependent GROUP BY oid) dependent
              JOIN pg_class c ON c.oid = dependent.oid
             ORDER BY dependent.depth, c.oid
            """;

    /** The same details of one view. */
    private static final String ITSELF = "SELECT " + DETAILS + " FROM pg_class c WHERE c.oid = ?::regclass "
            + "AND c.relkind IN ('v', 'm')";

    private ViewsAround() {
    }

    /**
     * What a wrap runs, and the pending statements it took in: a view in the way that a later statement of the
     * script restores is created again as that statement says, and that statement is done.
     */
    record Wrapped(String sql, List<String> consumed) {
    }

    private record View(long oid, String name, boolean materialized, String definition, Optional<String> comment,
                        Optional<String> indexes, Optional<String> grants) {
        String drop() {
            return "DROP " + (materialized ? "MATERIALIZED VIEW " : "VIEW ") + name + ";";
        }

        String create(String body) {
            StringBuilder sql = new StringBuilder("CREATE ").append(materialized ? "MATERIALIZED VIEW " : "VIEW ")
                    .append(name).append(" AS\n").append(body.strip().replaceAll(";$", "")).append(';');
            indexes.ifPresent(i -> sql.append('\n').append(i));
            comment.ifPresent(c -> sql.append("\nCOMMENT ON ").append(materialized ? "MATERIALIZED VIEW " : "VIEW ")
                    .append(name).append(" IS '").append(c.replace("'", "''")).append("';"));
            grants.ifPresent(g -> sql.append('\n').append(g));
            return sql.toString();
        }
    }

    /**
     * {@code sql} with the views in its way dropped before and created after it, when it is a statement views can
     * stand in the way of and some do; else empty.
     */
    static Optional<Wrapped> wrap(Connection connection, String sql, List<String> pending) throws SQLException {
        Matcher column = COLUMN.matcher(sql);
        if (column.find()) {
            String name = unquote(column.group(2) != null ? column.group(2) : column.group(3));
            return around(connection, dependents(connection, column.group(1), name), sql, pending);
        }
        Matcher view = VIEW.matcher(sql);
        if (!view.find()) {
            view = MATERIALIZED.matcher(sql);
        }
        if (view.reset().find()) {
            String body = sql.substring(view.end());
            // The view itself is dropped and created anew (CREATE OR REPLACE cannot change its columns); its
            // comment, grants and indexes come back with it.
            Optional<View> itself = self(connection, view.group(1));
            if (itself.isEmpty()) {
                return Optional.empty();
            }
            return around(connection, dependents(connection, view.group(1), null), itself.get().drop() + "\n"
                    + itself.get().create(body), pending);
        }
        return Optional.empty();
    }

    private static Optional<Wrapped> around(Connection connection, List<View> views, String statement,
                                            List<String> pending) throws SQLException {
        boolean replacesView = VIEW.matcher(statement).find() || statement.startsWith("DROP VIEW")
                || statement.startsWith("DROP MATERIALIZED VIEW");
        if (views.isEmpty() && !replacesView) {
            return Optional.empty();
        }
        // Views the script restores later are created as it restores them.
        java.util.Map<Long, String> restored = new java.util.HashMap<>();
        java.util.Map<Long, String> restoring = new java.util.HashMap<>();
        for (String other : pending) {
            Matcher later = VIEW.matcher(other);
            if (later.find() && !other.equals(statement)) {
                Optional<View> target = self(connection, later.group(1));
                if (target.isPresent()) {
                    restored.put(target.get().oid(), other.substring(later.end()));
                    restoring.put(target.get().oid(), other);
                }
            }
        }
        List<String> consumed = new ArrayList<>();
        StringBuilder sql = new StringBuilder();
        for (int i = views.size() - 1; i >= 0; i--) {
            sql.append(views.get(i).drop()).append('\n');
        }
        sql.append(statement.strip());
        for (View view : views) {
            String body = restored.get(view.oid());
            if (body != null) {
                consumed.add(restoring.get(view.oid()));
            }
            sql.append('\n').append(view.create(body != null ? body : view.definition()));
        }
        return Optional.of(new Wrapped(sql.toString(), consumed));
    }

    private static List<View> dependents(Connection connection, String relation, String column) throws SQLException {
        return query(connection, DEPENDENTS, relation, column, relation, column);
    }

    private static Optional<View> self(Connection connection, String relation) throws SQLException {
        return query(connection, ITSELF, relation).stream().findFirst();
    }

    /** The views a query lists; none when it fails (a name PostgreSQL does not know), under a savepoint. */
    private static List<View> query(Connection connection, String sql, String... parameters) throws SQLException {
        List<View> views = new ArrayList<>();
        java.sql.Savepoint before = connection.setSavepoint();
        try (PreparedStatement query = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                query.setString(i + 1, parameters[i]);
            }
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    views.add(view(rows));
                }
            }
            connection.releaseSavepoint(before);
        } catch (SQLException e) {
            connection.rollback(before);
            return List.of();
        }
        return views;
    }

    private static View view(ResultSet rows) throws SQLException {
        return new View(rows.getLong("oid"), rows.getString("name"), rows.getBoolean("materialized"), rows.getString("definition"),
                Optional.ofNullable(rows.getString("comment")), Optional.ofNullable(rows.getString("indexes")),
                Optional.ofNullable(rows.getString("grants")));
    }

    private static String unquote(String name) {
        return name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1).replace("\"\"", "\"")
                : name;
    }
}
