package dev.flyback.verifier.history;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flyback.verifier.MigrationVerifier;
import dev.flyback.verifier.TestDatabases;
import dev.flyback.verifier.TestGit;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.VerifierConfig;
import dev.flyback.verifier.database.ConnectionInfo;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.migration.Migrations;

/**
 * History hygiene against a git reference and against a database Flyway migrated: the released history is V1, V3
 * and V4; the working copy edited V1, added V2 and deleted V4.
 */
class HistoryChecksTests {

    @TempDir
    Path repository;

    private Path migrations() {
        return repository.resolve("db").resolve("migration");
    }

    private void write(String name, String sql) throws IOException {
        Files.createDirectories(migrations());
        Files.writeString(migrations().resolve(name), sql, StandardCharsets.UTF_8);
    }

    private void released() throws IOException {
        write("V1__users.sql", "CREATE TABLE users (id int PRIMARY KEY);\n");
        write("U1__users.sql", "DROP TABLE users;\n");
        write("V3__orders.sql", "CREATE TABLE orders (id int PRIMARY KEY);\n");
        write("U3__orders.sql", "DROP TABLE orders;\n");
        write("V4__audit.sql", "CREATE TABLE audit (id int PRIMARY KEY);\n");
        write("U4__audit.sql", "DROP TABLE audit;\n");
    }

    private void workingCopy() throws IOException {
        write("V1__users.sql", "CREATE TABLE users (id int PRIMARY KEY, email text);\n");
        write("V2__tags.sql", "CREATE TABLE tags (id int PRIMARY KEY);\n");
        write("U2__tags.sql", "DROP TABLE tags;\n");
        Files.delete(migrations().resolve("V4__audit.sql"));
        Files.delete(migrations().resolve("U4__audit.sql"));
    }

    private VerificationResult verify(HistorySource reference) {
        try (DisposableDatabase database = TestDatabases.fresh()) {
            return MigrationVerifier.verify(VerifierConfig.builder()
                    .flyway(FlywaySettings.of("filesystem:" + migrations())).checks(EnumSet.of(Check.HISTORY))
                    .reference(reference).build(), database);
        }
    }

    @Test
    void should_find_the_version_overtaken_the_edited_and_the_deleted_migration_against_a_git_branch()
            throws Exception {
        TestGit.init(repository);
        released();
        TestGit.commitAll(repository, "release");
        workingCopy();
        long tempFolders = referenceCopies();

        List<Finding> findings = verify(new HistorySource.Git("main")).findings();

        // The deleted migration is about no revision that ran: such findings come first (VerificationResult).
        then(findings).extracting(Finding::type).containsExactly(FindingType.RELEASED_MIGRATION_MISSING,
                FindingType.CHECKSUM_CHANGED, FindingType.OUT_OF_ORDER);
        then(findings.get(1).summary()).isEqualTo("V1__users.sql was edited after it was released: its checksum "
                + "differs from git main");
        then(findings.get(1).expected()).hasValueSatisfying(e -> then(e).startsWith("checksum "));
        then(findings.get(1).expected()).isNotEqualTo(findings.get(1).actual());
        then(findings.get(2).summary()).isEqualTo("V2__tags.sql is not in git main and sorts below V4, the latest "
                + "version there: Flyway refuses it there unless outOfOrder=true, and then applies it after V4");
        then(findings.get(2).fix()).hasValueSatisfying(fix -> then(fix).startsWith("renumber it above V4"));
        then(findings.get(0).summary()).isEqualTo("V4__audit.sql is in git main but not here");
        then(findings.get(0).version()).isEqualTo("4");
        then(referenceCopies()).as("the temporary copy of the reference is deleted").isEqualTo(tempFolders);
    }

