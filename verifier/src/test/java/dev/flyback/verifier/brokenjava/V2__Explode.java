package dev.flyback.verifier.brokenjava;

import java.sql.Connection;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import dev.flyback.verifier.migration.ReversibleMigration;

/** A Java migration with a bug: it throws. */
public class V2__Explode extends BaseJavaMigration implements ReversibleMigration {

    @Override
    public void migrate(Context context) {
        throw new IllegalStateException("the audit backfill found no tenant");
    }

    @Override
    public void down(Connection connection) {
        // Nothing was done.
    }
}
