package dev.flyback.verifier;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import dev.flyback.verifier.migration.MigrationException;

/**
 * Bounds each step of a revision: when a step runs longer than the revision timeout, every active query on the
 * scratch database is cancelled, so that the step fails instead of hanging, and {@link #fired()} says why.
 */
final class Watchdog implements AutoCloseable {
    private static final String CANCEL = "SELECT pg_cancel_backend(pid) FROM pg_stat_activity "
            + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND state <> 'idle'";

    private final DataSource dataSource;
    private final Duration limit;
    private final ScheduledExecutorService timer;
    private volatile boolean fired;

    Watchdog(DataSource dataSource, Duration limit) {
        this.dataSource = dataSource;
        this.limit = limit;
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "flyback-revision-timeout");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs a step under the limit. */
    <T> T guard(Profile.Step<T> step) throws MigrationException {
        fired = false;
        if (limit.isZero()) {
            return step.run();
        }
        ScheduledFuture<?> alarm = timer.schedule(this::cancel, limit.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return step.run();
        } finally {
            alarm.cancel(false);
        }
    }

    /** Whether the last step was cancelled for running too long. */
    boolean fired() {
        return fired;
    }

    /** The limit, for humans: {@code the revision timeout of 2 min}. */
    String describe() {
        long seconds = limit.toSeconds();
        return "the revision timeout of " + (seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + " min"
                : seconds > 0 ? seconds + " s" : limit.toMillis() + " ms");
    }

    private void cancel() {
        fired = true;
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(CANCEL);
        } catch (SQLException e) {
            // The step fails or finishes on its own; nothing else to do.
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
