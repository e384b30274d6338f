package dev.flyback.verifier;

import static dev.flyback.verifier.TestDatabases.publicTables;
import static dev.flyback.verifier.TestDatabases.strings;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.migration.MigrationConfigurationException;
import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.migration.ProofSteps;
import dev.flyback.verifier.migration.Revision;

/** Flyway up, undo down, and a history table that stays true. */
class MigrationsTests {

    @Test
    void should_pair_each_versioned_script_with_its_undo_script() {
        try (DisposableDatabase database = TestDatabases.fresh()) {
            Migrations migrations = Migrations.open(FlywaySettings.of("filesystem:" + Scenarios.folder("undo_missing")),
                    database.dataSource(), getClass().getClassLoader());

            then(migrations.revisions()).extracting(Revision::script, Revision::undoDisplayName).containsExactly(
                    tuple("V1__create_users.sql", "U1__create_users.sql"),
                    tuple("V2__add_phone.sql", "(no undo)"));
        }
    }

    @Test
    void should_keep_flyway_history_true_after_an_undo() throws Exception {
        try (DisposableDatabase database = TestDatabases.fresh()) {
            // GIVEN
            Migrations migrations = Migrations.open(FlywaySettings.of("filesystem:" + Scenarios.folder("clean")),
                    database.dataSource(), getClass().getClassLoader());
            Revision v2 = migrations.revisions().get(1);
            migrations.up(v2);
            then(migrations.currentVersion()).contains("2");

            // WHEN
            migrations.down(v2);

            // THEN
            then(migrations.currentVersion()).contains("1");
            then(historyVersions(database)).containsExactly("1");
            then(publicTables(database)).doesNotContain(Migrations.UNDO_HISTORY_TABLE);
            migrations.up(v2);
            then(historyVersions(database)).containsExactly("1", "2");
        }
    }

    @Test
    void should_record_statements_only_when_asked() throws Exception {
        try (DisposableDatabase database = TestDatabases.fresh()) {
            Migrations migrations = Migrations.open(FlywaySettings.of("filesystem:" + Scenarios.folder("clean")),
                    database.dataSource(), getClass().getClassLoader());
            List<Revision> revisions = migrations.revisions();

            try (ProofSteps recording = migrations.proofSteps(true)) {
                recording.up(revisions.get(0));
                then(recording.lastStatements()).extracting(s -> s.line().orElse(0)).isNotEmpty();
            }

            try (ProofSteps quiet = migrations.proofSteps(false)) {
                quiet.up(revisions.get(1));
                then(quiet.lastStatements()).isEmpty();
                then(quiet.lastWrittenTables()).isEmpty();
                quiet.down(revisions.get(1));
                then(quiet.lastStatements()).isEmpty();
                quiet.reup(revisions.get(1));
                then(quiet.lastStatements()).isEmpty();
            }
            then(migrations.currentVersion()).contains("2");

            try (ProofSteps recording = migrations.proofSteps(true)) {
                recording.down(revisions.get(1));
                then(recording.lastStatements()).isNotEmpty()
                        .allSatisfy(statement -> then(statement.script()).isEqualTo("U2__everything.sql"));
            }
            then(publicTables(database)).as("the undo history table goes with the steps")
                    .doesNotContain(Migrations.UNDO_HISTORY_TABLE);
        }
    }

    /**
     * A database that only reaches a revision (issue 18: a range proved on a database of its own) records of its up
     * the tables it wrote, and nothing of its statements' locks; the tables are those a proved up records, since they
     * decide which tables' rows are read again. A step outside a transaction has released its locks: unknown.
     */
    @Test
    void should_record_of_a_reached_revision_the_tables_it_wrote_as_a_proved_one_does(@TempDir Path folder)
            throws Exception {
        Files.writeString(folder.resolve("V1__tables.sql"), """
                CREATE TABLE a (id int PRIMARY KEY, v text);
                CREATE TABLE b (id int PRIMARY KEY, v text);
                CREATE TABLE untouched (id int PRIMARY KEY);
                INSERT INTO a VALUES (1, 'x');
                INSERT INTO b VALUES (1, 'y');
                INSERT INTO untouched VALUES (1);
                """);
        Files.writeString(folder.resolve("V2__changes.sql"), """
                UPDATE a SET v = 'z';
                CREATE INDEX b_v ON b (v);
                CREATE INDEX untouched_id ON untouched (id);
                CREATE TABLE c (id int);
                ALTER TABLE b ADD COLUMN w int;
                """);
        Files.writeString(folder.resolve("V3__concurrently.sql"), "CREATE INDEX CONCURRENTLY a_v ON a (v);\n");
        List<List<Object>> recorded = new ArrayList<>();
        for (boolean reaching : List.of(false, true)) {
            try (DisposableDatabase database = TestDatabases.fresh()) {
                Migrations migrations = Migrations.open(FlywaySettings.of("filesystem:" + folder),
                        database.dataSource(), getClass().getClassLoader());
                List<Revision> revisions = migrations.revisions();
                try (ProofSteps steps = migrations.proofSteps(true)) {
                    steps.up(revisions.get(0));
                    List<Object> seen = new ArrayList<>();
                    for (Revision revision : revisions.subList(1, 3)) {
                        if (reaching) {
                            steps.reachUp(revision);
                        } else {
                            steps.up(revision);
                        }
                        seen.add(steps.lastWrittenTables());
                        seen.add(steps.lastStatements().stream().mapToInt(s -> s.locks().size()).sum());
                    }
                    recorded.add(seen);
                }
                then(migrations.currentVersion()).contains("3");
            }
        }

        then(recorded.get(0)).containsExactly(Optional.of(Set.of("public.a", "public.b", "public.c")), 3,
                Optional.empty(), 0);
        then(recorded.get(1)).as("reached: the same tables, no lock read")
                .containsExactly(Optional.of(Set.of("public.a", "public.b", "public.c")), 0, Optional.empty(), 0);
    }

