package dev.flyback.verifier.database;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops the servers Flyback started when the JVM is asked to end (SIGTERM, SIGINT, {@code System.exit}) while they
 * still run: a cancelled CI job or a Ctrl-C leaves no PostgreSQL process, data directory or container behind. A
 * server closed normally is forgotten first. SIGKILL runs no hook; see the issue tracker for stale cleanup.
 */
final class ShutdownGuard {
    private static final Set<AutoCloseable> RUNNING = new LinkedHashSet<>();
    private static final AtomicBoolean HOOKED = new AtomicBoolean();
    private static final AtomicBoolean STOPPING = new AtomicBoolean();

    private ShutdownGuard() {
    }

    /** The server, stopped by the hook unless it is closed first. */
    static PostgresServer guard(PostgresServer server) {
        Guarded guarded = new Guarded(server);
        register(guarded);
        return guarded;
    }

    /** Closes the resource (a scratch database to drop) at shutdown unless it is forgotten first. */
    static void register(AutoCloseable resource) {
        if (HOOKED.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(ShutdownGuard::stopAll, "flyback-shutdown"));
        }
        synchronized (RUNNING) {
            RUNNING.add(resource);
        }
    }

    /** The resource was closed normally. */
    static void forget(AutoCloseable resource) {
        synchronized (RUNNING) {
            RUNNING.remove(resource);
        }
    }

    /** Whether the JVM is ending and the hook is stopping what Flyback started. */
    static boolean stopping() {
        return STOPPING.get();
    }

    /** Newest first: scratch databases are dropped before their server stops. */
    private static void stopAll() {
        STOPPING.set(true);
        List<AutoCloseable> resources;
        synchronized (RUNNING) {
            resources = new ArrayList<>(RUNNING);
            RUNNING.clear();
        }
        java.util.Collections.reverse(resources);
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                // The JVM is going away; stop the others anyway.
            }
        }
    }

    /** Forgets the server when it is closed normally, and closes it at most once. */
    private static final class Guarded implements PostgresServer {
        private final PostgresServer server;
        private final AtomicBoolean closed = new AtomicBoolean();

        Guarded(PostgresServer server) {
            this.server = server;
        }

        @Override
        public ConnectionInfo admin() {
            return server.admin();
        }

        @Override
        public String description() {
            return server.description();
        }

        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                forget(this);
                server.close();
            }
        }
    }
}
