package dev.flyback.junit;

import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;

import dev.flyback.verifier.database.DatabaseSettings;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.migration.RevisionTemplates;

/**
 * One disposable PostgreSQL per test run and settings, kept in the root store so that JUnit closes it after the
 * last test.
 */
@SuppressWarnings("deprecation") // CloseableResource is deprecated in JUnit 6 in favour of AutoCloseable; we serve both.
final class PostgresServer implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    private final DisposableDatabase anchor;
    private final RevisionTemplates templates;

    PostgresServer(DatabaseSettings settings) {
        this.anchor = DisposableDatabase.start(settings);
        this.templates = new RevisionTemplates(anchor);
    }

    /** The databases at a revision that tests' databases are copied from. */
    RevisionTemplates templates() {
        return templates;
    }

    /** A fresh, empty scratch database on this server. */
    DisposableDatabase newDatabase() {
        return anchor.createSibling(Optional.empty());
    }

    @Override
    public void close() {
        try {
            templates.close();
        } finally {
            anchor.close();
        }
    }
}
