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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.apiguardian.api.API;

import dev.flyback.verifier.database.DisposableDatabase;

/**
 * Template databases of one server (issue 18): per history, a database at each revision a test's
 * {@code MigrationHarness.migrateTo} reached from nothing. A later test that goes to a revision from nothing gets its
 * database copied from the template there instead of replaying the history; a revision without a template gets one,
 * migrated from the nearest template below it. A history is known by its Flyway settings and its scripts' checksums,
 * so a changed script is never served from an old template.
 *
 * <p>Copying takes PostgreSQL about as long whatever the database holds (bench: 100 to 160 ms for the 8 MB of 150
 * synthetic revisions, either strategy), so, as zonky's embedded-database-spring-test prefetches its databases, the
 * next copy of a template is made in the background as soon as one is taken, and handing it to a test is a rename.
 * The templates and their spare copies are dropped when this is closed (the JUnit extension closes it with the
 * server). Another test framework's glue can use it the same way:
 *
 * <pre><code class='java'>
 * try (RevisionTemplates templates = new RevisionTemplates(server)) {
 *     // for each test, on its own empty database:
 *     if (RevisionTemplates.replaceable(database)) {
 *         templates.copyInto(database, flyway, loader, revisions, revisions.indexOf(target));
 *     }
 * }
 * </code></pre>
 *
 * @since 0.6
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.6")
public final class RevisionTemplates implements AutoCloseable {
    private final DisposableDatabase anchor;
    private final Map<String, TreeMap<Integer, DisposableDatabase>> byHistory = new HashMap<>();
    private final Map<String, List<Revision>> revisions = new HashMap<>();
    /** The next copy of each template, made or being made. */
    private final Map<DisposableDatabase, Future<DisposableDatabase>> spares = new HashMap<>();
    private final ExecutorService copier = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "flyback-template-copies");
        thread.setDaemon(true);
        return thread;
    });

    /** Templates made on the server of {@code anchor}, as its siblings. */
    public RevisionTemplates(DisposableDatabase anchor) {
        this.anchor = anchor;
    }

    /**
     * The revisions of a history, listed once per settings and class loader: a test class's methods each open the
     * history, and listing 150 scripts again costs each of them 100 to 300 ms.
     */
    public synchronized List<Revision> revisions(FlywaySettings flyway, ClassLoader loader,
                                                 java.util.function.Supplier<List<Revision>> list) {
        return revisions.computeIfAbsent(flyway + "\n" + System.identityHashCode(loader), key -> List.copyOf(list.get()));
    }

    /**
     * Whether {@code database} can be replaced by a copy: nothing in it but empty schemas (no table, view,
     * sequence, function, type or extension of the test's, no Flyway history), no connection of its data source in
     * use (a test holding one keeps it, and keeps the database it is connected to), and no other session on it.
     */
    public static boolean replaceable(DisposableDatabase database) {
        if (database.inUse()) {
            return false;
        }
        for (int attempt = 0; attempt < 2; attempt++) {
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
                              + (SELECT count(*) FROM pg_extension WHERE extname <> 'plpgsql'),
                                (SELECT count(*) FROM pg_stat_activity
                                 WHERE datname = current_database() AND pid <> pg_backend_pid())""")) {
                if (!row.next() || row.getLong(1) != 0) {
                    return false;
                }
                if (row.getLong(2) == 0) {
                    return true;
                }
            } catch (SQLException e) {
                return false;
            } finally {
                // Another session may be one the data source keeps idle: ended, the count is asked again.
                database.closeConnections();
            }
        }
        return false;
    }

    /**
     * Makes {@code database}, which {@link #replaceable} accepted, a copy of the history at revision {@code target}
     * (an index into {@code revisions}).
     */
    public void copyInto(DisposableDatabase database, FlywaySettings flyway, ClassLoader loader,
                         List<Revision> revisions, int target) throws MigrationException {
        DisposableDatabase template;
        Future<DisposableDatabase> spare;
        synchronized (this) {
            template = template(flyway, loader, revisions, target);
            spare = spares.remove(template);
            spares.put(template, copier.submit(() -> anchor.createSibling(Optional.of(template.name()))));
        }
        Optional<DisposableDatabase> copy = Optional.empty();
        if (spare != null) {
            try {
                copy = Optional.of(spare.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException e) {
                // Made now instead.
            }
        }
        if (copy.isPresent()) {
            database.replaceWith(copy.get());
        } else {
            database.resetFrom(template.name());
        }
    }

    /** The template at {@code target}, made from the nearest one below it if there is none yet. */
    private DisposableDatabase template(FlywaySettings flyway, ClassLoader loader, List<Revision> revisions,
                                        int target) throws MigrationException {
        TreeMap<Integer, DisposableDatabase> templates = byHistory.computeIfAbsent(key(flyway, revisions),
                key -> new TreeMap<>());
        DisposableDatabase template = templates.get(target);
        if (template != null) {
            return template;
        }
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
        return made;
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
        copier.shutdown();
        try {
            copier.awaitTermination(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<DisposableDatabase> all = new ArrayList<>();
        for (Future<DisposableDatabase> spare : spares.values()) {
            if (spare.isDone() && !spare.isCancelled()) {
                try {
                    all.add(spare.get());
                } catch (InterruptedException | java.util.concurrent.ExecutionException e) {
                    // Never made: nothing to drop.
                }
            }
        }
        spares.clear();
        byHistory.values().forEach(templates -> all.addAll(templates.values()));
        byHistory.clear();
        for (DisposableDatabase database : all) {
            try {
                database.close();
            } catch (RuntimeException e) {
                // The server goes next, and the database with it.
            }
        }
    }
}
