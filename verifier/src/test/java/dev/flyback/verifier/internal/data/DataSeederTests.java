package dev.flyback.verifier.internal.data;

import static org.assertj.core.api.BDDAssertions.then;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.flyback.verifier.TestDatabases;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.internal.data.DataFingerprint.TableData;
import dev.flyback.verifier.snapshot.CatalogReader;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/** Synthetic rows on real PostgreSQL: every common type, NOT NULL, foreign keys, and what cannot be filled. */
class DataSeederTests {

    private static final String SCHEMA = """
            CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy');
            CREATE DOMAIN positive AS integer CHECK (VALUE > 0);
            CREATE TABLE parents (id int PRIMARY KEY, code char(2) NOT NULL UNIQUE);
            CREATE TABLE everything (
                id        bigserial PRIMARY KEY,
                small     smallint NOT NULL,
                price     numeric(5,2) NOT NULL,
                ratio     numeric(2,2) NOT NULL,
                real_num  double precision NOT NULL,
                cash      money NOT NULL,
                flag      boolean NOT NULL,
                short     varchar(3) NOT NULL UNIQUE,
                label     text NOT NULL,
                initial   char(1) NOT NULL,
                uid       uuid NOT NULL UNIQUE,
                born      date NOT NULL,
                seen      timestamptz NOT NULL,
                at_time   time NOT NULL,
                took      interval NOT NULL,
                doc       jsonb NOT NULL,
                raw       json NOT NULL,
                bytes     bytea NOT NULL,
                ip        inet NOT NULL,
                net       cidr NOT NULL,
                tags      text[] NOT NULL,
                scores    int[] NOT NULL,
                feeling   mood NOT NULL,
                amount    positive NOT NULL,
                words     tsvector NOT NULL,
                computed  bigint GENERATED ALWAYS AS (small * 2) STORED,
                parent_id int NOT NULL REFERENCES parents,
                nickname  text
            );
            CREATE TABLE pairs (
                left_id  int NOT NULL,
                right_code char(2) NOT NULL,
                FOREIGN KEY (left_id) REFERENCES parents (id),
                FOREIGN KEY (right_code) REFERENCES parents (code)
            );
            CREATE TABLE tree (id int PRIMARY KEY, parent int REFERENCES tree);
            CREATE TABLE shapes (id int PRIMARY KEY, spot point NOT NULL);
            """;

    @Test
    void should_fill_every_table_with_valid_rows_of_every_common_type() throws SQLException {
        try (DisposableDatabase database = TestDatabases.fresh();
             Connection connection = database.dataSource().getConnection()) {
            execute(connection, SCHEMA);
            SchemaSnapshot schema = CatalogReader.read(connection, Set.of());
            DataSeeder seeder = DataSeeder.of(10, Optional.empty());

            List<SeedGap> gaps = seeder.seed(connection, schema, table -> true, Optional.empty());
            DataFingerprint data = seeder.fingerprint(connection, schema);

            TableData everything = data.table("public.everything").orElseThrow();
            then(everything.rows()).isEqualTo(10);
            then(everything.columns()).allSatisfy((column, values) -> then(values.values()).as(column)
                    .isEqualTo(10));
            then(data.table("public.parents").orElseThrow().rows()).isEqualTo(10);
            then(data.table("public.pairs").orElseThrow().rows()).isEqualTo(10);
            then(data.table("public.tree").orElseThrow().rows()).isEqualTo(10);
            then(data.table("public.tree").orElseThrow().column("parent").orElseThrow().values()).isZero();
            then(gaps).containsExactly(new SeedGap("public.shapes",
                    "Flyback cannot invent a value of type point for NOT NULL column spot"));
        }
    }

    @Test
    void should_top_up_only_what_is_missing_and_fill_a_column_added_later_with_new_rows() throws SQLException {
        try (DisposableDatabase database = TestDatabases.fresh();
             Connection connection = database.dataSource().getConnection()) {
            execute(connection, "CREATE TABLE notes (id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text)");
            DataSeeder seeder = DataSeeder.of(10, Optional.empty());
            SchemaSnapshot first = CatalogReader.read(connection, Set.of());
            seeder.seed(connection, first, table -> true, Optional.empty());
            seeder.seed(connection, first, table -> true, Optional.empty());
            then(seeder.fingerprint(connection, first).table("public.notes").orElseThrow().rows()).isEqualTo(10);

            execute(connection, "ALTER TABLE notes ADD COLUMN title text");
            SchemaSnapshot second = CatalogReader.read(connection, Set.of());
            seeder.seed(connection, second, table -> true, Optional.empty());

            TableData notes = seeder.fingerprint(connection, second).table("public.notes").orElseThrow();
            then(notes.rows()).isEqualTo(20);
            then(notes.column("title").orElseThrow().values()).isEqualTo(10);
            then(notes.column("body").orElseThrow().values()).isEqualTo(20);
        }
    }

