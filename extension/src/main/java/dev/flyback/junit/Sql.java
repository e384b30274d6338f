package dev.flyback.junit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.sql.DataSource;

import org.apiguardian.api.API;

/**
 * Small JDBC helpers for data-migration tests: run SQL, insert a row, read a column.
 *
 * <pre><code class='java'>
 * Sql.insert(db, "users", Sql.row("email", "a@x.org", "full_name", "Ada"));
 * assertThat(Sql.queryColumn(db, "SELECT role FROM users")).containsOnly("member");
 * </code></pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Sql {

    private Sql() {
    }

    /** Runs SQL (one or several statements). */
    public static void execute(DataSource dataSource, String sql) {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("SQL failed: " + e.getMessage() + "\n  " + sql, e);
        }
    }

    /** A row as column/value pairs: {@code row("email", "a@x.org", "age", 42)}. */
    public static Map<String, Object> row(Object... columnsAndValues) {
        if (columnsAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("row(..) takes column/value pairs; got an odd number of arguments");
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < columnsAndValues.length; i += 2) {
            row.put(String.valueOf(columnsAndValues[i]), columnsAndValues[i + 1]);
        }
        return row;
    }

    /** Inserts one row into {@code table}. */
    public static void insert(DataSource dataSource, String table, Map<String, Object> row) {
        String sql = "INSERT INTO " + table + " (" + String.join(", ", row.keySet()) + ") VALUES ("
                + row.keySet().stream().map(k -> "?").collect(Collectors.joining(", ")) + ")";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            int index = 1;
            for (Object value : row.values()) {
                statement.setObject(index++, value);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("Insert into " + table + " failed: " + e.getMessage(), e);
        }
    }

    /** The first column of every row of a query. */
    public static List<Object> queryColumn(DataSource dataSource, String sql) {
        List<Object> values = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getObject(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed: " + e.getMessage() + "\n  " + sql, e);
        }
        return values;
    }
}
