package dev.flyback.verifier.database;

import javax.sql.DataSource;

import org.apiguardian.api.API;

/**
 * A scratch PostgreSQL database that Flyback created and will drop: the only database Flyback ever changes.
 *
 * <p>Every provider works the same way: a server is obtained (started embedded, started in a container, or the
 * user's), Flyback creates {@code flyback_<random>} on it, and {@link #close()} drops that database and stops the
 * server if Flyback started it, on success, failure and exception alike.
 *
 * <pre><code class='java'>
 * try (DisposableDatabase db = DisposableDatabase.start(DatabaseSettings.embedded())) {
 *     try (Connection c = db.dataSource().getConnection()) { ... }
 * }
 * </code></pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface DisposableDatabase extends AutoCloseable {

    /**
     * Starts a server as the settings say and creates a scratch database on it.
     *
     * @throws DatabaseStartException when no server could be started or reached, saying what to do
     */
    static DisposableDatabase start(DatabaseSettings settings) {
        return ScratchDatabase.create(Servers.start(settings));
    }

    /** How to connect to the scratch database. */
    ConnectionInfo connectionInfo();

    /** A data source for the scratch database. */
    DataSource dataSource();

    /** For humans: which server and database this is. */
    String description();

    /** Drops the scratch database and creates it again, empty. */
    void reset();

    /**
     * Drops the scratch database and creates it again, under the same name, as a copy of {@code template}: a database
     * of the same server no session is connected to (issue 18: a test's database at a revision, in milliseconds).
     *
     * @since 0.6
     */
    void resetFrom(String template);

    /**
     * Drops the scratch database and gives its name to {@code copy}, another scratch database of the same server no
     * session is connected to, which is closed: this database is now what the copy held. A copy made ahead of time
     * this way costs a rename where a copy made now costs the copying.
     *
     * @since 0.6
     */
    void replaceWith(DisposableDatabase copy);

    /**
     * Ends the sessions this object keeps open for {@link #dataSource()}, so that the database can be copied: a
     * session connected to a database stops {@code CREATE DATABASE ... TEMPLATE} from copying it.
     *
     * @since 0.6
     */
    void closeConnections();

    /**
     * Whether a connection of {@link #dataSource()} is in use now (lent and not closed yet).
     *
     * @since 0.6
     */
    boolean inUse();

    /**
     * The database's name on its server.
     *
     * @since 0.6
     */
    default String name() {
        return connectionInfo().database();
    }

    /**
     * Creates another scratch database on the same server, optionally copied from {@code template}, that is dropped
     * when it is closed or when this database is closed.
     */
    DisposableDatabase createSibling(java.util.Optional<String> template);

    /** Drops the scratch database and stops the server if Flyback started it. */
    @Override
    void close();

    /**
     * Whether the JVM is ending (SIGTERM, SIGINT, {@code System.exit}) and Flyback is dropping its scratch databases
     * and stopping its servers: a step that fails now failed because of that, not because the database was lost.
     */
    public static boolean stopping() {
        return ShutdownGuard.stopping();
    }
}
