package dev.flyback.verifier.migration;

import java.util.Optional;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * One Flyway {@code migrate} of a stretch of the history, paused before each migration until the proof lets it go
 * on. Flyway applies the revisions' first ups in a single command, as a deployment does, instead of one command per
 * revision (each of which costs Flyway's whole set-up: about sixty round trips before the migration's own SQL); the
 * proof checks a revision (its undo and second up run on other connections) while Flyway waits before the next.
 *
 * <p>The pause is Flyway's {@code beforeEachMigrate} event. By then the previous migration is committed, and the next
 * one's transaction has run only Flyway's session settings ({@code SET ROLE}, the search path), so it holds no lock
 * and no snapshot a step could wait for, not even {@code CREATE INDEX CONCURRENTLY}. Flyway reads its history table
 * again before each migration, so the rows the proof's steps delete and write back are what it sees.
 *
 * <p>Used from one thread (the proof's); Flyway runs on a daemon thread of its own, and every hand-over goes through
 * one monitor.
 */
final class PacedRun implements AutoCloseable {
    private final Object monitor = new Object();
    private final Thread thread;
    /** The version Flyway waits to apply; null while it works, and once it has ended. */
    private String pending;
    /** How many pauses there were: a new one means the migration let go is committed. */
    private long pauses;
    private boolean go;
    private boolean stop;
    private boolean ended;
    private RuntimeException failure;

    /** Whether a version's migration is committed: its history row is there. */
    private final java.util.function.Predicate<String> committed;

    /**
     * Starts {@code migrate} on {@code configuration} with {@code callbacks} after the pause's; {@code committed}
     * tells whether a version's migration is committed.
     */
    PacedRun(FluentConfiguration configuration, Callback[] callbacks,
             java.util.function.Predicate<String> committed) {
        this.committed = committed;
        // The pause comes first (Flyway orders callbacks by name, hence the pause's): what other callbacks do before
        // a migration (the statement recorder notes the tables and which hold rows) must see the database as the
        // proof left it, not as it was before the proof's steps.
        Callback[] all = new Callback[callbacks.length + 1];
        all[0] = new Pause();
        System.arraycopy(callbacks, 0, all, 1, callbacks.length);
        org.flywaydb.core.Flyway flyway = configuration.callbacks(all).load();
        this.thread = new Thread(() -> migrate(flyway), "flyback-flyway-run");
        thread.setDaemon(true);
        thread.start();
    }

    /** The version Flyway waits to apply, once it has paused; empty once it has ended. */
    Optional<String> pending() {
        synchronized (monitor) {
            while (pending == null && !ended) {
                await();
            }
            return Optional.ofNullable(pending);
        }
    }

    /**
     * Lets the pending migration run and waits until Flyway has committed it (it pauses before the next, or ends).
     *
     * @throws RuntimeException Flyway's failure when the migration (or anything after it) failed; the run is over
     */
    void applyPending() {
        synchronized (monitor) {
            long seen = pauses;
            String letGo = pending;
            go = true;
            monitor.notifyAll();
            while (pauses == seen && !ended) {
                await();
            }
            // Flyway prepares the next migration (parses it, decides its transaction) before it pauses there: a
            // failure then, such as a script mixing CONCURRENTLY with other statements, belongs to that migration,
            // not to the one just let go, whose history row shows it committed. The run is over; the next step
            // starts another. (A failure of the one let go, even at its commit, leaves no history row: its own.)
            // Asked only after a failure: an afterEachMigrate callback would cost Flyway a round trip per migration.
            if (ended && failure != null && !committed.test(letGo)) {
                throw failure;
            }
        }
    }

    /** Ends the run: a paused Flyway gives up before its next migration, which it had not started. */
    @Override
    public void close() {
        synchronized (monitor) {
            stop = true;
            monitor.notifyAll();
        }
        try {
            thread.join(60_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void migrate(org.flywaydb.core.Flyway flyway) {
        RuntimeException failed = null;
        try {
            flyway.migrate();
        } catch (RuntimeException e) {
            failed = e;
        } finally {
            synchronized (monitor) {
                failure = stop ? null : failed;
                ended = true;
                pending = null;
                monitor.notifyAll();
            }
        }
    }

    private void await() {
        try {
            monitor.wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stop = true;
            monitor.notifyAll();
            throw new IllegalStateException("Interrupted while Flyway was migrating", e);
        }
    }

    /** Flyway's side: announces the next migration and waits to be let go. */
    private final class Pause implements Callback {
        @Override
        public boolean supports(Event event, Context context) {
            return event == Event.BEFORE_EACH_MIGRATE;
        }

        @Override
        public boolean canHandleInTransaction(Event event, Context context) {
            return true;
        }

        @Override
        public void handle(Event event, Context context) {
            String version = context.getMigrationInfo().getVersion() == null ? ""
                    : context.getMigrationInfo().getVersion().getVersion();
            commitSessionSettings(context);
            synchronized (monitor) {
                pending = version;
                pauses++;
                go = false;
                monitor.notifyAll();
                while (!go && !stop) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        stop = true;
                    }
                }
                pending = null;
                if (stop) {
                    throw new FlywayException("Flyback ended the run before " + context.getMigrationInfo().getScript());
                }
            }
        }

        @Override
        public String getCallbackName() {
            return "flyback-0-pause";
        }

        /**
         * Flyway has opened the next migration's transaction with its session settings ({@code SET ROLE}, the
         * search path), which outlive a commit. Left open while the proof works, that transaction keeps a snapshot
         * (seen as the backend's {@code xmin}), and {@code CREATE INDEX CONCURRENTLY} in a step waits for it for
         * ever. Committing it changes nothing Flyway does next: the migration and its history row still go in one
         * transaction, the one the next statement opens.
         */
        private void commitSessionSettings(Context context) {
            try {
                java.sql.Connection connection = context.getConnection();
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            } catch (java.sql.SQLException e) {
                throw new FlywayException("Flyback could not pause before " + context.getMigrationInfo().getScript()
                        + ": " + e.getMessage(), e);
            }
        }
    }
}
