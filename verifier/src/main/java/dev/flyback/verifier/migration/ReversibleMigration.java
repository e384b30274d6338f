package dev.flyback.verifier.migration;

import java.sql.Connection;

import org.apiguardian.api.API;

/**
 * A Java migration's way back. Implement it next to Flyway's {@code BaseJavaMigration}:
 *
 * <pre><code class='java'>
 * public class V4__Backfill_roles extends BaseJavaMigration implements ReversibleMigration {
 *     public void migrate(Context context) throws Exception { ... }
 *     public void down(Connection connection) throws Exception { ... }
 * }
 * </code></pre>
 *
 * <p>Flyback calls {@link #down(Connection)} in a transaction, with the class's no-argument constructor.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface ReversibleMigration {

    /** Undoes what the migration did, on the connection given (Flyback commits or rolls back). */
    void down(Connection connection) throws Exception;
}
