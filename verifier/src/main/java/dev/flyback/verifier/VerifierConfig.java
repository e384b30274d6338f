package dev.flyback.verifier;

import static java.util.Objects.requireNonNull;

import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;

import org.apiguardian.api.API;

import dev.flyback.verifier.database.DatabaseSettings;
import dev.flyback.verifier.migration.FlywaySettings;

/**
 * What to verify and where: the Flyway configuration, the disposable database, and who hears about progress.
 *
 * <pre><code class='java'>
 * VerifierConfig config = VerifierConfig.builder()
 *         .flyway(FlywaySettings.of("filesystem:src/main/resources/db/migration"))
 *         .database(DatabaseSettings.embedded(16))
 *         .build();
 * </code></pre>
 *
 * @param flyway the Flyway configuration
 * @param database how to obtain the disposable PostgreSQL
 * @param classLoader the class loader for {@code classpath:} locations and Java migrations
 * @param progress receives one line per step, for humans
 * @param checks the checks to run
 * @param wholeSchema whether the schema checks judge every object, not only what each revision touched
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record VerifierConfig(FlywaySettings flyway, DatabaseSettings database, ClassLoader classLoader,
                             Consumer<String> progress, Set<Check> checks, boolean wholeSchema) {

    public VerifierConfig {
        requireNonNull(flyway, "flyway must not be null");
        requireNonNull(database, "database must not be null");
        requireNonNull(classLoader, "classLoader must not be null");
        requireNonNull(progress, "progress must not be null");
        checks = Set.copyOf(checks);
    }

    /**
     * Whether the up, down, up proof runs: it serves {@link Check#REVERSIBILITY} and {@link Check#REAPPLY}, and
     * {@link Check#ONLINE} traces the undo's locks.
     */
    public boolean provesReversibility() {
        return checks.contains(Check.REVERSIBILITY) || checks.contains(Check.REAPPLY) || checks.contains(Check.ONLINE);
    }

    /** A builder with the defaults documented on each method. */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link VerifierConfig}. */
    public static final class Builder {
        private FlywaySettings flyway = FlywaySettings.of();
        private DatabaseSettings database = DatabaseSettings.embedded();
        private ClassLoader classLoader = Thread.currentThread().getContextClassLoader();
        private Consumer<String> progress = line -> { };
        private Set<Check> checks = EnumSet.allOf(Check.class);
        private boolean wholeSchema;

        private Builder() {
        }

        /** The Flyway configuration (default: Flyway's own defaults, {@code classpath:db/migration}). */
        public Builder flyway(FlywaySettings settings) {
            this.flyway = settings;
            return this;
        }

        /** The disposable database (default: embedded PostgreSQL 17). */
        public Builder database(DatabaseSettings settings) {
            this.database = settings;
            return this;
        }

        /** The class loader for classpath locations and Java migrations (default: the thread's context loader). */
        public Builder classLoader(ClassLoader loader) {
            this.classLoader = loader;
            return this;
        }

        /** Who hears one line per step (default: nobody). */
        public Builder progress(Consumer<String> listener) {
            this.progress = listener;
            return this;
        }

        /** The checks to run (default: all of them). */
        public Builder checks(Set<Check> enabled) {
            this.checks = enabled;
            return this;
        }

        /** Whether schema checks judge the whole schema rather than what each revision touched (default: false). */
        public Builder wholeSchema(boolean enabled) {
            this.wholeSchema = enabled;
            return this;
        }

        /** The configuration. */
        public VerifierConfig build() {
            return new VerifierConfig(flyway, database, classLoader, progress, checks, wholeSchema);
        }
    }
}
