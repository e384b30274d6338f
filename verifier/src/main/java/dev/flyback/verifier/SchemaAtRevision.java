package dev.flyback.verifier;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.apiguardian.api.API;

import dev.flyback.verifier.database.DatabaseSettings;
import dev.flyback.verifier.database.DatabaseStartException;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.diff.SchemaDiff;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.migration.MigrationException;
import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.snapshot.CatalogReader;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * The schema at a revision, and the difference between two, on a disposable database: what {@code flyback snapshot},
 * {@code flyback diff} and the Maven plugin's goals of the same names print. Going down runs the undo scripts.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SchemaAtRevision {
    /** The version before the first revision. */
    public static final String BASE = "base";
    /** The latest revision. */
    public static final String HEAD = "head";

    private SchemaAtRevision() {
    }

    /**
     * The schema after {@code version} (or {@link #BASE}), on a database started and thrown away for it.
     *
     * @throws MigrationException when a revision on the way fails
     * @throws IllegalArgumentException naming the versions there are, when there is no such version
     */
    public static SchemaSnapshot snapshot(FlywaySettings flyway, DatabaseSettings database, ClassLoader classLoader,
                                          String version) throws MigrationException {
        Migrations.checkLocations(flyway, classLoader);
        try (DisposableDatabase disposable = DisposableDatabase.start(database)) {
            Migrations migrations = Migrations.open(flyway, disposable.dataSource(), classLoader);
            migrations.prepare();
            List<Revision> revisions = migrations.revisions();
            moveTo(migrations, revisions, -1, index(revisions, version));
            return read(migrations, disposable);
        }
    }

    /**
     * What changes in the schema from {@code from} to {@code to} (either may be {@link #BASE}).
     *
     * @throws MigrationException when a revision or undo on the way fails
     * @throws IllegalArgumentException naming the versions there are, or a revision without undo on the way down
     */
    public static List<SchemaDifference> diff(FlywaySettings flyway, DatabaseSettings database,
                                              ClassLoader classLoader, String from, String to)
            throws MigrationException {
        Migrations.checkLocations(flyway, classLoader);
        try (DisposableDatabase disposable = DisposableDatabase.start(database)) {
            Migrations migrations = Migrations.open(flyway, disposable.dataSource(), classLoader);
            migrations.prepare();
            return diff(migrations, disposable, from, to);
        }
    }

    /** {@link #diff(FlywaySettings, DatabaseSettings, ClassLoader, String, String)} on open migrations. */
    public static List<SchemaDifference> diff(Migrations migrations, DisposableDatabase database, String from,
                                              String to) throws MigrationException {
        List<Revision> revisions = migrations.revisions();
        int fromIndex = index(revisions, from);
        int toIndex = index(revisions, to);
        moveTo(migrations, revisions, -1, fromIndex);
        SchemaSnapshot before = read(migrations, database);
        moveTo(migrations, revisions, fromIndex, toIndex);
        return SchemaDiff.withoutEchoesOfRenames(SchemaDiff.compare(before, read(migrations, database)));
    }

    /** The revision of this version. */
    public static Revision find(List<Revision> revisions, String version) {
        return revisions.stream().filter(r -> r.version().equals(version)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No revision " + version + "; the revisions are "
                        + String.join(", ", revisions.stream().map(Revision::version).toList())));
    }

    /** The position of a version in the history; -1 for {@link #BASE}, the last for {@link #HEAD}. */
    public static int index(List<Revision> revisions, String version) {
        if (HEAD.equals(version)) {
            return revisions.size() - 1;
        }
        return BASE.equals(version) ? -1 : revisions.indexOf(find(revisions, version));
    }

    /** Applies revisions, or runs undo scripts newest first, from one position to another. */
    public static void moveTo(Migrations migrations, List<Revision> revisions, int from, int to)
            throws MigrationException {
        if (to > from) {
            migrations.up(revisions.get(to));
            return;
        }
        List<Revision> undo = new ArrayList<>(revisions.subList(to + 1, from + 1));
        Collections.reverse(undo);
        for (Revision revision : undo) {
            if (revision.undo().isEmpty()) {
                throw new IllegalArgumentException(revision.script() + " has no undo script, so the schema "
                        + "cannot go down past it; diff upwards instead");
            }
            migrations.down(revision);
        }
    }

    /** The schema of the database now. */
    public static SchemaSnapshot read(Migrations migrations, DisposableDatabase database) {
        try (Connection connection = database.dataSource().getConnection()) {
            return CatalogReader.read(connection, migrations.historyTables());
        } catch (SQLException e) {
            throw new DatabaseStartException("Lost the database while reading its schema: " + e.getMessage(), e);
        }
    }
}
