package dev.flyback.verifier.cli;

import dev.flyback.verifier.database.ConnectionInfo;
import dev.flyback.verifier.database.Secret;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.migration.MigrationHistory;
import dev.flyback.verifier.migration.Migrations;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What the workflow commands share: the database the user names, and the Flyway configuration. */
final class WorkflowOptions {

    @Option(names = "--url", defaultValue = "${FLYBACK_URL}",
            description = "JDBC URL of the database to work on (env FLYBACK_URL).")
    String url;

    @Option(names = "--user", defaultValue = "${FLYBACK_USER}", description = "User (env FLYBACK_USER).")
    String user;

    @Option(names = "--password", defaultValue = "${FLYBACK_PASSWORD}",
            description = "Password (env FLYBACK_PASSWORD); never printed.")
    String password;

    @Mixin
    FlywayOptions flyway;

    ConnectionInfo connection() {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("Name the database to work on with --url (or FLYBACK_URL), e.g. "
                    + "--url jdbc:postgresql://localhost:5432/app_dev");
        }
        return new ConnectionInfo(url, user == null ? System.getProperty("user.name") : user,
                Secret.of(password == null ? "" : password));
    }

    FlywaySettings flyway() {
        return flyway.settings();
    }

    MigrationHistory open() {
        ConnectionInfo connection = connection();
        Migrations.checkLocations(flyway());
        try (java.sql.Connection probe = connection.dataSource().getConnection()) {
            probe.isValid(5);
        } catch (java.sql.SQLException e) {
            throw new dev.flyback.verifier.database.DatabaseStartException("Could not connect to "
                    + connection.redactedUrl() + " as user '" + connection.user() + "': " + e.getMessage(), e);
        }
        return MigrationHistory.open(flyway(), connection.dataSource(), Thread.currentThread().getContextClassLoader());
    }
}
