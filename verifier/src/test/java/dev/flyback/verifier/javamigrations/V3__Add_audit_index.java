package dev.flyback.verifier.javamigrations;

import java.sql.Statement;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

/** A Java migration with no way back. */
public class V3__Add_audit_index extends BaseJavaMigration {

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            statement.execute("CREATE INDEX ix_audit_what ON audit (what)");
        }
    }
}
