package dev.flyback.verifier.internal.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.apiguardian.api.API;

import dev.flyback.verifier.internal.data.DataFingerprint.TableData;
import dev.flyback.verifier.snapshot.Identifiers;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * Fills tables with synthetic rows before a revision runs, so that what the revision (and its undo) does to data is
 * measured, not guessed.
 *
 * <p>Every table gets at least {@code rowsPerTable} rows, and every column Flyback can invent values for gets at
 * least as many non-null values: a column added by an earlier revision is filled by new rows, never by updating
 * existing ones. Values follow the column's type and precision, foreign keys point at existing rows of the
 * referenced table (parents are filled first), identity, serial and generated columns are left to PostgreSQL.
 * Where check or unique constraints refuse the values, a second try fills only the NOT NULL columns; a table that
 * still refuses, and holds no row at all, is a {@link SeedGap}. A user's fixture, {@code V<version>__*.sql} in the fixture
 * folder, runs first, on the schema before that version.
 *
 * @since 0.2
 */
@API(status = API.Status.INTERNAL, since = "0.2")
public final class DataSeeder {
    private final int rowsPerTable;
    private final Optional<Path> fixtures;
    private final Set<String> unfillable = new HashSet<>();
    /**
     * The n of the next synthetic row. It starts at 1 so that values stay small and ordinary: a data migration that
     * multiplies two seeded integers must not overflow where real data would not (at 100 001, quantity times price
     * overflowed integer).
     */
    private long counter = 1;

    private DataSeeder(int rowsPerTable, Optional<Path> fixtures) {
        this.rowsPerTable = rowsPerTable;
        this.fixtures = fixtures;
    }

    /**
     * A seeder.
     *
     * @param rowsPerTable how many rows each table should hold at least (1 or more)
     * @param fixtures a folder of {@code V<version>__*.sql} scripts run before that version, if any
     */
    public static DataSeeder of(int rowsPerTable, Optional<Path> fixtures) {
        if (rowsPerTable < 1) {
            throw new IllegalArgumentException("rows per table must be at least 1, was " + rowsPerTable);
        }
        checkFixtures(fixtures);
        return new DataSeeder(rowsPerTable, fixtures);
    }

    /**
     * Fails fast, before any database starts, when the fixture folder is not there.
     *
     * @throws IllegalArgumentException naming the folder
     */
    public static void checkFixtures(Optional<Path> fixtures) {
        fixtures.ifPresent(folder -> {
            if (!Files.isDirectory(folder)) {
                throw new IllegalArgumentException("seed fixture folder " + folder + " does not exist: give a "
                        + "folder of V<version>__*.sql data scripts");
            }
        });
    }

    /** Row counts and per-column checksums of every table of the schema. */
    public DataFingerprint fingerprint(Connection connection, SchemaSnapshot schema) throws SQLException {
        return DataReader.read(connection, schema);
    }

    /**
     * The fingerprint after a change that can only have touched some tables: those {@code reread} accepts are read
     * again, so are tables {@code previous} does not know; the others keep their figures from {@code previous}.
     * Tables the schema no longer has are left out.
     */
    public DataFingerprint refresh(Connection connection, SchemaSnapshot schema, DataFingerprint previous,
                                   Predicate<SchemaObject> reread) throws SQLException {
        DataReader.Columns columns = DataReader.columns(schema);
        Predicate<SchemaObject> read = table -> {
            Optional<TableData> known = previous.table(table.sqlName());
            return reread.test(table) || known.isEmpty() || !known.get().identity().equals(table.identity())
                    || !columns.types().getOrDefault(table.sqlName(), Map.of()).keySet()
                            .equals(known.get().columns().keySet());
        };
        DataFingerprint fresh = DataReader.read(connection, schema, read, columns);
        java.util.SortedMap<String, TableData> tables = new java.util.TreeMap<>();
        for (SchemaObject table : DataReader.dataTables(schema)) {
            String name = table.sqlName();
            fresh.table(name).or(() -> previous.table(name)).ifPresent(data -> tables.put(name, data));
        }
        return new DataFingerprint(tables);
    }


    /**
     * Runs the fixture for {@code version}, if there is one, then tops up the chosen tables of the schema.
     *
     * @param connection a connection in auto-commit mode
     * @param schema the schema the database has now
     * @param tables which of its tables to fill
     * @param version the version about to be applied, for the fixture; empty for none
     * @return the tables that could not be filled and hold no row
     * @throws IllegalArgumentException when the user's fixture fails, naming the file and PostgreSQL's error
     */
    public List<SeedGap> seed(Connection connection, SchemaSnapshot schema, Predicate<SchemaObject> tables,
                              Optional<String> version) throws SQLException {
        return seed(connection, schema, tables, version, Optional.empty()).gaps();
    }

