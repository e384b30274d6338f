package dev.flyback.verifier;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.diff.SchemaDiff;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.snapshot.CatalogReader;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * A rename is a rename: PostgreSQL's own numbering (OIDs, attnums) follows an object across it, so a renamed column
 * or table is neither dropped nor data lost, and an undo that does not rename back is one finding naming both names,
 * with a fix that renames it back.
 */
class RenameTests {
    private static final Set<Check> CHECKS = EnumSet.of(Check.REVERSIBILITY, Check.REAPPLY, Check.DATA_LOSS);

    @Test
    void should_pair_a_renamed_column_and_a_new_one_under_its_old_name() throws Exception {
        try (DisposableDatabase database = TestDatabases.fresh();
             Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE t (id int PRIMARY KEY, a text, c int)");
            SchemaSnapshot before = CatalogReader.read(connection, List.of());
            statement.execute("ALTER TABLE t RENAME COLUMN a TO b; ALTER TABLE t ADD COLUMN a text;"
                    + "ALTER TABLE t RENAME TO u");
            SchemaSnapshot after = CatalogReader.read(connection, List.of());

            List<SchemaDifference> differences = SchemaDiff.compare(before, after);
            List<SchemaDifference> folded = MigrationVerifier.fold(differences);

            then(differences).filteredOn(d -> d instanceof SchemaDifference.Removed).isEmpty();
            then(folded).extracting(d -> d.getClass().getSimpleName() + " " + d.subject().qualifiedName())
                    .containsExactlyInAnyOrder("Changed \"public\".\"u\"", "Changed \"public\".\"u\".\"b\"",
                            "Added \"public\".\"u\".\"a\"");
            SchemaDifference.Changed column = (SchemaDifference.Changed) folded.stream()
                    .filter(d -> d.subject().name().equals("b")).findFirst().orElseThrow();
            then(column.changes()).containsOnlyKeys(SchemaDiff.NAME);
            then(column.changes().get(SchemaDiff.NAME).before()).isEqualTo("a");
        }
    }

    @Test
    void should_prove_the_fix_for_a_column_the_undo_does_not_rename_back(@TempDir Path work) {
        Finding finding = FixProof.only(FixProof.verify(Scenarios.folder("renames"), CHECKS), "CHANGED_COLUMN",
                "4");
        then(finding.summary()).isEqualTo("column \"public\".\"clients\".\"email\" is \"public\".\"clients\"."
                + "\"contact\" after U4__rename_email.sql, which does not rename it back");
        then(finding.fix()).contains("add to U4__rename_email.sql\n"
                + "ALTER TABLE public.clients RENAME COLUMN contact TO email;");

        List<Finding> fixed = FixProof.apply(Scenarios.folder("renames"), work, CHECKS, "CHANGED_COLUMN", "4");

        then(fixed).noneMatch(f -> f.version().equals("4"));
    }

    @Test
    void should_report_a_table_left_renamed_once_and_prove_its_fix(@TempDir Path scenario, @TempDir Path work)
            throws IOException {
        Files.writeString(scenario.resolve("V1__customers.sql"), """
                CREATE TABLE customers (id bigint PRIMARY KEY, name text);
                CREATE TABLE orders (id bigint PRIMARY KEY, customer_id bigint REFERENCES customers);
                CREATE INDEX ix_orders_customer ON orders (customer_id);
                CREATE VIEW named AS SELECT id, name FROM customers;
                """);
        Files.writeString(scenario.resolve("U1__customers.sql"), "DROP VIEW named; DROP TABLE orders, customers;");
        Files.writeString(scenario.resolve("V2__rename.sql"), "ALTER TABLE customers RENAME TO clients;");
        Files.writeString(scenario.resolve("U2__rename.sql"), "SELECT 1;");

        List<Finding> findings = FixProof.verify(scenario, CHECKS).stream().filter(f -> f.version().equals("2"))
                .toList();

        // The view, the foreign key and the columns follow the table: one finding, not one per object.
        then(findings).extracting(Finding::rule).containsExactly("CHANGED_TABLE", "REUP_FAILED");
        then(findings.get(0).fix()).contains("add to U2__rename.sql\nALTER TABLE public.clients RENAME TO customers;");
        then(FixProof.apply(scenario, work, CHECKS, "CHANGED_TABLE", "2")).noneMatch(f -> f.version().equals("2"));
    }

    /** Each kind of object PostgreSQL can rename: one finding each when the undo forgets, each fix proven. */
    @Test
    void should_follow_renamed_types_functions_views_sequences_and_schemas(@TempDir Path scenario)
            throws IOException {
        Files.writeString(scenario.resolve("V1__objects.sql"), """
                CREATE SCHEMA app;
                CREATE TYPE mood AS ENUM ('sad', 'happy');
                CREATE FUNCTION answer() RETURNS int LANGUAGE sql AS $$ SELECT 42 $$;
                CREATE TABLE t (id int PRIMARY KEY, m mood);
                CREATE VIEW v AS SELECT id FROM t;
                CREATE SEQUENCE s;
                """);
        Files.writeString(scenario.resolve("U1__objects.sql"), "DROP SEQUENCE s; DROP VIEW v; DROP TABLE t; "
                + "DROP FUNCTION answer(); DROP TYPE mood; DROP SCHEMA app;");
        Files.writeString(scenario.resolve("V2__rename.sql"), """
                ALTER SCHEMA app RENAME TO application;
                ALTER TYPE mood RENAME TO feeling;
                ALTER FUNCTION answer() RENAME TO reply;
                ALTER VIEW v RENAME TO ids;
                ALTER SEQUENCE s RENAME TO numbers;
                """);
        Files.writeString(scenario.resolve("U2__rename.sql"), "SELECT 1;\n");

        List<Finding> findings = FixProof.verify(scenario, CHECKS).stream().filter(f -> f.version().equals("2"))
                .toList();

        then(findings).extracting(Finding::rule).containsExactlyInAnyOrder("CHANGED_SCHEMA", "CHANGED_ENUM",
                "CHANGED_FUNCTION", "CHANGED_VIEW", "CHANGED_SEQUENCE", "REUP_FAILED");
        then(findings).noneMatch(f -> f.rule().startsWith("LEFTOVER_") || f.rule().startsWith("MISSING_"));
        for (Finding finding : findings) {
            if (!finding.rule().equals("REUP_FAILED")) {
                FixProof.edit(scenario, finding.fix().orElseThrow());
            }
        }
        then(FixProof.verify(scenario, CHECKS)).noneMatch(f -> f.version().equals("2"));
    }
}
