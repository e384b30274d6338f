package dev.flyback.junit;

import dev.flyback.verifier.database.DatabaseSettings;

/** Test classes with the same database settings share one server per run. */
record ServerKey(String settings) {
    ServerKey(DatabaseSettings settings) {
        this(settings.toString());
    }
}