    /**
     * What one seeding did: the tables it could not fill, and whether tables changed (then which, or all of them
     * when a fixture ran, since a fixture may write anywhere).
     *
     * @param gaps the tables that could not be filled and hold no row
     * @param filled the tables rows were added to ({@code schema.name})
     * @param fixtureRan whether a user's fixture ran
     */
    public record Seeding(List<SeedGap> gaps, Set<String> filled, boolean fixtureRan) {
        public Seeding {
            gaps = List.copyOf(gaps);
            filled = Set.copyOf(filled);
        }

        /** Whether a table's figures may have changed. */
        public boolean changed(SchemaObject table) {
            return fixtureRan || filled.contains(table.schema() + "." + table.name());
        }
    }

    /**
     * Like {@link #seed(Connection, SchemaSnapshot, Predicate, Optional)}, deciding what each table lacks from
     * {@code known} (the current fingerprint) when given, rather than reading every table again.
     */
    public Seeding seed(Connection connection, SchemaSnapshot schema, Predicate<SchemaObject> tables,
                        Optional<String> version, Optional<DataFingerprint> known) throws SQLException {
        return seed(connection, schema, tables, version, known, List.of());
    }

    /**
     * Like {@link #seed(Connection, SchemaSnapshot, Predicate, Optional, Optional)}, filling the columns of
     * {@code comingKeys} (foreign key constraints of the schema after the next revision, between tables that exist
     * now) with values of the rows they will reference, as real data that meets them would hold.
     */
    public Seeding seed(Connection connection, SchemaSnapshot schema, Predicate<SchemaObject> tables,
                        Optional<String> version, Optional<DataFingerprint> known, List<SchemaObject> comingKeys)
            throws SQLException {
        return seed(connection, schema, tables, version, known, comingKeys, true);
    }

    /**
     * What this seeder will do next depends on: the n of its next row and the table shapes it found it cannot fill.
     * Two runs whose seeders have the same state seed the same rows into the same tables.
     */
    public String state() {
        return counter + " " + new java.util.TreeSet<>(unfillable);
    }

    /**
     * A digest of every row of every table and the state of every sequence: two databases with the same digest (and
     * the same schema) hold the same data, up to the rows' physical order (issue 18: a range of the history proved on
     * a database of its own starts where the run on one database would have). Of a column of a date or time type only
     * how many values it holds counts: a migration's {@code DEFAULT now()} differs from run to run, one database or
     * several.
     */
    public static String digest(Connection connection, SchemaSnapshot schema) throws SQLException {
        Map<String, List<SchemaObject>> columns = new java.util.HashMap<>();
        for (SchemaObject column : schema.objects(ObjectType.COLUMN)) {
            column.table().ifPresent(table -> columns.computeIfAbsent(column.schema() + "." + table,
                    key -> new ArrayList<>()).add(column));
        }
        StringBuilder digest = new StringBuilder();
        try (java.sql.Statement statement = connection.createStatement()) {
            for (SchemaObject table : DataReader.dataTables(schema)) {
                if (table.property("partition_bound").isPresent()) {
                    continue;
                }
                List<String> exact = new ArrayList<>();
                List<String> counted = new ArrayList<>();
                for (SchemaObject column : columns.getOrDefault(table.schema() + "." + table.name(), List.of())) {
                    String quoted = "x." + Identifiers.quote(column.name());
                    if (column.property("type").orElse("").matches("(?i)(timestamp|date|time|interval).*")) {
                        counted.add("count(" + quoted + ")");
                    } else {
                        exact.add(quoted);
                    }
                }
                String values = exact.isEmpty() ? "''" : "md5(coalesce(string_agg(ROW(" + String.join(", ", exact)
                        + ")::text, E'\\n' ORDER BY ROW(" + String.join(", ", exact) + ")::text), ''))";
                try (java.sql.ResultSet row = statement.executeQuery("SELECT count(*) || ' ' || " + values
                        + (counted.isEmpty() ? "" : " || ' ' || concat_ws(',', " + String.join(", ", counted) + ")")
                        + " FROM " + Identifiers.quote(table.schema()) + "." + Identifiers.quote(table.name()) + " x")) {
                    row.next();
                    digest.append(table.sqlName()).append(' ').append(row.getString(1)).append('\n');
                }
            }
            try (java.sql.ResultSet row = statement.executeQuery("SELECT schemaname || '.' || sequencename || ' ' "
                    + "|| coalesce(last_value::text, '-') FROM pg_sequences ORDER BY 1")) {
                while (row.next()) {
                    digest.append(row.getString(1)).append('\n');
                }
            }
        }
        return digest.toString();
    }

