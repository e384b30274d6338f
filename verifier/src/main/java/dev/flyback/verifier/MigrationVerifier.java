package dev.flyback.verifier;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

import org.apiguardian.api.API;

import dev.flyback.verifier.database.DatabaseStartException;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.Suppressions;
import dev.flyback.verifier.history.HistoryChecks;
import dev.flyback.verifier.internal.check.NotValidatedKey;
import dev.flyback.verifier.internal.check.SchemaChecks;
import dev.flyback.verifier.internal.data.DataSeeder;
import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.snapshot.CatalogReader;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * Proves every revision of a Flyway history reversible: up, down, up again, on a disposable PostgreSQL.
 *
 * <p>For each revision N, from the state after N-1: apply N, run its undo (the schema must equal the one before N),
 * apply N again (the schema must equal the one after the first application). Every problem is a
 * {@link Finding}; all revisions are checked in one run, except that a revision whose up fails ends the run there.
 *
 * <pre><code class='java'>
 * VerificationResult result = MigrationVerifier.verify(VerifierConfig.builder()
 *         .flyway(FlywaySettings.of("filesystem:db/migration")).build());
 * result.findings().forEach(f -&gt; System.out.println(FindingMessages.render(f)));
 * </code></pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MigrationVerifier {

    private MigrationVerifier() {
    }

    /**
     * Starts the configured disposable database, verifies, and throws the database away.
     *
     * @throws DatabaseStartException when the database cannot be started or is lost
     * @throws dev.flyback.verifier.migration.MigrationConfigurationException when Flyway's configuration is wrong
     */
    public static VerificationResult verify(VerifierConfig config) {
        Migrations.checkLocations(config.flyway(), config.classLoader());
        DataSeeder.checkFixtures(config.seedFixtures());
        try (DisposableDatabase database = DisposableDatabase.start(config.database())) {
            config.progress().accept("Started " + database.description());
            return verify(config, database);
        }
    }

    /**
     * Checks, before any database starts, that a folder of seed fixtures ({@link VerifierConfig#seedFixtures()}) is
     * there, as {@link #verify(VerifierConfig)} does first.
     *
     * @throws IllegalArgumentException naming the folder
     */
    public static void checkSeedFixtures(java.util.Optional<java.nio.file.Path> folder) {
        DataSeeder.checkFixtures(folder);
    }

    /** Verifies on a database Flyback created, which must be empty. */
    public static VerificationResult verify(VerifierConfig config, DisposableDatabase database) {
        long start = System.nanoTime();
        Migrations migrations = Migrations.open(config.flyway(), database.dataSource(), config.classLoader());
        migrations.limitStatements(config.statementTimeout());
        Suppressions suppressions = Suppressions.read(migrations.revisions());
        // The findings about no revision that ran; each revision holds its own.
        List<Finding> findings = new ArrayList<>();
        if (config.provesReversibility()) {
            migrations.orphanUndos().forEach(undo -> findings.add(FindingMessages.undoWithoutMigration(undo,
                    OrphanUndos.meantFor(undo, migrations.revisions()))));
        }
        List<RevisionResult> results = new ArrayList<>();
        try {
            migrations.prepare();
        } catch (dev.flyback.verifier.migration.MigrationException e) {
            throw new DatabaseStartException(e.getMessage(), e);
        }
        Set<String> released = config.since().map(ref -> HistoryChecks.versionsAt(ref, migrations)).orElse(Set.of());
        if (config.since().isPresent()) {
            config.progress().accept("Judging only what was added since " + config.since().get() + ": "
                    + migrations.revisions().stream().filter(r -> !released.contains(r.version()))
                    .map(Revision::displayName).collect(java.util.stream.Collectors.joining(", ", "", ""))
                    .transform(list -> list.isEmpty() ? "nothing" : list));
        }
        List<Finding> history = config.checks().contains(Check.HISTORY)
                ? config.reference().map(source -> HistoryChecks.run(source, migrations)).orElse(List.of())
                : List.of();
        List<Revision> revisions = migrations.revisions();
        List<Segments.Range> ranges = ranges(config, revisions);
        try (SegmentedProof run = new SegmentedProof(config, database, migrations, revisions, ranges,
                version -> !released.contains(version))) {
            config.shard().ifPresent(shard -> config.progress().accept("Shard " + shard + ": "
                    + (ranges.get(0).isEmpty() ? "no revision (the history has fewer than its shards)"
                    : SegmentedProof.describe(revisions, ranges.get(0)))));
            SegmentedProof.Outcome outcome = run.prove();
            outcome.unreachable().ifPresent(failure -> config.progress().accept("Nothing to prove: "
                    + failure.script() + " does not apply on a fresh database (" + failure.message()
                    + "); the shard that holds it reports it"));
            for (RevisionResult proved : outcome.results()) {
                RevisionResult result = withHistory(proved, history);
                // A revision holds the findings of the checks that ran (an undo runs for the reapply check alone,
                // and its reversibility findings are not asked for).
                results.add(result.withFindings(result.findings().stream().filter(f -> config.checks()
                        .contains(f.type().check()) || f.type().alwaysReported()).toList()));
            }
            boolean atHead = outcome.head().isPresent() && !results.isEmpty()
                    && results.get(results.size() - 1).applied();
            Optional<List<NotValidatedKey>> notValidated = Optional.empty();
            if (atHead) {
                List<NotValidatedKey> keys = outcome.head().get().notValidatedAtHead();
                List<Finding> found = outcome.head().get().atHead(results, keys);
                results.replaceAll(r -> withHistory(r, found));
                // A shard leaves the keys no revision of its range added to the merge, which knows the others.
                Map<Revision, List<SchemaDifference>> changes = new HashMap<>();
                results.forEach(r -> changes.put(r.revision(), r.changes()));
                notValidated = config.shard().map(shard -> SchemaChecks.unattributed(keys, results.stream()
                        .map(RevisionResult::revision).toList(), r -> changes.getOrDefault(r, List.of())));
            }
            Set<String> checked = new HashSet<>();
            results.forEach(r -> checked.add(r.revision().version()));
            Predicate<String> reports = reportedHere(config, revisions, ranges);
            if (!reports.test("")) {
                findings.clear();
            }
            history.stream().filter(f -> !checked.contains(f.version()) && reports.test(f.version()))
                    .forEach(findings::add);
            VerificationResult result = new VerificationResult(database.description(), results, findings,
                    outcome.currentVersion(), Duration.ofNanos(System.nanoTime() - start), config.checks(),
                    outcome.profile())
                    .filtered(finding -> !released.contains(finding.version()))
                    .mapped(config.severities()::apply)
                    .suppressing(suppressions::reason)
                    .withReleased(config.since().map(ref -> released).or(() -> config.reference()
                            .filter(source -> config.checks().contains(Check.HISTORY))
                            .map(source -> Set.copyOf(HistoryChecks.releasedVersions(source, migrations)))));
            if (config.shard().isEmpty()) {
                return result;
            }
            return result.withPart(new ShardPart(config.shard().get(), revisions.stream().map(r -> r.script() + "@"
                    + r.checksum().map(String::valueOf).orElse("")).toList(), outcome.unreachable().map(failure -> failure.script() + ": " + failure.message()),
                    notValidated, config.severities().overrides(), released, outcome.startState(),
                    outcome.endState()));
        }
    }

    /**
     * Which versions a run reports the findings about that no revision it proved holds: all of them, but a shard
     * only those of its own range, and only the first shard those of no revision (an undo without its migration),
     * so that the shards' findings add up to one run's. The empty version stands for the findings about no
     * revision.
     */
    private static Predicate<String> reportedHere(VerifierConfig config, List<Revision> revisions,
                                                  List<Segments.Range> ranges) {
        if (config.shard().isEmpty()) {
            return version -> true;
        }
        Set<String> inHistory = new HashSet<>();
        revisions.forEach(r -> inHistory.add(r.version()));
        Set<String> inRange = new HashSet<>();
        Segments.Range range = ranges.get(0);
        revisions.subList(range.from(), range.to()).forEach(r -> inRange.add(r.version()));
        boolean first = config.shard().get().index() == 1;
        return version -> inRange.contains(version) || first && !inHistory.contains(version);
    }

    /**
     * The revisions a run with {@code config} proves: its shard's range ({@link VerifierConfig#shard()}), or all of
     * them. The JUnit extension makes tests of these alone under {@code flyback.shard}.
     *
     * @since 0.6
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.6")
    public static List<Revision> revisionsOf(VerifierConfig config, List<Revision> revisions) {
        if (config.shard().isEmpty()) {
            return List.copyOf(revisions);
        }
        Segments.Range range = ranges(config, revisions).get(0);
        return List.copyOf(revisions.subList(range.from(), range.to()));
    }

    /**
     * The ranges of the history this run proves: its shard's, or the whole history divided among the databases it
     * may use at once.
     */
    static List<Segments.Range> ranges(VerifierConfig config, List<Revision> revisions) {
        if (config.shard().isPresent()) {
            Shard shard = config.shard().get();
            return List.of(Segments.plan(revisions, shard.count(), config.seedsData()).get(shard.index() - 1));
        }
        return Segments.plan(revisions, jobs(config, revisions.size()), config.seedsData());
    }

    /**
     * How many databases prove the history at once: as configured, or, automatically, one per core up to
     * {@link VerifierConfig#MAX_AUTOMATIC_JOBS} and one per {@link VerifierConfig#REVISIONS_PER_AUTOMATIC_JOB}
     * revisions.
     */
    static int jobs(VerifierConfig config, int revisions) {
        if (config.jobs() != VerifierConfig.AUTOMATIC_JOBS) {
            return config.jobs();
        }
        int cores = Runtime.getRuntime().availableProcessors();
        return Math.max(1, Math.min(Math.min(cores, VerifierConfig.MAX_AUTOMATIC_JOBS),
                revisions / VerifierConfig.REVISIONS_PER_AUTOMATIC_JOB));
    }

    /** The revision's result with the history (or whole-history) findings about its version first. */
    static RevisionResult withHistory(RevisionResult result, List<Finding> history) {
        List<Finding> about = history.stream().filter(f -> f.version().equals(result.revision().version())).toList();
        if (about.isEmpty()) {
            return result;
        }
        List<Finding> findings = new ArrayList<>(about);
        findings.addAll(result.findings());
        return result.withFindings(findings);
    }

    /** Reads a snapshot, turning a lost connection into an infrastructure error. */
    static SchemaSnapshot snapshot(Connection connection, Migrations migrations) {
        try {
            return CatalogReader.read(connection, migrations.historyTables());
        } catch (SQLException e) {
            throw new DatabaseStartException("Lost the database while reading its schema: " + e.getMessage(), e);
        }
    }

    /** Leaves out differences that only repeat a bigger one: a left-over table's columns, a constraint's index. */
    static List<SchemaDifference> fold(List<SchemaDifference> differences) {
        return DifferenceFolding.fold(differences);
    }
}
