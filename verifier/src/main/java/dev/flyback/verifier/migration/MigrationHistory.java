package dev.flyback.verifier.migration;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

import org.apiguardian.api.API;

/**
 * A database's migration history as the developer's workflow (and a test) moves it: the revisions, where the database
 * is, up to a revision, down one, stamp. The small public face of the migration engine; the proof's own ways of
 * running steps stay behind it.
 *
 * <pre><code class='java'>
 * MigrationHistory history = MigrationHistory.open(FlywaySettings.of("filesystem:db/migration"), dataSource,
 *         getClass().getClassLoader());
 * history.up(history.revisions().get(2));
 * history.down(history.revisions().get(2));
 * </code></pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MigrationHistory {
    private final Migrations migrations;

    private MigrationHistory(Migrations migrations) {
        this.migrations = migrations;
    }

    /**
     * Checks the migration files (before any database work), reads the Flyway configuration and lists the revisions.
     * Nothing is written to the database.
     *
     * @throws MigrationConfigurationException when the configuration, a location or a file is wrong
     */
    public static MigrationHistory open(FlywaySettings settings, DataSource dataSource, ClassLoader classLoader) {
        Migrations.checkLocations(settings, classLoader);
        return new MigrationHistory(Migrations.open(settings, dataSource, classLoader));
    }

    /**
     * Creates the schemas Flyway would create on its first migration ({@code flyway.schemas} with
     * {@code createSchemas}), so that the state before the first revision already has them; for a database Flyback
     * created (a test's), never a user's.
     */
    public void createSchemas() throws MigrationException {
        migrations.prepare();
    }

    /** The versioned revisions in the order Flyway applies them. */
    public List<Revision> revisions() {
        return migrations.revisions();
    }

    /** The versions Flyway's history records as applied, in order. */
    public List<String> applied() {
        return migrations.appliedVersions();
    }

    /** The version the database is at, if any. */
    public Optional<String> current() {
        return migrations.currentVersion();
    }

    /** Applies every revision up to and including {@code target} that is not applied yet. */
    public void up(Revision target) throws MigrationException {
        migrations.up(target);
    }

    /** Runs {@code revision}'s undo and removes it from Flyway's history. */
    public void down(Revision revision) throws MigrationException {
        migrations.down(revision);
    }

    /**
     * Records {@code version} as the database's state without running anything, for a database brought up to date
     * by other means; only for a database with no history yet.
     *
     * @throws MigrationConfigurationException when the database already has a history
     */
    public void stamp(String version) {
        migrations.stamp(version);
    }

    /** The tables that keep the history (Flyway's and Flyback's): never part of a schema snapshot. */
    public Set<String> historyTables() {
        return migrations.historyTables();
    }
}
