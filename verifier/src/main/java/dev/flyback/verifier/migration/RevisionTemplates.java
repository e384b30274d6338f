package dev.flyback.verifier.migration;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apiguardian.api.API;

import dev.flyback.verifier.database.DisposableDatabase;

/**
 * Template databases of one server (issue 18): per history, a database at each revision a test's
 * test's {@code MigrationHarness.migrateTo} reached from nothing. A later test that goes to a revision from nothing gets its
 * database copied from the template there ({@code CREATE DATABASE ... TEMPLATE}) instead of replaying the history;
 * a revision without a template gets one, migrated from the nearest template below it. A history is known by its
 * Flyway settings and its scripts' checksums, so a changed script is never served from an old template. The
 * templates are dropped with the server (the JUnit extension closes this with it).
 *
 * @since 0.6
 */
@API(status = API.Status.INTERNAL, since = "0.6")
public final class RevisionTemplates implements AutoCloseable {
    private final DisposableDatabase anchor;
    private final Map<String, TreeMap<Integer, DisposableDatabase>> byHistory = new HashMap<>();

    /** Templates made on the server of {@code anchor}, as its siblings. */
    public RevisionTemplates(DisposableDatabase anchor) {
        this.anchor = anchor;
    }

    /**
     * Whether {@code database} can be replaced by a copy: nothing in it but empty schemas (no table, view,
     * sequence, function, type or extension of the test's, no Flyway history), and no session on it but the ones
     * Flyback keeps, which are ended.
     */
    public static boolean replaceable(DisposableDatabase database) {
        database.closeConnections();
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("""
                     SELECT (SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
                               AND n.nspname NOT LIKE 'pg\\_%')
                          + (SELECT count(*) FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
                             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema'))
                          + (SELECT count(*) FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                             WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
                               AND n.nspname NOT LIKE 'pg\\_%')
                          + (SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql')
                          + (SELECT count(*) FROM pg_stat_activity
                             WHERE datname = current_database() AND pid <> pg_backend_pid())""")) {
            return row.next() && row.getLong(1) == 0;
        } catch (SQLException e) {
            return false;
        } finally {
            database.closeConnections();
        }
    }

    /**
     * Makes {@code database}, which {@link #replaceable} accepted, a copy of the history at revision {@code target}
     * (an index into {@code revisions}).
     */
    public synchronized void copyInto(DisposableDatabase database, FlywaySettings flyway, ClassLoader loader,
                               List<Revision> revisions, int target) throws MigrationException {
        TreeMap<Integer, DisposableDatabase> templates = byHistory.computeIfAbsent(key(flyway, revisions),
                key -> new TreeMap<>());
        DisposableDatabase template = templates.get(target);
        if (template == null) {
            Map.Entry<Integer, DisposableDatabase> nearest = templates.floorEntry(target);
            DisposableDatabase made = anchor.createSibling(Optional.ofNullable(nearest)
                    .map(entry -> entry.getValue().name()));
            try {
                MigrationHistory history = MigrationHistory.open(flyway, made.dataSource(), loader);
                if (nearest == null) {
                    history.createSchemas();
                }
                history.up(revisions.get(target));
            } catch (MigrationException | RuntimeException e) {
                made.close();
                throw e;
            } finally {
                made.closeConnections();
            }
            templates.put(target, made);
            template = made;
        }
        database.resetFrom(template.name());
    }

    /** The names of the template databases kept now. */
    public synchronized List<String> databases() {
        List<String> names = new ArrayList<>();
        byHistory.values().forEach(templates -> templates.values().forEach(t -> names.add(t.name())));
        return names;
    }

    private static String key(FlywaySettings flyway, List<Revision> revisions) {
        StringBuilder key = new StringBuilder(flyway.toString());
        revisions.forEach(r -> key.append('\n').append(r.script()).append(':').append(r.checksum().orElse(0)));
        return key.toString();
    }

    @Override
    public synchronized void close() {
        List<DisposableDatabase> all = new ArrayList<>();
        byHistory.values().forEach(templates -> all.addAll(templates.values()));
        byHistory.clear();
        for (DisposableDatabase template : all) {
            try {
                template.close();
            } catch (RuntimeException e) {
                // The server goes next, and the template with it.
            }
        }
    }
}
