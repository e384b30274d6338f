package dev.flyback.verifier.data;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apiguardian.api.API;

/**
 * What the tables of a database held at one moment, without the data itself: per table its row count and per
 * column how many non-null values it held and an order-independent checksum of them.
 *
 * @param tables the tables by SQL name ({@code public.users})
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record DataFingerprint(SortedMap<String, TableData> tables) {

    /** No data recorded: seeding is off, or the database held no tables. */
    public static final DataFingerprint EMPTY = new DataFingerprint(new TreeMap<>());

    public DataFingerprint {
        tables = Collections.unmodifiableSortedMap(new TreeMap<>(tables));
    }

    /** The table of that SQL name, if it was recorded. */
    public Optional<TableData> table(String sqlName) {
        return Optional.ofNullable(tables.get(sqlName));
    }

    /** Whether any table held a row. */
    public boolean hasRows() {
        return tables.values().stream().anyMatch(t -> t.rows() > 0);
    }

    /**
     * One table's data.
     *
     * @param rows the number of rows
     * @param columns the columns by name
     */
    public record TableData(long rows, SortedMap<String, ColumnData> columns) {
        public TableData {
            columns = Collections.unmodifiableSortedMap(new TreeMap<>(columns));
        }

        /** The column of that name, if it was recorded. */
        public Optional<ColumnData> column(String name) {
            return Optional.ofNullable(columns.get(name));
        }
    }

    /**
     * One column's data.
     *
     * @param type the column's type, as {@code format_type} prints it
     * @param values how many rows hold a non-null value
     * @param checksum the sum of a 64-bit hash of every value's text, order-independent
     */
    public record ColumnData(String type, long values, String checksum) {
        public ColumnData {
            requireNonNull(type, "type must not be null");
            requireNonNull(checksum, "checksum must not be null");
        }
    }
}
