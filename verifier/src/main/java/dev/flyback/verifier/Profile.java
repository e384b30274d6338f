package dev.flyback.verifier;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.flyback.verifier.migration.MigrationException;

/** Where a run's time goes: migrations, catalog snapshots, checks, seeded data. Not thread-safe; one per run. */
final class Profile {
    static final String MIGRATE = "migrate";
    static final String SNAPSHOT = "snapshot";
    static final String CHECKS = "checks";
    static final String DATA = "data";
    static final String DIAGRAMS = "diagrams";

    private final Map<String, Long> nanos = new LinkedHashMap<>();

    Profile() {
        for (String phase : new String[] {MIGRATE, SNAPSHOT, CHECKS, DATA}) {
            nanos.put(phase, 0L);
        }
    }

    /** Work that may fail the way a migration does. */
    interface Step<T> {
        T run() throws MigrationException;
    }

    /** Work that cannot fail in a checked way. */
    interface Plain<T> {
        T run();
    }

    <T> T migrate(Step<T> step) throws MigrationException {
        long start = System.nanoTime();
        try {
            return step.run();
        } finally {
            add(MIGRATE, start);
        }
    }

    <T> T time(String phase, Plain<T> work) {
        long start = System.nanoTime();
        try {
            return work.run();
        } finally {
            add(phase, start);
        }
    }

    /** Adds the time since {@code start} ({@link System#nanoTime()}) to a phase. */
    void add(String phase, long start) {
        nanos.merge(phase, System.nanoTime() - start, Long::sum);
    }

    Map<String, Duration> durations() {
        Map<String, Duration> durations = new LinkedHashMap<>();
        nanos.forEach((phase, time) -> durations.put(phase, Duration.ofNanos(time)));
        return durations;
    }
}
