package dev.flyback.verifier;

import java.util.Optional;

import dev.flyback.verifier.database.DatabaseSettings;
import dev.flyback.verifier.database.DisposableDatabase;

/** One embedded PostgreSQL per test JVM; every test gets its own scratch database on it. */
public final class TestDatabases {
    private static DisposableDatabase shared;

    private TestDatabases() {
    }

    /** A fresh, empty scratch database; close it when done. */
    public static synchronized DisposableDatabase fresh() {
        if (shared == null) {
            shared = DisposableDatabase.start(DatabaseSettings.embedded());
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared.createSibling(Optional.empty());
    }
}