    @Test
    void should_judge_only_what_was_added_since_a_git_reference_while_replaying_everything() throws Exception {
        TestGit.init(repository);
        released();
        Files.delete(migrations().resolve("U3__orders.sql"));
        TestGit.commitAll(repository, "release");
        write("V5__notes.sql", "CREATE TABLE notes (id int PRIMARY KEY);\nCREATE INDEX ix_notes ON notes (id);\n");
        write("U5__notes.sql", "DROP TABLE notes;\nCREATE INDEX ix_orders_id ON orders (id);\n");
        List<String> progress = new ArrayList<>();

        VerificationResult everything;
        VerificationResult since;
        try (DisposableDatabase database = TestDatabases.fresh()) {
            everything = MigrationVerifier.verify(VerifierConfig.builder()
                    .flyway(FlywaySettings.of("filesystem:" + migrations())).checks(EnumSet.of(Check.REVERSIBILITY))
                    .build(), database);
        }
        try (DisposableDatabase database = TestDatabases.fresh()) {
            since = MigrationVerifier.verify(VerifierConfig.builder()
                    .flyway(FlywaySettings.of("filesystem:" + migrations())).checks(EnumSet.of(Check.REVERSIBILITY))
                    .since("main").progress(progress::add).build(), database);
        }

        then(everything.findings()).extracting(f -> f.rule() + " " + f.version())
                .containsExactly("UNDO_MISSING 3", "LEFTOVER_INDEX 5");
        then(since.findings()).extracting(f -> f.rule() + " " + f.version()).containsExactly("LEFTOVER_INDEX 5");
        then(since.revisions()).hasSize(4);
        then(progress).contains("Judging only what was added since main: V5__notes");
    }

    @Test
    void should_name_an_unknown_git_reference_and_a_folder_outside_git() throws Exception {
        released();
        thenThrownBy(() -> verify(new HistorySource.Git("main")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a git reference history needs the migrations in a git repository");

        TestGit.init(repository);
        thenThrownBy(() -> verify(new HistorySource.Git("release-42")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("git reference 'release-42' not found in ");
    }

    @Test
    void should_compare_with_what_a_database_applied_and_leave_that_database_exactly_as_it_was() throws Exception {
        released();
        try (DisposableDatabase production = TestDatabases.fresh()) {
            Migrations applied = Migrations.open(FlywaySettings.of("filesystem:" + migrations()),
                    production.dataSource(), getClass().getClassLoader());
            applied.up(applied.revisions().get(applied.revisions().size() - 1));
            workingCopy();
            List<String> before = state(production);
            ConnectionInfo info = production.connectionInfo();

            List<Finding> findings = verify(HistorySource.parse(info.jdbcUrl(), Optional.of(info.user()),
                    Optional.of(info.password()))).findings();

            then(findings).extracting(Finding::type).containsExactly(FindingType.RELEASED_MIGRATION_MISSING,
                    FindingType.CHECKSUM_CHANGED, FindingType.OUT_OF_ORDER);
            then(findings.get(2).summary()).contains("V2__tags.sql is not in " + info.redactedUrl());
            then(state(production)).isEqualTo(before);
        }
    }

    @Test
    void should_ignore_versions_at_or_below_a_baseline_of_the_reference() {
        List<Finding> findings = HistoryChecks.compare("prod", List.of(revision("1"), revision("2"), revision("6")),
                List.of(new Released("5", "<< Flyway Baseline >>", Optional.empty(), true),
                        new Released("7", "V7__x.sql", Optional.of(1), false)));

        then(findings).extracting(f -> f.type() + " " + f.version()).containsExactly("OUT_OF_ORDER 6",
                "RELEASED_MIGRATION_MISSING 7");
    }

    @Test
    void should_order_versions_the_way_flyway_does() {
        then(HistoryChecks.compareVersions("1.10", "1.9")).isPositive();
        then(HistoryChecks.compareVersions("2", "2.0.1")).isNegative();
        then(HistoryChecks.compareVersions("10", "9")).isPositive();
        then(HistoryChecks.compareVersions("1_1", "1.1")).isZero();
    }

    private static dev.flyback.verifier.migration.Revision revision(String version) {
        return new dev.flyback.verifier.migration.Revision(version, "x", "V" + version + "__x.sql", Optional.empty(),
                false, Optional.empty(), Optional.of(1));
    }

    private static List<String> state(DisposableDatabase database) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT installed_rank || ' ' || version || ' ' || checksum "
                     + "FROM flyway_schema_history UNION ALL SELECT relname FROM pg_class WHERE relnamespace = "
                     + "'public'::regnamespace ORDER BY 1")) {
            while (result.next()) {
                rows.add(result.getString(1));
            }
        }
        return rows;
    }

    private static long referenceCopies() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("flyback-reference-" + ProcessHandle.current().pid() + "-")).count();
        }
    }
}
