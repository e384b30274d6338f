package dev.flyback.verifier.internal.data;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.Map;
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
@API(status = API.Status.INTERNAL, since = "0.2")
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
     * This data (before a revision's up) with what rows seeded after the up did to the tables the up left alone: each
     * table that {@code up} (the data after the up) holds as here and {@code seeded} (after Flyback seeded the
     * revision's new tables for its undo) holds otherwise, as {@code seeded} holds it. The seeded rows changed it,
     * through a trigger or a foreign key's action on the tables they filled, as an application's rows would between
     * the up and the undo, and no undo is to give that back; judged against the data before the up, the undo of a
     * correct revision was blamed for it (Ente's V37, whose trigger on a new table stamps an older one, in
     * docs/accuracy.md).
     */
    public DataFingerprint withSeedingEffects(DataFingerprint up, DataFingerprint seeded) {
        SortedMap<String, TableData> rebased = new TreeMap<>(tables);
        tables.forEach((name, before) -> up.follow(name, before)
                .filter(after -> before.sameData(after.getValue()))
                .flatMap(after -> seeded.follow(after.getKey(), after.getValue()))
                .filter(now -> !before.sameData(now.getValue()))
                .ifPresent(now -> rebased.put(name, now.getValue())));
        return rebased.equals(tables) ? this : new DataFingerprint(rebased);
    }

    /**
     * The same table at another moment of the same database: the one with its identity (so a renamed table is
     * followed), else the one of its name (a table dropped and created again).
     *
     * @param sqlName the table's name when {@code data} was read
     * @param data what it held then
     * @return its name now and what it holds
     */
    public Optional<Map.Entry<String, TableData>> follow(String sqlName, TableData data) {
        return follow(tables, TableData::identity, sqlName, data.identity());
    }

    /** The entry of {@code identity} (when known), else the one of {@code name}. */
    private static <T> Optional<Map.Entry<String, T>> follow(Map<String, T> entries,
                                                            java.util.function.Function<T, String> identityOf,
                                                            String name, String identity) {
        if (!identity.isEmpty()) {
            // Most often the object kept its name: asked first, that spares the scan, which made checking every
            // table of a large schema grow with its square.
            T named = entries.get(name);
            if (named != null && identityOf.apply(named).equals(identity)) {
                return Optional.of(Map.entry(name, named));
            }
            for (Map.Entry<String, T> entry : entries.entrySet()) {
                if (identityOf.apply(entry.getValue()).equals(identity)) {
                    return Optional.of(entry);
                }
            }
        }
        return Optional.ofNullable(entries.get(name)).map(value -> Map.entry(name, value));
    }

    /**
     * One table's data.
     *
     * @param rows the number of rows
     * @param columns the columns by name
     * @param identity the table's identity in its database ({@code c:16385}), or empty
     */
    public record TableData(long rows, SortedMap<String, ColumnData> columns, String identity) {
        public TableData {
            columns = Collections.unmodifiableSortedMap(new TreeMap<>(columns));
            requireNonNull(identity, "identity must not be null");
        }

        /** A table's data without a known identity. */
        public TableData(long rows, SortedMap<String, ColumnData> columns) {
            this(rows, columns, "");
        }

        /** Whether {@code other} (the same table later) holds as many rows, and every column the same values. */
        public boolean sameData(TableData other) {
            return other.rows() == rows && columns.entrySet().stream().allMatch(c -> other.follow(c.getKey(),
                    c.getValue()).map(now -> now.getValue().sameValues(c.getValue())).orElse(false));
        }

        /** The column of that name, if it was recorded. */
        public Optional<ColumnData> column(String name) {
            return Optional.ofNullable(columns.get(name));
        }

        /**
         * The same column in this table's data: the one with its identity (a renamed column is followed), else the
         * one of its name.
         */
        public Optional<Map.Entry<String, ColumnData>> follow(String name, ColumnData data) {
            return DataFingerprint.follow(columns, ColumnData::identity, name, data.identity());
        }
    }

    /**
     * One column's data.
     *
     * @param type the column's type, as {@code format_type} prints it
     * @param values how many rows hold a non-null value
     * @param checksum the sum of a 64-bit hash of every value's text, order-independent
     * @param identity the column's identity in its database ({@code c:16385.2}), or empty
     */
    public record ColumnData(String type, long values, String checksum, String identity) {
        public ColumnData {
            requireNonNull(type, "type must not be null");
            requireNonNull(checksum, "checksum must not be null");
            requireNonNull(identity, "identity must not be null");
        }

        /** A column's data without a known identity. */
        public ColumnData(String type, long values, String checksum) {
            this(type, values, checksum, "");
        }

        /** Whether it holds the same values as {@code other}: as many, of the same type, with the same checksum. */
        public boolean sameValues(ColumnData other) {
            return values == other.values && type.equals(other.type) && checksum.equals(other.checksum);
        }
    }
}