    /**
     * Seeds the tables as {@link #seed(Connection, SchemaSnapshot, Predicate, Optional, Optional)} would, without a
     * fixture, and takes the rows back: the database is as it was, and the rows seeded next are those that would
     * follow. A database that reaches a revision without proving the ones before it (issue 18: a range of the
     * history proved on a database of its own) rehearses the seeding each of their undos had, so that its rows are
     * those of the run on one database.
     *
     * @param before the schema before the revision: the sequences it made are those the undo drops and the second up
     *               makes again as they were, which the rehearsal sets back
     */
    public void rehearse(Connection connection, SchemaSnapshot schema, SchemaSnapshot before,
                         Predicate<SchemaObject> tables, Optional<DataFingerprint> known) throws SQLException {
        if (chosen(schema, tables).isEmpty()) {
            // Nothing to seed, so no sequence to set back: most revisions add no table, and reading every sequence's
            // state twice was a fifth of reaching a revision (1000 revisions with rows, sampled; issue 18).
            return;
        }
        // A rollback takes the rows back but not the values their sequences gave. The sequences the revision made
        // (its tables' identities and serials, and its own) are set back by hand, as the undo that drops them and
        // the second up that makes them again leave them; an older sequence the rows advanced stays advanced, as
        // after the undo, which drops the rows but not it. Only those are read: reading every sequence's state
        // twice cost more as the history grew than the seeding itself.
        String[] made = madeSequences(schema, before, tables);
        Map<String, String> was = sequences(connection, made);
        seed(connection, schema, tables, Optional.empty(), known, List.of(), false);
        List<String> restore = new ArrayList<>();
        sequences(connection, made).forEach((sequence, value) -> {
            String then = was.get(sequence);
            if (then != null && !then.equals(value)) {
                restore.add(then);
            }
        });
        if (!restore.isEmpty()) {
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute(String.join(";\n", restore));
            }
        }
    }

    /**
     * The names, as SQL writes them, of the tables a rehearsal seeds (partitions included, which own sequences of
     * their own) followed by the sequences the schema has and {@code before} had not.
     */
    private static String[] madeSequences(SchemaSnapshot schema, SchemaSnapshot before,
                                          Predicate<SchemaObject> tables) {
        Set<String> existing = new HashSet<>();
        before.objects(ObjectType.SEQUENCE).forEach(s -> {
            existing.add(s.key());
            existing.add(s.identity());
        });
        List<String> names = new ArrayList<>();
        DataReader.dataTables(schema).stream().filter(tables).forEach(t -> names.add("t:" + t.sqlName()));
        schema.objects(ObjectType.SEQUENCE).stream()
                .filter(s -> !existing.contains(s.key()) && !existing.contains(s.identity()))
                .forEach(s -> names.add("s:" + s.sqlName()));
        return names.toArray(String[]::new);
    }

    /**
     * Per sequence among {@code made} ({@link #madeSequences}): a sequence named there, or one a table named there
     * owns (serial) or has as an identity, the statement that sets it back to where it is now.
     */
    private static Map<String, String> sequences(Connection connection, String[] made) throws SQLException {
        Map<String, String> states = new java.util.HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement("""
                WITH named AS (SELECT left(n, 1) AS kind, to_regclass(substr(n, 3))::oid AS oid FROM unnest(?::text[]) n),
                made AS (
                  SELECT oid FROM named WHERE kind = 's'
                  UNION SELECT d.objid FROM pg_depend d JOIN named t ON t.kind = 't' AND d.refobjid = t.oid
                   WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass
                     AND d.deptype IN ('a', 'i')
                )
                SELECT format('%I.%I', n.nspname, c.relname), format('SELECT setval(%L, %s, %s)',
                         format('%I.%I', n.nspname, c.relname), coalesce(q.last_value, s.seqstart),
                         CASE WHEN q.last_value IS NULL THEN 'false' ELSE 'true' END)
                  FROM made m JOIN pg_sequence s ON s.seqrelid = m.oid
                  JOIN pg_class c ON c.oid = s.seqrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                  CROSS JOIN LATERAL (SELECT pg_sequence_last_value(c.oid) AS last_value) q""")) {
            statement.setArray(1, connection.createArrayOf("text", made));
            try (ResultSet row = statement.executeQuery()) {
                while (row.next()) {
                    states.put(row.getString(1), row.getString(2));
                }
            }
        }
        return states;
    }

    private Seeding seed(Connection connection, SchemaSnapshot schema, Predicate<SchemaObject> tables,
                         Optional<String> version, Optional<DataFingerprint> known, List<SchemaObject> comingKeys,
                         boolean keep) throws SQLException {
        boolean fixtureRan = version.isPresent() && runFixture(connection, version.get());
        List<SchemaObject> chosen = chosen(schema, tables);
        if (chosen.isEmpty()) {
            return new Seeding(List.of(), Set.of(), fixtureRan);
        }
        Map<String, TableData> data = (known.isPresent() && !fixtureRan ? known.get()
                : DataReader.read(connection, schema)).tables();
        List<SeedGap> gaps = new ArrayList<>();
        Set<String> filled = new HashSet<>();
        // Only the tables that lack rows or values are described and filled: the others' rows are there for
        // foreign keys to point at, and describing every table each revision would grow with the schema.
        List<SchemaObject> lacking = chosen.stream().filter(table -> lacks(data.get(table.sqlName()))).toList();
        if (lacking.isEmpty()) {
            return new Seeding(gaps, filled, fixtureRan);
        }
        // One transaction, each insert behind a savepoint: before it commits, the relations it holds ROW EXCLUSIVE
        // on are every table whose rows the seeding changed, including the partitions rows were routed to and the
        // tables triggers wrote to, which must be read again as much as the tables filled.
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        Set<String> triggerTargets = triggerTargets(schema);
        try {
            List<SeedTable> ordered = new ArrayList<>(SeedTable.load(connection, lacking, comingKeys));
            // Tables a trigger writes (an audit log, a counter) come last, and get rows of their own only if the
            // rows seeded into their source tables did not fill them, as in production they are filled.
            ordered.sort(java.util.Comparator.comparing(t -> triggerTargets.contains(t.schemaAndName())));
            for (SeedTable table : ordered) {
                TableData before = triggerTargets.contains(table.schemaAndName())
                        ? DataReader.read(connection, schema, t -> t.sqlName().equals(table.sqlName()))
                        .table(table.sqlName()).orElse(null) : data.get(table.sqlName());
                seed(connection, table, before).ifPresent(gaps::add);
            }
            filled.addAll(written(connection));
            if (keep) {
                connection.commit();
            } else {
                connection.rollback();
            }
        } catch (SQLException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
        return new Seeding(gaps, filled, fixtureRan);
    }

    /** The tables of the schema a seeding of {@code tables} fills: partitions are filled through their parents. */
    private static List<SchemaObject> chosen(SchemaSnapshot schema, Predicate<SchemaObject> tables) {
        return DataReader.dataTables(schema).stream().filter(t -> t.property("partition_bound").isEmpty())
                .filter(tables).toList();
    }

    private static final java.util.regex.Pattern TRIGGER_FUNCTION = java.util.regex.Pattern.compile(
            "EXECUTE (?:FUNCTION|PROCEDURE) ([^(]+)\\(");
    private static final java.util.regex.Pattern INSERT_INTO = java.util.regex.Pattern.compile(
            "(?i)\\bINSERT\\s+INTO\\s+([\\w$.\"]+)");

    /**
     * The tables ({@code schema.name}) the schema's triggers insert into, as their functions' bodies say (an
     * unqualified name is taken in the function's schema).
     */
    private static Set<String> triggerTargets(SchemaSnapshot schema) {
        Set<String> targets = new HashSet<>();
        List<SchemaObject> triggers = schema.objects(ObjectType.TRIGGER);
        if (triggers.isEmpty()) {
            return targets;
        }
        Map<String, SchemaObject> functions = new java.util.HashMap<>();
        schema.objects(ObjectType.FUNCTION).forEach(f -> functions.put(f.schema() + "." + f.name(), f));
        for (SchemaObject trigger : triggers) {
            java.util.regex.Matcher called = TRIGGER_FUNCTION.matcher(trigger.property("definition").orElse(""));
            if (!called.find()) {
                continue;
            }
            String name = called.group(1).replace("\"", "").strip();
            SchemaObject function = functions.get(name.contains(".") ? name : trigger.schema() + "." + name);
            if (function == null) {
                continue;
            }
            java.util.regex.Matcher insert = INSERT_INTO.matcher(function.property("definition").orElse(""));
            while (insert.find()) {
                String table = insert.group(1).replace("\"", "");
                targets.add(table.contains(".") ? table : function.schema() + "." + table);
            }
        }
        return targets;
    }

    /** The tables ({@code schema.name}) the open transaction holds a ROW EXCLUSIVE lock on. */
    private static Set<String> written(Connection connection) throws SQLException {
        Set<String> tables = new HashSet<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT n.nspname || '.' || c.relname FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                        + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE l.pid = pg_backend_pid() "
                        + "AND l.mode = 'RowExclusiveLock' AND c.relkind IN ('r', 'p')")) {
            while (rows.next()) {
                tables.add(rows.getString(1));
            }
        }
        return tables;
    }

    /** Whether a table may need rows: fewer than wanted, or a column with fewer values than wanted. */
    private boolean lacks(TableData data) {
        return data == null || data.rows() < rowsPerTable
                || data.columns().values().stream().anyMatch(c -> c.values() < rowsPerTable);
    }

    /**
     * Tops up one table, in the caller's transaction: all the columns Flyback can fill, in one insert; when the
     * table's constraints refuse some of those rows, row by row, keeping the rows they accept; then only the columns
     * an insert must name. Empty unless the table could not be filled and holds no row.
     */
    private Optional<SeedGap> seed(Connection connection, SeedTable table, TableData data) throws SQLException {
        String shape = table.shape();
        long rows = data == null ? 0 : data.rows();
        long missingRows = Math.max(0, rowsPerTable - rows);
        long missingValues = unfillable.contains(shape) || data == null ? 0 : table.fillableColumns().stream()
                .mapToLong(c -> rowsPerTable - data.column(c).map(DataFingerprint.ColumnData::values).orElse(0L))
                .max().orElse(0);
        long need = Math.min(rowsPerTable, Math.max(missingRows, missingValues));
        if (need <= 0) {
            return Optional.empty();
        }
        List<String> failures = new ArrayList<>();
        for (List<String> columns : List.of(table.allColumns(), table.requiredColumns())) {
            Optional<String> insert = table.insert(columns, need, counter);
            if (insert.isEmpty()) {
                failures.add(table.missingValueReason());
                continue;
            }
            boolean batch = execute(connection, insert.get(), failures);
            long inserted = batch ? need : 0;
            for (long row = 0; !batch && need > 1 && row < need; row++) {
                // A unique or check constraint refused some rows: each alone, with its own n, may pass.
                inserted += execute(connection, table.insert(columns, 1, counter + row).orElseThrow(), failures)
                        ? 1 : 0;
            }
            if (inserted > 0) {
                counter += need;
                if (!columns.equals(table.allColumns())) {
                    unfillable.add(shape);
                }
                // Fewer rows than wanted is said, not hidden: what the constraints refused is in PostgreSQL's words.
                return inserted < missingRows ? Optional.of(new SeedGap(table.sqlName(),
                        failures.get(failures.size() - 1), rows + inserted, rowsPerTable)) : Optional.empty();
            }
            counter += need;
            if (missingRows == 0) {
                break;
            }
        }
        unfillable.add(shape);
        if (rows > 0) {
            return Optional.empty();
        }
        return Optional.of(new SeedGap(table.sqlName(), failures.get(failures.size() - 1)));
    }

    /** Runs one insert behind a savepoint; false, with PostgreSQL's reason noted, when it was refused. */
    private static boolean execute(Connection connection, String insert, List<String> failures) throws SQLException {
        java.sql.Savepoint savepoint = connection.setSavepoint();
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate(insert);
            connection.releaseSavepoint(savepoint);
            return true;
        } catch (SQLException e) {
            connection.rollback(savepoint);
            failures.add(firstLine(e.getMessage()));
            return false;
        }
    }

    private boolean runFixture(Connection connection, String version) throws SQLException {
        if (fixtures.isEmpty()) {
            return false;
        }
        List<Path> scripts;
        try (Stream<Path> files = Files.list(fixtures.get())) {
            scripts = files.filter(f -> f.getFileName().toString().matches("V" + java.util.regex.Pattern.quote(
                    version) + "(__.*)?\\.sql")).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read seed fixture folder " + fixtures.get() + ": " + e, e);
        }
        for (Path script : scripts) {
            String sql;
            try {
                sql = Files.readString(script, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read seed fixture " + script + ": " + e, e);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                throw new IllegalArgumentException("seed fixture " + script + " failed on the schema before V"
                        + version + ": " + firstLine(e.getMessage()) + "; fix the fixture so that it fits that "
                        + "schema", e);
            }
        }
        return !scripts.isEmpty();
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("").replaceFirst("^ERROR: ", "");
    }

    /** A table as the seeder needs it: its columns with a value for each, and its foreign keys. */
    private record SeedTable(String sqlName, String schemaAndName, String quoted, List<SeedColumn> columns,
                             List<ForeignKey> keys) {

        private static final String COLUMNS = """
                WITH t AS (SELECT n AS name, n::regclass AS oid FROM unnest(?::text[]) n)
                SELECT t.name, a.attname, a.attnotnull, a.attidentity <> '' OR a.attgenerated <> ''
                         OR coalesce(pg_get_expr(d.adbin, d.adrelid) LIKE 'nextval(%', false),
                       d.adbin IS NOT NULL, format_type(a.atttypid, a.atttypmod),
                       b.typname, b.typcategory, format_type(b.oid, NULL),
                       CASE WHEN ty.typtype = 'd' THEN ty.typtypmod ELSE a.atttypmod END,
                       e.typname, e.typcategory, format_type(e.oid, NULL),
                       (SELECT string_agg(pg_get_constraintdef(c.oid), ' AND ') FROM pg_constraint c
                         WHERE c.contype = 'c' AND (c.conrelid = t.oid AND c.conkey = ARRAY[a.attnum]
                                                     OR c.contypid = ty.oid))
                  FROM t JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
                  JOIN pg_type ty ON ty.oid = a.atttypid
                  JOIN pg_type b ON b.oid = CASE WHEN ty.typtype = 'd' THEN ty.typbasetype ELSE ty.oid END
                  LEFT JOIN pg_type e ON e.oid = b.typelem AND b.typcategory = 'A'
                  LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                 ORDER BY t.name, a.attnum
                """;

        private static final String KEYS = """
                WITH t AS (SELECT n AS name, n::regclass AS oid FROM unnest(?::text[]) n)
                SELECT t.name, rn.nspname, rc.relname, con.confrelid = con.conrelid,
                       (SELECT array_agg(a.attname ORDER BY k.i) FROM unnest(con.conkey) WITH ORDINALITY k(n, i)
                          JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.n),
                       (SELECT array_agg(a.attname ORDER BY k.i) FROM unnest(con.confkey) WITH ORDINALITY k(n, i)
                          JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.n)
                  FROM t JOIN pg_constraint con ON con.conrelid = t.oid AND con.contype = 'f'
                  JOIN pg_class rc ON rc.oid = con.confrelid JOIN pg_namespace rn ON rn.oid = rc.relnamespace
                 ORDER BY t.name, con.conname
                """;

        /**
         * The tables' seeding shapes, parents before children wherever the foreign keys (and the coming ones) allow.
         */
        static List<SeedTable> load(Connection connection, List<SchemaObject> tables, List<SchemaObject> coming)
                throws SQLException {
            Map<String, SchemaObject> byQuoted = new LinkedHashMap<>();
            tables.forEach(t -> byQuoted.put(DataReader.quoted(t), t));
            Map<String, List<SeedColumn>> columns = new LinkedHashMap<>();
            Map<String, List<ForeignKey>> keys = new LinkedHashMap<>();
            byQuoted.keySet().forEach(q -> {
                columns.put(q, new ArrayList<>());
                keys.put(q, new ArrayList<>());
            });
            try (PreparedStatement statement = connection.prepareStatement(COLUMNS)) {
                statement.setArray(1, connection.createArrayOf("text", byQuoted.keySet().toArray()));
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        columns.get(row.getString(1)).add(SeedColumn.of(row));
                    }
                }
            }
            try (PreparedStatement statement = connection.prepareStatement(KEYS)) {
                statement.setArray(1, connection.createArrayOf("text", byQuoted.keySet().toArray()));
                try (ResultSet row = statement.executeQuery()) {
                    while (row.next()) {
                        keys.get(row.getString(1)).add(new ForeignKey(
                                Identifiers.quoteAlways(row.getString(2)) + "." + Identifiers.quoteAlways(
                                        row.getString(3)), row.getBoolean(4),
                                List.of((String[]) row.getArray(5).getArray()),
                                List.of((String[]) row.getArray(6).getArray())));
                    }
                }
            }
            for (SchemaObject key : coming) {
                String child = Identifiers.quoteAlways(key.schema()) + "." + Identifiers.quoteAlways(
                        key.table().orElse(""));
                if (keys.containsKey(child)) {
                    ForeignKey.coming(connection, key).ifPresent(keys.get(child)::add);
                }
            }
            List<SeedTable> loaded = new ArrayList<>();
            byQuoted.forEach((quoted, table) -> loaded.add(new SeedTable(table.sqlName(),
                    table.schema() + "." + table.name(), quoted, columns.get(quoted), keys.get(quoted))));
            return parentsFirst(loaded);
        }

        private static List<SeedTable> parentsFirst(List<SeedTable> tables) {
            List<SeedTable> ordered = new ArrayList<>();
            Set<String> placed = new HashSet<>();
            List<SeedTable> waiting = new ArrayList<>(tables);
            Set<String> known = new HashSet<>();
            tables.forEach(t -> known.add(t.quoted()));
            while (!waiting.isEmpty()) {
                List<SeedTable> ready = waiting.stream().filter(t -> t.keys().stream().allMatch(k -> k.self()
                        || placed.contains(k.referenced()) || !known.contains(k.referenced()))).toList();
                List<SeedTable> next = ready.isEmpty() ? List.of(waiting.get(0)) : ready;
                next.forEach(t -> placed.add(t.quoted()));
                ordered.addAll(next);
                waiting.removeAll(next);
            }
            return ordered;
        }

        /** Identifies the table's shape, so that a failure is retried only once the table changes. */
        String shape() {
            return sqlName + columns + keys;
        }

        /** Every column the seeder can give a value: generated values and foreign keys to other rows. */
        List<String> allColumns() {
            return columns.stream().filter(c -> !c.automatic()).filter(c -> keyOf(c.name()).map(k -> !k.self()
                    || c.notNull()).orElse(c.value().isPresent())).map(SeedColumn::name).toList();
        }

        /** The columns an insert must name: NOT NULL without a default. */
        List<String> requiredColumns() {
            return columns.stream().filter(c -> c.notNull() && !c.hasDefault() && !c.automatic())
                    .map(SeedColumn::name).toList();
        }

        /** The columns whose values new rows fill: nullable, outside foreign keys, with an invented value. */
        List<String> fillableColumns() {
            return columns.stream().filter(c -> !c.notNull() && !c.automatic() && c.value().isPresent())
                    .filter(c -> keyOf(c.name()).isEmpty()).map(SeedColumn::name).toList();
        }

        String missingValueReason() {
            return columns.stream().filter(c -> c.notNull() && !c.hasDefault() && !c.automatic()
                            && c.value().isEmpty() && keyOf(c.name()).isEmpty())
                    .map(c -> "Flyback cannot invent a value of type " + c.type() + " for NOT NULL column "
                            + c.name())
                    .findFirst().orElse("no value for a NOT NULL column");
        }

        private Optional<ForeignKey> keyOf(String column) {
            return keys.stream().filter(k -> k.columns().contains(column)).findFirst();
        }

        /** The INSERT ... SELECT filling the columns, or empty when one of them has no value. */
        Optional<String> insert(List<String> names, long rows, long base) {
            String n = "(" + base + "::bigint + g)";
            List<String> values = new ArrayList<>();
            List<String> joins = new ArrayList<>();
            List<ForeignKey> used = new ArrayList<>();
            for (String name : names) {
                SeedColumn column = columns.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
                Optional<ForeignKey> key = keyOf(name);
                if (key.isPresent()) {
                    ForeignKey fk = key.get();
                    if (!used.contains(fk)) {
                        int i = used.size();
                        used.add(fk);
                        String notNull = String.join(" AND ", fk.referencedColumns().stream()
                                .map(c -> "r." + Identifiers.quoteAlways(c) + " IS NOT NULL").toList());
                        List<String> picked = new ArrayList<>();
                        for (int k = 0; k < fk.referencedColumns().size(); k++) {
                            picked.add("r." + Identifiers.quoteAlways(fk.referencedColumns().get(k)) + " AS k" + k);
                        }
                        joins.add("CROSS JOIN (SELECT count(*) AS n FROM " + fk.referenced() + ") fc" + i
                                + " LEFT JOIN LATERAL (SELECT " + String.join(", ", picked) + " FROM "
                                + fk.referenced() + " r WHERE " + notNull + " OFFSET (" + n + " % greatest(fc" + i
                                + ".n, 1)) LIMIT 1) f" + i + " ON true");
                    }
                    values.add("f" + used.indexOf(fk) + ".k" + fk.columns().indexOf(name));
                } else if (column.value().isPresent()) {
                    values.add(column.value().get().replace("$n", n) + "::" + column.type());
                } else {
                    return Optional.empty();
                }
            }
            return Optional.of("INSERT INTO " + quoted + (names.isEmpty() ? "" : " (" + String.join(", ",
                    names.stream().map(Identifiers::quoteAlways).toList()) + ")") + " SELECT "
                    + String.join(", ", values)
                    + " FROM generate_series(1, " + rows + ") g " + String.join(" ", joins));
        }
    }

    /** A column and the expression inventing its n-th value ({@code $n} stands for n), if there is one. */
    private record SeedColumn(String name, boolean notNull, boolean automatic, boolean hasDefault, String type,
                              Optional<String> value) {
        static SeedColumn of(ResultSet row) throws SQLException {
            String category = row.getString(8);
            Optional<String> value;
            if ("A".equals(category) && row.getString(11) != null) {
                value = SyntheticValues.of(row.getString(11), row.getString(12), row.getString(13), -1, "$n")
                        .map(element -> "ARRAY[" + element + "]");
            } else {
                Optional<String> synthetic = SyntheticValues.of(row.getString(7), category, row.getString(9),
                        row.getInt(10), "$n");
                value = allowed(row.getString(14)).or(() -> synthetic);
            }
            return new SeedColumn(row.getString(2), row.getBoolean(3), row.getBoolean(4), row.getBoolean(5),
                    row.getString(6), value);
        }

        /**
         * The values a CHECK on the column alone lists ({@code status IN ('draft', 'sent')}, as PostgreSQL prints it:
         * {@code = ANY (ARRAY['draft'::text, ...])}), taken in turn: Flyback's own strings would never pass it.
         */
        static Optional<String> allowed(String checks) {
            if (checks == null || !(checks.contains("= ANY (ARRAY[") || checks.matches("(?s).*= '.*"))
                    || checks.contains("<>") || checks.contains("NOT ")) {
                return Optional.empty();
            }
            java.util.regex.Matcher literal = LITERAL.matcher(checks);
            List<String> values = new ArrayList<>();
            while (literal.find()) {
                values.add("'" + literal.group(1) + "'");
            }
            return values.isEmpty() ? Optional.empty() : Optional.of("(ARRAY[" + String.join(", ", values)
                    + "])[1 + ($n % " + values.size() + ")]");
        }

        private static final java.util.regex.Pattern LITERAL = java.util.regex.Pattern.compile("'((?:[^']|'')*)'");
    }

    /** A foreign key: its columns, and the referenced table and columns in the same order. */
    private record ForeignKey(String referenced, boolean self, List<String> columns, List<String> referencedColumns) {
        private static final java.util.regex.Pattern DEFINITION = java.util.regex.Pattern.compile(
                "^FOREIGN KEY \\((.+?)\\) REFERENCES (.+?)\\((.+?)\\)");

        /** A foreign key constraint of the next revision's schema, read from its definition. */
        static Optional<ForeignKey> coming(Connection connection, SchemaObject constraint) throws SQLException {
            java.util.regex.Matcher matcher = DEFINITION.matcher(constraint.property("definition").orElse(""));
            if (!matcher.find()) {
                return Optional.empty();
            }
            try (PreparedStatement query = connection.prepareStatement("SELECT n.nspname, c.relname FROM pg_class c "
                    + "JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass(?)")) {
                query.setString(1, matcher.group(2).strip());
                try (ResultSet row = query.executeQuery()) {
                    if (!row.next()) {
                        return Optional.empty();
                    }
                    String referenced = Identifiers.quoteAlways(row.getString(1)) + "."
                            + Identifiers.quoteAlways(row.getString(2));
                    String child = Identifiers.quoteAlways(constraint.schema()) + "."
                            + Identifiers.quoteAlways(constraint.table().orElse(""));
                    return Optional.of(new ForeignKey(referenced, referenced.equals(child), names(matcher.group(1)),
                            names(matcher.group(3))));
                }
            }
        }

        private static List<String> names(String list) {
            return java.util.Arrays.stream(list.split(",")).map(String::strip)
                    .map(n -> n.startsWith("\"") ? n.substring(1, n.length() - 1).replace("\"\"", "\"") : n)
                    .toList();
        }
    }
}