    /** An audit table a trigger fills is filled through its source table, as production fills it. */
    @Test
    void should_fill_a_table_a_trigger_writes_through_the_table_that_fires_it() throws SQLException {
        try (DisposableDatabase database = TestDatabases.fresh();
             Connection connection = database.dataSource().getConnection()) {
            execute(connection, """
                    CREATE TABLE audit (id bigserial PRIMARY KEY, note text NOT NULL);
                    CREATE TABLE orders (id int PRIMARY KEY, total int NOT NULL);
                    CREATE FUNCTION log_order() RETURNS trigger LANGUAGE plpgsql AS $$
                    BEGIN
                        INSERT INTO audit (note) VALUES ('order ' || NEW.id);
                        RETURN NEW;
                    END
                    $$;
                    CREATE TRIGGER trg_log AFTER INSERT ON orders FOR EACH ROW EXECUTE FUNCTION log_order();
                    """);
            SchemaSnapshot schema = CatalogReader.read(connection, Set.of());
            DataSeeder seeder = DataSeeder.of(10, Optional.empty());

            DataSeeder.Seeding seeding = seeder.seed(connection, schema, table -> true, Optional.empty(),
                    Optional.empty());

            then(strings(connection, "SELECT count(*) FILTER (WHERE note LIKE 'order %') || '/' || count(*) "
                    + "FROM audit")).containsExactly("10/10");
            then(seeding.filled()).contains("public.audit", "public.orders");
        }
    }

    @Test
    void should_take_the_values_a_check_lists_and_say_when_constraints_leave_a_table_short() throws SQLException {
        try (DisposableDatabase database = TestDatabases.fresh();
             Connection connection = database.dataSource().getConnection()) {
            execute(connection, """
                    CREATE TABLE invoices (id int PRIMARY KEY, status text NOT NULL CHECK (status IN ('draft', 'sent')));
                    CREATE TABLE switches (id int PRIMARY KEY, state boolean NOT NULL UNIQUE);
                    """);
            SchemaSnapshot schema = CatalogReader.read(connection, Set.of());
            DataSeeder seeder = DataSeeder.of(10, Optional.empty());

            List<SeedGap> gaps = seeder.seed(connection, schema, table -> true, Optional.empty());

            then(strings(connection, "SELECT DISTINCT status FROM invoices ORDER BY 1")).containsExactly("draft",
                    "sent");
            then(gaps).singleElement().satisfies(gap -> {
                then(gap.table()).isEqualTo("public.switches");
                then(gap.rows()).isEqualTo(2);
                then(gap.wanted()).isEqualTo(10);
                then(gap.reason()).contains("duplicate key value violates unique constraint");
            });
        }
    }

    private static List<String> strings(Connection connection, String sql) throws SQLException {
        List<String> values = new java.util.ArrayList<>();
        try (Statement statement = connection.createStatement();
             java.sql.ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }

    @Test
    void should_fingerprint_values_so_that_any_change_shows_and_order_does_not() throws SQLException {
        try (DisposableDatabase database = TestDatabases.fresh();
             Connection connection = database.dataSource().getConnection()) {
            execute(connection, "CREATE TABLE t (a int, b text); INSERT INTO t VALUES (1, 'x'), (2, 'y')");
            SchemaSnapshot schema = CatalogReader.read(connection, Set.of());
            DataSeeder seeder = DataSeeder.of(1, Optional.empty());
            DataFingerprint before = seeder.fingerprint(connection, schema);

            execute(connection, "DELETE FROM t; INSERT INTO t VALUES (2, 'y'), (1, 'x')");
            then(seeder.fingerprint(connection, schema)).isEqualTo(before);

            execute(connection, "UPDATE t SET b = 'z' WHERE a = 1");
            DataFingerprint after = seeder.fingerprint(connection, schema);
            TableData table = after.table("public.t").orElseThrow();
            then(table.column("a")).isEqualTo(before.table("public.t").orElseThrow().column("a"));
            then(table.column("b").orElseThrow().checksum())
                    .isNotEqualTo(before.table("public.t").orElseThrow().column("b").orElseThrow().checksum());
            then(table.column("b").orElseThrow().values()).isEqualTo(2);
        }
    }

    private static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
