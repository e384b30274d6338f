package dev.flyback.verifier;

import static dev.flyback.verifier.TestDatabases.publicTables;
import static dev.flyback.verifier.TestDatabases.strings;
import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.migration.ExecutedStatement;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.migration.ProofSteps;
import dev.flyback.verifier.migration.Revision;

/**
 * A proof's undo and second up run without a Flyway command each (Flyway's parser splits the script, Flyback runs
 * it): they must do exactly what the Flyway command would have done.
 */
class DirectStepsTests {
    private static final Map<String, String> GREETING = Map.of("flyway.placeholders.greeting", "hello");

    @Test
    void should_undo_and_apply_again_as_flyway_would_without_a_flyway_command() throws Exception {
        try (DisposableDatabase database = TestDatabases.fresh()) {
            // GIVEN V1 applied by Flyway
            Migrations migrations = Migrations.open(settings(Scenarios.folder("direct_steps")), database.dataSource(),
                    getClass().getClassLoader());
            try (ProofSteps steps = migrations.proofSteps(true)) {
                Revision v1 = migrations.revisions().get(0);
                steps.up(v1);
                List<String> flywaysRow = historyRow(database);
                List<String> flywaysTable = describeNotes(database);

                // WHEN its undo runs
                steps.down(v1);

                // THEN the DO block ran as one statement, no Flyway undo history was made, and Flyway's row is gone
                then(publicTables(database)).doesNotContain("notes", Migrations.UNDO_HISTORY_TABLE);
                then(strings(database, "SELECT version FROM flyway_schema_history")).isEmpty();
                then(steps.lastStatements()).extracting(ExecutedStatement::line).containsExactly(Optional.of(2));

                // WHEN V1 runs again
                steps.reup(v1);

                // THEN placeholders were filled as Flyway fills them and the history row is the one Flyway wrote
                then(describeNotes(database)).isEqualTo(flywaysTable).anySatisfy(line -> then(line)
                        .startsWith("comment: created by V1__create_notes.sql as "));
                then(describeNotes(database)).contains("column: body text 'hello'::text");
                then(historyRow(database)).isEqualTo(flywaysRow);
                then(steps.lastStatements()).extracting(ExecutedStatement::line)
                        .containsExactly(Optional.of(2), Optional.of(3), Optional.of(5));
                then(migrations.currentVersion()).contains("1");

                // AND Flyway takes the next revision from there
                steps.up(migrations.revisions().get(1));
                then(strings(database, "SELECT version FROM flyway_schema_history WHERE version IS NOT NULL "
                        + "ORDER BY installed_rank")).containsExactly("1", "2");
            }
        }
    }

