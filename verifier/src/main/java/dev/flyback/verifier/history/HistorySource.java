package dev.flyback.verifier.history;

import static java.util.Objects.requireNonNull;

import java.util.Optional;

import org.apiguardian.api.API;

import dev.flyback.verifier.database.ReadOnlyDatabase;
import dev.flyback.verifier.database.Secret;

/**
 * Where the released migrations are recorded: {@code git:<ref>} (a branch, tag or commit of the repository holding
 * the migration folders) or the JDBC URL of a database Flyway migrated, read through a read-only connection.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public sealed interface HistorySource {

    /** For humans: {@code git origin/main}, or the URL without its password. */
    String describe();

    /**
     * Parses a reference.
     *
     * @throws IllegalArgumentException naming the two accepted forms
     */
    static HistorySource parse(String value, Optional<String> user, Optional<Secret> password) {
        String trimmed = value.trim();
        if (trimmed.startsWith("git:") && trimmed.length() > 4) {
            return new Git(trimmed.substring(4));
        }
        if (trimmed.startsWith("jdbc:postgresql:")) {
            return new Database(trimmed, user, password);
        }
        throw new IllegalArgumentException("reference history '" + ReadOnlyDatabase.redacted(trimmed) + "' must be "
                + "git:<ref> (a branch, tag or commit, e.g. git:origin/main) or the jdbc:postgresql:// URL of a "
                + "database Flyway migrated");
    }

    /**
     * The migration folders as a git reference has them.
     *
     * @param ref a branch, tag or commit
     */
    record Git(String ref) implements HistorySource {
        public Git {
            requireNonNull(ref, "ref must not be null");
        }

        @Override
        public String describe() {
            return "git " + ref;
        }
    }

    /**
     * The history table of a database Flyway migrated.
     *
     * @param url its JDBC URL
     * @param user the user, if not in the URL
     * @param password the password, if not in the URL
     */
    record Database(String url, Optional<String> user, Optional<Secret> password) implements HistorySource {
        public Database {
            requireNonNull(url, "url must not be null");
            requireNonNull(user, "user must not be null");
            requireNonNull(password, "password must not be null");
        }

        @Override
        public String describe() {
            return ReadOnlyDatabase.redacted(url);
        }

        @Override
        public String toString() {
            return "Database[" + describe() + "]";
        }
    }
}
