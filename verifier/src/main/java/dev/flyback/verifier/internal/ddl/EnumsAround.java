package dev.flyback.verifier.internal.ddl;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An enum made again with other labels ({@code ALTER TYPE t RENAME TO t__flyback_old; CREATE TYPE t AS ENUM (...);
 * DROP TYPE t__flyback_old;}, which {@code FixHints} writes where a label must go), with the columns that use the type
 * moved onto the new one in between: {@code USING c::text::t}, their defaults taken off and put back. PostgreSQL
 * cannot drop an enum label; on the real histories this was Lemmy's {@code CHANGED_ENUM} (docs/undo.md). A row holding
 * a label the new type lacks makes the statement fail, which the proof shows.
 */
final class EnumsAround {
    private static final Pattern REMADE = Pattern.compile(
            "^ALTER TYPE (\\S+) RENAME TO (\\S+);\\nCREATE TYPE \\S+ AS ENUM \\(.*\\);\\n(DROP TYPE \\S+;)", Pattern.DOTALL);

    /** The columns of tables that use the type or an array of it, with their defaults. */
    private static final String COLUMNS = """
            SELECT format('%s', a.attrelid::regclass) AS tab, quote_ident(a.attname) AS col,
                   a.atttypid <> t.oid AS array_of, pg_get_expr(d.adbin, d.adrelid) AS default_value
              FROM pg_type t
              JOIN pg_attribute a ON a.atttypid IN (t.oid, t.typarray) AND a.attnum > 0 AND NOT a.attisdropped
              JOIN pg_class c ON c.oid = a.attrelid AND c.relkind IN ('r', 'p')
              LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
             WHERE t.oid = ?::regtype
             ORDER BY a.attrelid, a.attnum
            """;

    private EnumsAround() {
    }

    /** {@code sql} with the columns that use the enum moved onto its new self, when it remakes an enum; else empty. */
    static Optional<String> wrap(Connection connection, String sql) throws SQLException {
        Matcher remade = REMADE.matcher(sql);
        if (!remade.find()) {
            return Optional.empty();
        }
        String type = remade.group(1);
        StringBuilder moves = new StringBuilder();
        StringBuilder defaults = new StringBuilder();
        Savepoint before = connection.setSavepoint();
        try (PreparedStatement query = connection.prepareStatement(COLUMNS)) {
            query.setString(1, type);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String alter = "ALTER TABLE " + rows.getString("tab") + " ALTER COLUMN " + rows.getString("col");
                    String value = rows.getString("default_value");
                    if (value != null) {
                        moves.append(alter).append(" DROP DEFAULT;\n");
                        defaults.append(alter).append(" SET DEFAULT ").append(value).append(";\n");
                    }
                    boolean array = rows.getBoolean("array_of");
                    moves.append(alter).append(" TYPE ").append(type).append(array ? "[]" : "").append(" USING ")
                            .append(rows.getString("col")).append(array ? "::text[]::" : "::text::").append(type)
                            .append(array ? "[]" : "").append(";\n");
                }
            }
            connection.releaseSavepoint(before);
        } catch (SQLException e) {
            connection.rollback(before);
            return Optional.empty();
        }
        if (moves.length() == 0) {
            return Optional.empty();
        }
        // The columns move between the new type's creation and the old one's drop.
        return Optional.of(sql.substring(0, remade.start(3)) + moves + defaults + sql.substring(remade.start(3)));
    }
}