    /**
     * A proof's first ups go through one Flyway migrate that waits before each migration (it keeps its lock all
     * along) while the proof takes the revision before down and up again; the history it leaves is the one a plain
     * migrate writes.
     */
    @Test
    void should_apply_a_proofs_first_ups_in_one_paused_flyway_run() throws Exception {
        try (DisposableDatabase database = TestDatabases.fresh(); DisposableDatabase plain = TestDatabases.fresh()) {
            Migrations migrations = Migrations.open(FlywaySettings.of("filesystem:" + Scenarios.folder("clean")),
                    database.dataSource(), getClass().getClassLoader());
            List<Revision> revisions = migrations.revisions();

            try (ProofSteps steps = migrations.proofSteps(true)) {
                for (Revision revision : revisions.subList(0, 2)) {
                    steps.up(revision);
                    then(flywayLocks(database)).as("Flyway's run goes on after %s", revision.script())
                            .containsExactly("1");
                    steps.down(revision);
                    steps.reup(revision);
                    then(steps.lastStatements()).isNotEmpty();
                }
                steps.up(revisions.get(2));
                then(steps.lastStatements()).extracting(s -> s.script()).containsOnly("V3__add_tags.sql");
                then(flywayLocks(database)).as("the run is over after the last revision").containsExactly("0");
            }

            Migrations.open(FlywaySettings.of("filesystem:" + Scenarios.folder("clean")), plain.dataSource(),
                    getClass().getClassLoader()).migrate();
            String history = "SELECT version || ' ' || script || ' ' || checksum || ' ' || success "
                    + "FROM flyway_schema_history ORDER BY installed_rank";
            then(strings(database, history)).containsExactlyElementsOf(strings(plain, history));
        }
    }

    @Test
    void should_start_a_new_run_at_the_revision_asked_once_a_run_is_ended() throws Exception {
        try (DisposableDatabase database = TestDatabases.fresh()) {
            Migrations migrations = Migrations.open(FlywaySettings.of("filesystem:" + Scenarios.folder("clean")),
                    database.dataSource(), getClass().getClassLoader());
            List<Revision> revisions = migrations.revisions();
            try (ProofSteps steps = migrations.proofSteps(false)) {
                steps.up(revisions.get(0));

                steps.pause();

                then(flywayLocks(database)).containsExactly("0");
                then(historyVersions(database)).containsExactly("1");
                steps.up(revisions.get(1));
                then(flywayLocks(database)).as("a new run, paused before V3").containsExactly("1");
                then(migrations.currentVersion()).contains("2");
                steps.up(revisions.get(2));
                then(flywayLocks(database)).containsExactly("0");
                then(historyVersions(database)).containsExactly("1", "2", "3");
            }
        }
    }

    /** Flyway's session lock, held by another connection for as long as a migrate runs. */
    private static List<String> flywayLocks(DisposableDatabase database) throws Exception {
        return strings(database, "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())");
    }

    @Test
    void should_run_a_java_migrations_down_step_and_report_one_without() {
        VerificationResult result = Scenarios.verify(FlywaySettings.of("classpath:dev/flyback/verifier/javamigrations"));

        then(result.revisions()).extracting(r -> r.revision().displayName(), r -> r.revision().java())
                .containsExactly(tuple("V1__Create_users", false), tuple("V2__Create_audit", true),
                        tuple("V3__Add_audit_index", true));
        then(result.findings()).extracting(Finding::rule, Finding::version)
                .containsExactly(tuple("UNDO_MISSING", "3"));
        then(result.findings().get(0).fix()).contains(
                "implement dev.flyback.verifier.migration.ReversibleMigration in "
                        + "dev.flyback.verifier.javamigrations.V3__Add_audit_index");
    }

    @Test
    void should_name_a_missing_location_in_a_configuration_error() {
        try (DisposableDatabase database = TestDatabases.fresh()) {
            thenThrownBy(() -> Migrations.open(FlywaySettings.of("filesystem:/no/such/folder"),
                    database.dataSource(), getClass().getClassLoader()))
                    .isInstanceOf(MigrationConfigurationException.class)
                    .hasMessageContaining("/no/such/folder");
        }
    }

    private static List<String> historyVersions(DisposableDatabase database) throws Exception {
        return strings(database, "SELECT version FROM flyway_schema_history ORDER BY installed_rank");
    }
}
