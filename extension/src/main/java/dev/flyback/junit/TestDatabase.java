package dev.flyback.junit;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.flyback.verifier.database.DisposableDatabase;

/** A test's own scratch database, dropped after the test unless {@link KeepDatabase} says otherwise. */
@SuppressWarnings("deprecation") // CloseableResource is deprecated in JUnit 6 in favour of AutoCloseable; we serve both.
final class TestDatabase implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final ExtensionContext context;
    private final DisposableDatabase database;
    private final MigrationHarness harness;
    private final KeepDatabase keep;

    TestDatabase(ExtensionContext context, DisposableDatabase database, MigrationHarness harness, KeepDatabase keep) {
        this.context = context;
        this.database = database;
        this.harness = harness;
        this.keep = keep;
    }

    MigrationHarness harness() {
        return harness;
    }

    @Override
    public void close() {
        boolean failed = context.getExecutionException().isPresent();
        if (keep == KeepDatabase.ALWAYS || (keep == KeepDatabase.ON_FAILURE && failed)) {
            context.publishReportEntry("flyback.database", "kept " + database.description() + "; connect with: "
                    + database.connectionInfo().psqlCommand() + " (it lives as long as its server)");
            System.err.println("Flyback kept " + database.description() + " for " + context.getDisplayName()
                    + "; connect with: " + database.connectionInfo().psqlCommand());
            return;
        }
        database.close();
    }
}
