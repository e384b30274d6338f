package dev.flyback.verifier;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

import org.apiguardian.api.API;

import dev.flyback.verifier.database.DatabaseSettings;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.RuleSeverities;
import dev.flyback.verifier.history.HistorySource;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.snapshot.CatalogReader;
import dev.flyback.verifier.snapshot.SnapshotReader;

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
 * @param seedRows how many synthetic rows each table holds before a revision runs (0: none)
 * @param seedFixtures a folder of {@code V<version>__*.sql} data scripts run before that version, if any
 * @param severities the severity per rule where the team wants another than the default
 * @param reference the reference history {@link Check#HISTORY} compares with, if any
 * @param since a git reference: only migrations added after it are judged, though every one is replayed
 * @param statementTimeout the longest a migration statement may run before PostgreSQL cancels it (zero: no limit)
 * @param revisionTimeout the longest one step of a revision (up, undo, re-up) may run before Flyback cancels it
 *                        (zero: no limit)
 * @param snapshotReader the reader whose snapshots judge the undo and the second up ({@link CatalogReader#READER},
 *                       the default, or SchemaCrawler's, a slower and coarser second opinion; the checks and the
 *                       seeded data always read the catalog)
 * @param diagrams how many revisions with a warning or an error get SchemaCrawler's drawing of the tables they
 *                 touched, for the HTML report (0, the default: none; each costs about a fifth of a second, and
 *                 needs Graphviz's {@code dot} on the PATH)
 * @param jobs how many scratch databases one proof uses at once, each proving a range of the revisions
 *             ({@link #AUTOMATIC_JOBS}: as many as the cores, capped by {@link #MAX_AUTOMATIC_JOBS} and by the
 *             history's length, so that a short history is not split)
 * @param shard the part of the history this run proves, for a CI job matrix; empty: all of it
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record VerifierConfig(FlywaySettings flyway, DatabaseSettings database, ClassLoader classLoader,
                             Consumer<String> progress, Set<Check> checks, boolean wholeSchema, int seedRows,
                             Optional<Path> seedFixtures, RuleSeverities severities,
                             Optional<HistorySource> reference, Optional<String> since, Duration statementTimeout,
                             Duration revisionTimeout, SnapshotReader snapshotReader, int diagrams, int jobs,
                             Optional<Shard> shard) {

    /** How many synthetic rows each table holds before a revision runs, unless configured otherwise. */
    public static final int DEFAULT_SEED_ROWS = 10;

    /**
     * How many revisions get a drawing when an HTML report is written: the report leads with the failing ones, and
     * twenty drawings cost a run about four seconds.
     */
    public static final int DEFAULT_DIAGRAMS = 20;

    /** {@link #jobs()} chosen from the machine and the history. */
    public static final int AUTOMATIC_JOBS = 0;

    /**
     * The most scratch databases an automatic {@link #jobs()} uses: past four, a proof's migrations wait on the
     * server's own locks and catalog more than on a core (bench, docs/benchmarks.md).
     */
    public static final int MAX_AUTOMATIC_JOBS = 4;

    /**
     * An automatic {@link #jobs()} uses one database per this many revisions: a second database, its Flyway and its
     * first revisions cost about as much as proving this many revisions (bench, docs/benchmarks.md).
     */
    public static final int REVISIONS_PER_AUTOMATIC_JOB = 40;

    public VerifierConfig {
        requireNonNull(flyway, "flyway must not be null");
        requireNonNull(database, "database must not be null");
        requireNonNull(classLoader, "classLoader must not be null");
        requireNonNull(progress, "progress must not be null");
        checks = Set.copyOf(checks);
        if (seedRows < 0) {
            throw new IllegalArgumentException("--seed-rows must be 0 or more, was " + seedRows);
        }
        requireNonNull(seedFixtures, "seedFixtures must not be null");
        requireNonNull(severities, "severities must not be null");
        requireNonNull(reference, "reference must not be null");
        requireNonNull(since, "since must not be null");
        requireNonNull(snapshotReader, "snapshotReader must not be null");
        if (diagrams < 0) {
            throw new IllegalArgumentException("diagrams must be 0 or more, was " + diagrams);
        }
        if (jobs < 0) {
            throw new IllegalArgumentException("--jobs must be 1 or more, was " + jobs);
        }
        requireNonNull(shard, "shard must not be null");
        if (statementTimeout.isNegative() || revisionTimeout.isNegative()) {
            throw new IllegalArgumentException("timeouts must be zero (no limit) or positive");
        }
    }

    /**
     * Whether tables get synthetic rows before each revision: they serve {@link Check#DATA_LOSS} (rows and values
     * lost, or not restored by the undo) and {@link Check#ONLINE} (locks on tables that hold rows).
     */
    public boolean seedsData() {
        return seedRows > 0 && (checks.contains(Check.DATA_LOSS) || checks.contains(Check.ONLINE));
    }

    /**
     * Whether the up, down, up proof runs: it serves {@link Check#REVERSIBILITY} and {@link Check#REAPPLY},
     * {@link Check#ONLINE} traces the undo's locks, and {@link Check#DATA_LOSS} checks that the undo brings the data
     * back.
     */
    public boolean provesReversibility() {
        return checks.contains(Check.REVERSIBILITY) || checks.contains(Check.REAPPLY) || checks.contains(Check.ONLINE)
                || checks.contains(Check.DATA_LOSS);
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
        private int seedRows = DEFAULT_SEED_ROWS;
        private Optional<Path> seedFixtures = Optional.empty();
        private RuleSeverities severities = RuleSeverities.DEFAULTS;
        private Optional<HistorySource> reference = Optional.empty();
        private Optional<String> since = Optional.empty();
        private Duration statementTimeout = Duration.ofMinutes(5);
        private Duration revisionTimeout = Duration.ofMinutes(15);
        private SnapshotReader snapshotReader = CatalogReader.READER;
        private int diagrams;
        private int jobs = AUTOMATIC_JOBS;
        private Optional<Shard> shard = Optional.empty();

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

        /** How many synthetic rows each table holds before a revision runs (default: 10; 0 turns seeding off). */
        public Builder seedRows(int rows) {
            this.seedRows = rows;
            return this;
        }

        /**
         * A folder of data scripts: {@code V<version>__*.sql} runs on the schema before that version, ahead of the
         * synthetic rows (default: none).
         */
        public Builder seedFixtures(Path folder) {
            this.seedFixtures = Optional.of(folder);
            return this;
        }

        /** Severities per rule, {@code off} to drop a rule (default: each rule's own). */
        public Builder severities(RuleSeverities overrides) {
            this.severities = overrides;
            return this;
        }

        /**
         * The reference history for {@link Check#HISTORY}: a git reference or a database Flyway migrated (default:
         * none, and the history check has nothing to compare with).
         */
        public Builder reference(HistorySource source) {
            this.reference = Optional.of(source);
            return this;
        }

        /**
         * Judges only the migrations added since a git reference ({@code origin/main}): every revision is still
         * replayed, but findings about versions the folders already held at that reference are left out (default:
         * every migration is judged).
         */
        public Builder since(String gitRef) {
            this.since = Optional.of(gitRef);
            return this;
        }

        /** The longest a migration statement may run (default: 5 minutes; zero: no limit). */
        public Builder statementTimeout(Duration timeout) {
            this.statementTimeout = timeout;
            return this;
        }

        /** The longest one step of a revision may run (default: 15 minutes; zero: no limit). */
        public Builder revisionTimeout(Duration timeout) {
            this.revisionTimeout = timeout;
            return this;
        }

        /**
         * The reader whose snapshots judge the undo and the second up (default: {@link CatalogReader#READER}).
         */
        public Builder snapshotReader(SnapshotReader reader) {
            this.snapshotReader = reader;
            return this;
        }

        /**
         * How many revisions with a warning or an error get SchemaCrawler's drawing of their tables (default: 0).
         * The command line and the Maven plugin ask for {@link #DEFAULT_DIAGRAMS} when they write an HTML report.
         */
        public Builder diagrams(int revisions) {
            this.diagrams = revisions;
            return this;
        }

        /**
         * How many scratch databases one proof uses at once (default: {@link #AUTOMATIC_JOBS}, as many as the cores,
         * at most {@link #MAX_AUTOMATIC_JOBS}, and one for a short history). Each proves a range of the revisions
         * after reaching its first with the revisions before it; the findings are the same as with one.
         */
        public Builder jobs(int databases) {
            this.jobs = databases;
            return this;
        }

        /** Proves only one part of the history, for one job of a CI matrix (default: all of it). */
        public Builder shard(Shard part) {
            this.shard = Optional.of(part);
            return this;
        }

        /** The configuration. */
        public VerifierConfig build() {
            return new VerifierConfig(flyway, database, classLoader, progress, checks, wholeSchema, seedRows,
                    seedFixtures, severities, reference, since, statementTimeout, revisionTimeout, snapshotReader, diagrams,
                    jobs, shard);
        }
    }
}