    @Test
    void should_run_a_non_transactional_script_outside_a_transaction_as_flyway_does() throws Exception {
        try (DisposableDatabase database = TestDatabases.fresh()) {
            Migrations migrations = Migrations.open(settings(Scenarios.folder("direct_steps")), database.dataSource(),
                    getClass().getClassLoader());
            try (ProofSteps steps = migrations.proofSteps(true)) {
                steps.up(migrations.revisions().get(0));
                Revision v2 = migrations.revisions().get(1);
                steps.up(v2);

                // DROP INDEX CONCURRENTLY and CREATE INDEX CONCURRENTLY fail inside a transaction block
                steps.down(v2);
                then(strings(database, "SELECT indexname FROM pg_indexes WHERE tablename = 'notes'"))
                        .containsExactly("notes_pkey");
                steps.reup(v2);
                then(strings(database, "SELECT c.relname FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                        + "WHERE i.indisvalid AND c.relname = 'ix_notes_body'")).containsExactly("ix_notes_body");
                then(migrations.currentVersion()).contains("2");
            }
        }
    }

    /**
     * The same history proved twice: as it is (undos and second ups without Flyway commands) and with a callback
     * script beside it, which makes every step a Flyway command. Findings, lines and messages must match.
     */
    @ParameterizedTest
    @ValueSource(strings = {"direct_steps", "undo_failed", "reup_failed", "leftover_index"})
    void should_find_what_flyway_commands_find(String scenario, @TempDir Path copy) throws IOException {
        try (Stream<Path> files = Files.list(Scenarios.folder(scenario))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Files.writeString(copy.resolve("afterMigrate.sql"), "SELECT 1;\n");

        VerificationResult direct = Scenarios.verify(settings(Scenarios.folder(scenario)));
        VerificationResult throughFlyway = Scenarios.verify(settings(copy));

        then(direct.findings()).isNotEmpty();
        then(describe(direct)).isEqualTo(describe(throughFlyway));
    }

    /**
     * Each way Flyway can run a script (its .conf outside a transaction, its .conf encoding, a CONCURRENTLY
     * statement alone, a function recording the session's search path): the second up and the undo run it the same
     * way, so a correct history passes both with and without Flyway commands.
     */
    @Test
    void should_run_each_script_as_flyway_ran_its_first_up(@TempDir Path copy) throws IOException {
        try (Stream<Path> files = Files.list(Scenarios.folder("script_modes"))) {
            for (Path file : files.toList()) {
                Files.copy(file, copy.resolve(file.getFileName()));
            }
        }
        Files.writeString(copy.resolve("afterMigrate.sql"), "SELECT 1;\n");

        VerificationResult direct = Scenarios.verify(settings(Scenarios.folder("script_modes")));
        VerificationResult throughFlyway = Scenarios.verify(settings(copy));

        then(direct.revisions()).hasSize(5);
        then(direct.findings()).isEmpty();
        then(throughFlyway.findings()).isEmpty();
    }

    @Test
    void should_refuse_an_undo_mixing_transactional_and_non_transactional_statements_in_flyways_words() {
        VerificationResult result = Scenarios.verify(settings(Scenarios.folder("direct_steps")));

        then(result.findings()).filteredOn(f -> f.rule().equals("CONCURRENTLY_IN_TRANSACTION")).singleElement()
                .satisfies(finding -> {
                    then(finding.file()).contains("U3__add_flag.sql");
                    then(finding.summary()).contains("Detected both transactional and non-transactional "
                            + "statements within the same migration");
                });
    }

    @Test
    void should_reach_a_revision_as_flyways_migrate_does_and_let_flyway_go_on_from_there(@TempDir Path history)
            throws Exception {
        dev.flyback.verifier.internal.bench.SyntheticHistory.write(history, 12, 0);
        try (DisposableDatabase byFlyway = TestDatabases.fresh(); DisposableDatabase reached = TestDatabases.fresh()) {
            // GIVEN one database Flyway migrated to V10
            Migrations flyway = Migrations.open(settings(history), byFlyway.dataSource(), getClass().getClassLoader());
            List<Revision> revisions = flyway.revisions();
            try (ProofSteps steps = flyway.proofSteps(false)) {
                steps.rebuild(revisions.get(9));
            }

            // WHEN another reaches V10 as a range of a proof does
            Migrations migrations = Migrations.open(settings(history), reached.dataSource(),
                    getClass().getClassLoader());
            try (ProofSteps steps = migrations.proofSteps(false)) {
                steps.reach(revisions.subList(0, 10));

                // THEN it holds the same schema, columns in the same places, and Flyway's history says V10
                then(columns(reached)).isEqualTo(columns(byFlyway)).isNotEmpty();
                then(schema(reached, migrations)).isEqualTo(schema(byFlyway, flyway));
                then(migrations.currentVersion()).contains("10");

                // AND Flyway applies the next revision from there
                steps.up(revisions.get(10));
                then(migrations.currentVersion()).contains("11");
            }
        }
    }

    /** Every user column with its number: a dropped column leaves a gap a dump and restore would close. */
    private static List<String> columns(DisposableDatabase database) throws Exception {
        return strings(database, "SELECT attrelid::regclass || '.' || attname || ' ' || attnum FROM pg_attribute "
                + "WHERE attrelid IN (SELECT oid FROM pg_class WHERE relnamespace = 'public'::regnamespace "
                + "AND relkind = 'r' AND relname <> 'flyway_schema_history') AND attnum > 0 AND NOT attisdropped "
                + "ORDER BY 1");
    }

    private static dev.flyback.verifier.snapshot.SchemaSnapshot schema(DisposableDatabase database,
                                                                       Migrations migrations) throws Exception {
        try (java.sql.Connection connection = database.dataSource().getConnection()) {
            return dev.flyback.verifier.snapshot.CatalogReader.read(connection, migrations.historyTables());
        }
    }

    private static FlywaySettings settings(Path folder) {
        return new FlywaySettings(List.of("filesystem:" + folder), GREETING, List.of(), false);
    }

    private static List<String> describe(VerificationResult result) {
        return result.findings().stream().map(f -> String.join(" | ", f.rule(), f.version(),
                f.file().orElse("-"), f.line().map(String::valueOf).orElse("-"), f.summary(),
                f.actual().orElse("-"))).toList();
    }

    private static List<String> historyRow(DisposableDatabase database) throws Exception {
        return strings(database, "SELECT concat_ws(' | ', version, description, type, script, checksum, "
                + "installed_by, success) FROM flyway_schema_history WHERE version IS NOT NULL");
    }

    private static List<String> describeNotes(DisposableDatabase database) throws Exception {
        List<String> lines = new ArrayList<>(strings(database, "SELECT 'column: ' || attname || ' ' || "
                + "format_type(atttypid, atttypmod) || coalesce(' ' || pg_get_expr(d.adbin, d.adrelid), '') "
                + "FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                + "WHERE a.attrelid = 'notes'::regclass AND a.attnum > 0 AND NOT a.attisdropped ORDER BY attnum"));
        lines.addAll(strings(database, "SELECT 'comment: ' || obj_description('notes'::regclass, 'pg_class')"));
        return lines;
    }
}
