package com.example.qaportal;

import static org.assertj.core.api.BDDAssertions.then;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.flyback.verifier.MigrationVerifier;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.VerifierConfig;
import dev.flyback.verifier.database.DatabaseSettings;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.snapshot.CatalogReader;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/** The QA Team Portal's migrations, verified the way the team's guide asks: every one reversible, data kept. */
class QaPortalMigrationsTests {
    private static final FlywaySettings FLYWAY = FlywaySettings.of("classpath:db/migration");
    private static DisposableDatabase server;

    @BeforeAll
    static void start() {
        server = DisposableDatabase.start(DatabaseSettings.embedded());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void every_migration_is_reversible_and_reapplies_identically() {
        try (DisposableDatabase database = server.createSibling(Optional.empty())) {
            VerificationResult result = MigrationVerifier.verify(VerifierConfig.builder().flyway(FLYWAY).build(),
                    database);

            then(result.findings()).isEmpty();
            then(result.revisions()).extracting(r -> r.revision().displayName()).containsExactly(
                    "V1__create_base_tables", "V2__create_research", "V3__add_linkedin_url", "V4__add_user_role");
            then(result.currentVersion()).contains("4");
        }
    }

    @Test
    void research_status_is_an_enum_with_an_index() throws Exception {
        try (DisposableDatabase database = server.createSibling(Optional.empty())) {
            Migrations migrations = Migrations.open(FLYWAY, database.dataSource(), getClass().getClassLoader());
            migrations.up(revision(migrations, "2"));

            SchemaSnapshot snapshot = snapshot(database, migrations);
            then(snapshot.find(ObjectType.ENUM, "\"public\".\"research_status\"").orElseThrow().property("values"))
                    .contains("'draft', 'in_review', 'published', 'archived'");
            then(snapshot.find(ObjectType.INDEX, "\"public\".\"research\".\"ix_research_status\"").orElseThrow()
                    .property("columns")).contains("status");
        }
    }

    @Test
    void adding_roles_backfills_member_for_existing_users_and_rolls_back_cleanly() throws Exception {
        try (DisposableDatabase database = server.createSibling(Optional.empty())) {
            // GIVEN users that exist before V4
            Migrations migrations = Migrations.open(FLYWAY, database.dataSource(), getClass().getClassLoader());
            migrations.up(revision(migrations, "3"));
            execute(database, "INSERT INTO users (email, full_name) VALUES ('a@x.org', 'Ada'), ('b@x.org', 'Bo')");

            // WHEN the data migration runs
            Revision v4 = revision(migrations, "4");
            migrations.up(v4);

            // THEN every user is a member and the column is required
            then(strings(database, "SELECT role FROM users ORDER BY email")).containsExactly("member", "member");
            then(snapshot(database, migrations).find(ObjectType.COLUMN, "\"public\".\"users\".\"role\"")
                    .orElseThrow().property("nullable")).contains("false");

            // AND rolling back keeps the users
            migrations.down(v4);
            then(strings(database, "SELECT email FROM users ORDER BY email")).containsExactly("a@x.org", "b@x.org");
            then(migrations.currentVersion()).contains("3");
        }
    }

    private static Revision revision(Migrations migrations, String version) {
        return migrations.revisions().stream().filter(r -> r.version().equals(version)).findFirst().orElseThrow();
    }

    private static SchemaSnapshot snapshot(DisposableDatabase database, Migrations migrations) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            return CatalogReader.read(connection, migrations.historyTables());
        }
    }

    private static void execute(DisposableDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> strings(DisposableDatabase database, String sql) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            while (rows.next()) {
                values.add(rows.getString(1));
            }
        }
        return values;
    }
}
