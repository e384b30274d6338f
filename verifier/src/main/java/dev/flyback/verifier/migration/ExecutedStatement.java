package dev.flyback.verifier.migration;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * One statement a migration step executed, as Flyway's parser split it, with where it stands in its script and the
 * strong locks it took on tables that existed before the migration.
 *
 * @param script the script it belongs to ({@code V3__x.sql} or {@code U3__x.sql})
 * @param sql the statement, placeholders replaced
 * @param line its first line in the script, when found
 * @param locks the locks it took first (a lock the step already held is listed at the statement that took it)
 * @param lockTimeout the session's {@code lock_timeout} when it ran ({@code 0} means none)
 * @param rewrites the tables holding rows that it rewrote (a new data file: a type change, a volatile default)
 * @param writes the tables ({@code schema.name}, unquoted) whose rows it was the first statement of its step to write,
 *               itself or through a trigger or a foreign key's action; empty when unknown (outside a transaction)
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record ExecutedStatement(String script, String sql, Optional<Integer> line, List<TableLock> locks,
                                String lockTimeout, List<String> rewrites, List<String> writes) {

    public ExecutedStatement {
        requireNonNull(script, "script must not be null");
        requireNonNull(sql, "sql must not be null");
        requireNonNull(line, "line must not be null");
        locks = List.copyOf(locks);
        requireNonNull(lockTimeout, "lockTimeout must not be null");
        rewrites = List.copyOf(rewrites);
        writes = List.copyOf(writes);
    }

    /** A statement whose writes are not known. */
    public ExecutedStatement(String script, String sql, Optional<Integer> line, List<TableLock> locks,
                             String lockTimeout, List<String> rewrites) {
        this(script, sql, line, locks, lockTimeout, rewrites, List.of());
    }

    /**
     * A lock taken on a table that existed before the step.
     *
     * @param table the table, qualified as SQL writes it
     * @param mode the lock mode as {@code pg_locks} names it ({@code AccessExclusiveLock}, {@code ShareLock})
     * @param heldRows whether the table held rows when the step began
     */
    public record TableLock(String table, String mode, boolean heldRows) {
        public TableLock {
            requireNonNull(table, "table must not be null");
            requireNonNull(mode, "mode must not be null");
        }

        /** The mode as SQL names it: {@code ACCESS EXCLUSIVE}. */
        public String sqlMode() {
            return mode.replace("Lock", "").replaceAll("([a-z])([A-Z])", "$1 $2").toUpperCase(java.util.Locale.ROOT);
        }
    }
}
