package dev.flyback.verifier;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;

import dev.flyback.verifier.StepOutcome.Status;
import dev.flyback.verifier.StepOutcome.Step;
import dev.flyback.verifier.database.DatabaseStartException;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.diff.SchemaDiff;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.internal.check.CheckContext;
import dev.flyback.verifier.internal.check.RowFailures;
import dev.flyback.verifier.internal.check.SchemaChecks;
import dev.flyback.verifier.internal.data.DataFingerprint;
import dev.flyback.verifier.internal.data.DataSeeder;
import dev.flyback.verifier.internal.schemacrawler.SchemaCrawlerDiagram;
import dev.flyback.verifier.migration.ExecutedStatement;
import dev.flyback.verifier.migration.MigrationException;
import dev.flyback.verifier.migration.MigrationFailure;
import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.migration.ProofSteps;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.snapshot.CatalogReader;
import dev.flyback.verifier.snapshot.CatalogTracker;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * The up, down, up proof of one revision after another, carrying the schema after the previous revision forward so
 * that each revision costs three migrations and three catalog reads. With seeding on, the tables get synthetic rows
 * before each up and the revision's new tables get rows before its undo, and the data is fingerprinted around each
 * step.
 */
final class Proof implements AutoCloseable {
    private final Migrations migrations;
    /** How this proof runs each step, chosen once. */
    private final ProofSteps stepping;
    private final DisposableDatabase database;
    private final Consumer<String> progress;
    private final VerifierConfig config;
    private final Optional<DataSeeder> seeder;
    private Connection connection;
    /** Follows the schema step by step, reading again only what a step touched. */
    private CatalogTracker tracker;
    private SchemaSnapshot current;
    /**
     * The schema before the next revision as the reader that judges the undo and the second up sees it: the
     * catalog snapshot itself, unless another reader was chosen ({@link VerifierConfig#snapshotReader()}).
     */
    private SchemaSnapshot judgedCurrent;
    private Optional<Revision> previous = Optional.empty();
    /** The tables a NOT_SEEDED finding named, each once (empty and short apart). */
    private final Set<String> reportedGaps = new HashSet<>();
    /** The database's data after the last step, while seeding; null when it must be read in full. */
    private DataFingerprint data;
    private final Profile profile = new Profile();
    private final Watchdog watchdog;
    /** The versions whose findings the run reports (not those released before {@code --since}). */
    private final Predicate<String> judged;
    /** How many more revisions may be drawn ({@link VerifierConfig#diagrams()}). */
    private int diagramsLeft;

    Proof(Migrations migrations, DisposableDatabase database, VerifierConfig config, Predicate<String> judged,
          Consumer<String> progress) {
        this.migrations = migrations;
        this.database = database;
        this.progress = progress;
        this.config = config;
        this.seeder = config.seedsData() ? Optional.of(DataSeeder.of(config.seedRows(), config.seedFixtures()))
                : Optional.empty();
        this.watchdog = new Watchdog(database.dataSource(), config.revisionTimeout());
        this.judged = judged;
        this.diagramsLeft = config.diagrams() > 0 && SchemaCrawlerDiagram.available() ? config.diagrams() : 0;
        // Only the data-loss and online checks (and seeded data, which re-reads the tables a step wrote) read what
        // each statement did; a proof without them spares every step the recorder's queries.
        this.stepping = migrations.proofSteps(config.checks().contains(Check.DATA_LOSS)
                || config.checks().contains(Check.ONLINE) || config.seedsData());
        this.connection = connect();
        this.current = track();
    }

    /**
     * Brings the empty database to the last of {@code prefix} without proving those revisions, for a range of the
     * history proved on a database of its own ({@link Segments}). Without seeded rows that is Flyway's migrate, or
     * the scripts applied as second ups are ({@link ProofSteps#reach}).
     * With them, each revision is applied as {@link #check} applies its first up, after the same rows are seeded the
     * same way (and a failure on them handled the same way), so that the range starts from the rows the run on one
     * database would hold there; what those steps would report is left to the range that proves them.
     *
     * @param abandoned asked before each seeded revision: the range need not be reached after all (the proof of
     *                  a range before it left another state), and the database is left where it is
     * @return the failure of a revision that does not apply: the range that holds it reports it, and this one has
     *         nothing to prove
     */
    Optional<MigrationFailure> reach(List<Revision> prefix, java.util.function.BooleanSupplier abandoned) {
        if (prefix.isEmpty()) {
            return Optional.empty();
        }
        Revision last = prefix.get(prefix.size() - 1);
        if (seeder.isEmpty()) {
            try {
                profile.migrate(() -> watchdog.guard(() -> {
                    stepping.reach(prefix);
                    return null;
                }));
            } catch (MigrationException e) {
                requireDatabase(e, "the revisions up to " + last.script());
                return Optional.of(e.failure());
            }
            previous = Optional.of(last);
            current = track();
            return Optional.empty();
        }
        for (Revision revision : prefix) {
            if (abandoned.getAsBoolean()) {
                return Optional.empty();
            }
            FirstUp up = firstUp(revision, new ArrayList<>(), true);
            if (up.failure().isPresent()) {
                return up.failure();
            }
            SchemaSnapshot before = current;
            current = snapshot();
            previous = Optional.of(revision);
            afterStep(current);
            if (config.provesReversibility() && revision.undo().isPresent()) {
                rehearseUndoSeeding(revision, before);
            }
        }
        judgedCurrent = judged(current);
        return Optional.empty();
    }

    /** The seeding {@link #downAndUpAgain} does before the undo, taken back ({@link DataSeeder#rehearse}). */
    private void rehearseUndoSeeding(Revision revision, SchemaSnapshot before) {
        long start = System.nanoTime();
        try {
            seeder.orElseThrow().rehearse(connection, current, before, newTables(revision, before),
                    Optional.ofNullable(data));
        } catch (SQLException e) {
            throw new DatabaseStartException("Lost the database while seeding rows after " + revision.script()
                    + ": " + e.getMessage(), e);
        } finally {
            profileData(start);
        }
    }

    /**
     * How a revision's first up went: the data the run goes on from ({@link DataFingerprint#EMPTY} without rows), or
     * the failure that ends the run; and when the up started, after the seeding.
     */
    private record FirstUp(DataFingerprint origin, Optional<MigrationFailure> failure, long startNanos) {
    }

    /**
     * A revision's first up as every proof applies it, proved or only reached: rows seeded before it (after the
     * user's fixture for its version), then the up; one that fails on those rows but passes on empty tables goes on
     * as {@link #failedOnRows} says, adding its findings to {@code findings}. A revision only {@code reaching} records
     * of its up no more than the tables it wrote ({@link ProofSteps#reachUp}).
     */
    private FirstUp firstUp(Revision revision, List<Finding> findings, boolean reaching) {
        DataFingerprint origin = seed(revision, current, table -> true, Optional.of(revision.version()), findings,
                List.of());
        long start = System.nanoTime();
        try {
            profile.migrate(() -> watchdog.guard(() -> {
                if (reaching) {
                    stepping.reachUp(revision);
                } else {
                    stepping.up(revision);
                }
                return null;
            }));
        } catch (MigrationException e) {
            requireDatabase(e, revision.script() + " (up)");
            List<ExecutedStatement> ran = stepping.lastStatements();
            SchemaSnapshot schemaBefore = current;
            if (watchdog.fired() || !origin.hasRows() || !passesOnEmptyTables(revision)) {
                return new FirstUp(origin, Optional.of(e.failure()), start);
            }
            origin = failedOnRows(revision, e.failure(), ran, schemaBefore, findings);
        }
        return new FirstUp(origin, Optional.empty(), start);
    }

    RevisionResult check(Revision revision) {
        List<StepOutcome> steps = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        FirstUp up = firstUp(revision, findings, false);
        long start = up.startNanos();
        DataFingerprint origin = up.origin();
        if (up.failure().isPresent()) {
            steps.add(outcome(Step.UP, Status.FAILED, start));
            findings.add(watchdog.fired() ? FindingMessages.timedOut(revision, up.failure().get(), "up",
                    watchdog.describe(), "; later revisions were not checked")
                    : FindingMessages.upFailed(revision, up.failure().get()));
            report(revision, steps);
            return new RevisionResult(revision, steps, List.of(), findings);
        }
        SchemaSnapshot before = current;
        SchemaSnapshot after = snapshot();
        SchemaSnapshot judgedBefore = judgedCurrent;
        SchemaSnapshot judgedAfter = judged(after);
        steps.add(outcome(Step.UP, Status.SUCCEEDED, start));
        List<SchemaDifference> changes = SchemaDiff.compare(before, after);
        current = after;
        judgedCurrent = judgedAfter;
        previous = Optional.of(revision);
        List<ExecutedStatement> upStatements = stepping.lastStatements();
        findings.addAll(schemaChecks(revision, changes, upStatements, upStatements, false, origin, origin,
                afterStep(after)));

        if (!config.provesReversibility()) {
            steps.add(new StepOutcome(Step.DOWN, Status.SKIPPED, Duration.ZERO));
            steps.add(new StepOutcome(Step.REUP, Status.SKIPPED, Duration.ZERO));
        } else if (revision.undo().isEmpty()) {
            findings.add(FindingMessages.undoMissing(revision, OrphanUndos.likelyFor(revision,
                    migrations.orphanUndos())));
            steps.add(new StepOutcome(Step.DOWN, Status.SKIPPED, Duration.ZERO));
            steps.add(new StepOutcome(Step.REUP, Status.SKIPPED, Duration.ZERO));
        } else {
            downAndUpAgain(revision, new Judged(before, after, judgedBefore, judgedAfter), origin, upStatements,
                    steps, findings);
        }
        report(revision, steps);
        return new RevisionResult(revision, steps, changes, findings, diagram(revision, changes, findings));
    }

    /**
     * SchemaCrawler's drawing of the tables the revision touched, while the database is at the revision (every way
     * out of {@link #check} that reaches here leaves it there), for a revision the report leads with: one with a
     * warning or an error, while drawings are left.
     */
    private Optional<String> diagram(Revision revision, List<SchemaDifference> changes, List<Finding> findings) {
        if (diagramsLeft == 0 || !judged.test(revision.version()) || findings.stream()
                .map(config.severities()::apply).flatMap(Optional::stream)
                .noneMatch(f -> f.severity().compareTo(dev.flyback.verifier.finding.Severity.WARNING) >= 0)) {
            return Optional.empty();
        }
        Set<SchemaObject> tables = new java.util.TreeSet<>();
        for (SchemaDifference change : changes) {
            SchemaObject subject = change.subject();
            Optional<String> table = subject.type() == ObjectType.TABLE ? Optional.of(subject.name())
                    : subject.table();
            table.ifPresent(name -> current.objects(ObjectType.TABLE).stream()
                    .filter(t -> t.schema().equals(subject.schema()) && t.name().equals(name))
                    .forEach(tables::add));
        }
        if (tables.isEmpty()) {
            return Optional.empty();
        }
        diagramsLeft--;
        return profile.time(Profile.DIAGRAMS, () -> {
            try (Connection drawing = database.dataSource().getConnection()) {
                return SchemaCrawlerDiagram.svg(drawing, tables);
            } catch (SQLException e) {
                return Optional.empty();
            }
        });
    }

    /**
     * The up failed on seeded rows and passes on empty tables (the database is now after the up, without rows).
     * A failure that any rows cause is {@code UP_FAILS_WITH_ROWS}. A foreign key violation may be Flyback's doing:
     * its rows were made before it knew the keys the revision adds, so it seeds again from an empty database, with
     * rows that meet them, and tries the up once more; passing, the run goes on with those rows and nothing is
     * reported. Any other failure depends on Flyback's values, which real data may not share:
     * {@code UP_FAILS_WITH_SEEDED_ROWS}, a warning.
     *
     * @return the data before the up the run goes on from ({@link DataFingerprint#EMPTY} when it goes on without
     *         rows)
     */
    private DataFingerprint failedOnRows(Revision revision, MigrationFailure failure, List<ExecutedStatement> ran,
                                         SchemaSnapshot before, List<Finding> findings) {
        SchemaSnapshot after = snapshot();
        if (RowFailures.failsWithAnyRow(failure, ran, before, after)) {
            findings.add(FindingMessages.upFailsWithRows(revision, failure));
            return DataFingerprint.EMPTY;
        }
        List<SchemaObject> comingKeys = RowFailures.newForeignKeys(before, after);
        if (!failure.sqlState().filter("23503"::equals).isPresent() || comingKeys.isEmpty()) {
            findings.add(FindingMessages.upFailsWithSeededRows(revision, failure));
            return DataFingerprint.EMPTY;
        }
        resetTo(previous);
        DataFingerprint origin = seed(revision, current, table -> true, Optional.of(revision.version()),
                new ArrayList<>(), comingKeys);
        try {
            profile.migrate(() -> watchdog.guard(() -> {
                stepping.rebuild(revision);
                return null;
            }));
            return origin;
        } catch (MigrationException again) {
            requireDatabase(again, revision.script() + " (up)");
            findings.add(FindingMessages.upFailsWithSeededRows(revision, again.failure()));
            resetTo(previous);
            try {
                stepping.rebuild(revision);
            } catch (MigrationException e) {
                throw new IllegalStateException("Could not rebuild the database up to " + revision.script()
                        + ", which passed on empty tables before: " + e.failure().message(), e);
            }
            return DataFingerprint.EMPTY;
        }
    }

    /**
     * Fills the chosen tables (after the user's fixture for the version) and fingerprints the data; without seeding,
     * nothing. Tables that cannot be filled become findings, once each; the new tables filled before an undo have
     * no fixture, so their gaps are left for the next revision to report, where a fixture can fill them.
     */
    private DataFingerprint seed(Revision revision, SchemaSnapshot schema, Predicate<SchemaObject> tables,
                                 Optional<String> fixtureVersion, List<Finding> findings,
                                 List<SchemaObject> comingKeys) {
        if (seeder.isEmpty()) {
            return DataFingerprint.EMPTY;
        }
        try {
            long start = System.nanoTime();
            DataSeeder.Seeding seeding = seeder.get().seed(connection, schema, tables, fixtureVersion,
                    Optional.ofNullable(data), comingKeys);
            data = data == null ? seeder.get().fingerprint(connection, schema)
                    : seeder.get().refresh(connection, schema, data, seeding::changed);
            profileData(start);
            seeding.gaps().stream()
                    .filter(gap -> fixtureVersion.isPresent()
                            && reportedGaps.add(gap.table() + (gap.rows() == 0 ? " empty" : " short")))
                    .forEach(gap -> findings.add(FindingMessages.notSeeded(revision, gap.table(), gap.reason(),
                            gap.rows(), gap.wanted())));
            return data;
        } catch (SQLException e) {
            throw new DatabaseStartException("Lost the database while seeding rows before " + revision.script()
                    + ": " + e.getMessage(), e);
        }
    }

    /**
     * The data after a step: only the tables the step locked for writing are read again (no other table's rows can
     * have changed), unless that is unknown.
     */
    private DataFingerprint afterStep(SchemaSnapshot schema) {
        if (seeder.isEmpty()) {
            return DataFingerprint.EMPTY;
        }
        long start = System.nanoTime();
        try {
            Optional<Set<String>> written = stepping.lastWrittenTables();
            data = data == null || written.isEmpty() ? seeder.get().fingerprint(connection, schema)
                    : seeder.get().refresh(connection, schema, data,
                            table -> written.get().contains(table.schema() + "." + table.name()));
            return data;
        } catch (SQLException e) {
            throw new DatabaseStartException("Lost the database while reading its data: " + e.getMessage(), e);
        } finally {
            profileData(start);
        }
    }

    /**
     * After an up failed on seeded rows: whether it passes on empty tables. The database is rebuilt without rows up
     * to the previous revision and the up tried again; when it passes, the run goes on from there.
     */
    private boolean passesOnEmptyTables(Revision revision) {
        resetTo(previous);
        try {
            stepping.rebuild(revision);
            return true;
        } catch (MigrationException e) {
            return false;
        }
    }

    /** A new, empty database migrated up to {@code revision} (or left empty), followed from there. */
    private void resetTo(Optional<Revision> revision) {
        stepping.pause();
        closeConnection();
        database.reset();
        data = null;
        connection = connect();
        try {
            if (revision.isPresent()) {
                stepping.rebuild(revision.get());
            }
        } catch (MigrationException e) {
            throw new IllegalStateException("Could not rebuild the database up to " + revision.get().script()
                    + ", which passed before: " + e.failure().message(), e);
        }
        current = track();
    }

    /**
     * An undo's locks that matter are those on tables that existed before the revision: dropping what the revision
     * created is the expected cost of rolling back.
     */
    private static List<ExecutedStatement> onTablesOf(SchemaSnapshot before, List<ExecutedStatement> statements) {
        java.util.Set<String> tables = new java.util.HashSet<>();
        before.objects(dev.flyback.verifier.snapshot.ObjectType.TABLE).forEach(t -> tables.add(t.sqlName()));
        return statements.stream().map(s -> new ExecutedStatement(s.script(), s.sql(), s.line(),
                s.locks().stream().filter(l -> tables.contains(l.table())).toList(), s.lockTimeout(), s.rewrites(),
                s.writes()))
                .toList();
    }

    private List<Finding> schemaChecks(Revision revision, List<SchemaDifference> changes,
                                       List<ExecutedStatement> statements, List<ExecutedStatement> upStatements,
                                       boolean undo, DataFingerprint origin, DataFingerprint dataBefore,
                                       DataFingerprint dataAfter) {
        return checks(revision, changes, statements, upStatements, undo, origin, dataBefore, dataAfter,
                context -> SchemaChecks.run(config.checks(), context));
    }

    /** Runs checks on a step's context, turning a lost connection into an infrastructure error. */
    private List<Finding> checks(Revision revision, List<SchemaDifference> changes,
                                 List<ExecutedStatement> statements, List<ExecutedStatement> upStatements,
                                 boolean undo, DataFingerprint origin, DataFingerprint dataBefore,
                                 DataFingerprint dataAfter, ContextCheck check) {
        try {
            CheckContext context = new CheckContext(revision, changes, connection, migrations.historyTables(),
                    config.wholeSchema(), statements, undo, origin, dataBefore, dataAfter, upStatements);
            long start = System.nanoTime();
            try {
                return check.run(context);
            } finally {
                profileChecks(start);
            }
        } catch (SQLException e) {
            throw new DatabaseStartException("Lost the database while checking " + revision.script() + ": "
                    + e.getMessage(), e);
        }
    }

    /** A check that reads a step's context. */
    @FunctionalInterface
    private interface ContextCheck {
        List<Finding> run(CheckContext context) throws SQLException;
    }

    /**
     * The schema before and after a revision's up, as the catalog shows it (for the checks and the data) and as the
     * judging reader does (for the undo and the second up).
     */
    private record Judged(SchemaSnapshot before, SchemaSnapshot after, SchemaSnapshot judgedBefore,
                          SchemaSnapshot judgedAfter) {
    }

    /** The snapshot the chosen reader takes of the database now, or the catalog's own when it is the reader. */
    private SchemaSnapshot judged(SchemaSnapshot catalog) {
        if (config.snapshotReader() == CatalogReader.READER) {
            return catalog;
        }
        return profile.time(Profile.SNAPSHOT, () -> {
            try {
                return config.snapshotReader().read(connection, migrations.historyTables());
            } catch (SQLException e) {
                throw new DatabaseStartException("Lost the database while reading its schema: " + e.getMessage(), e);
            }
        });
    }

    private void downAndUpAgain(Revision revision, Judged judged, DataFingerprint origin,
                                List<ExecutedStatement> upStatements, List<StepOutcome> steps,
                                List<Finding> findings) {
        SchemaSnapshot before = judged.before();
        SchemaSnapshot after = judged.after();
        DataFingerprint upOnly = data == null ? DataFingerprint.EMPTY : data;
        DataFingerprint upData = seed(revision, after, newTables(revision, before), Optional.empty(), List.of(),
                List.of());
        // The undo is judged against the data before the up, except where the rows just seeded changed a table the
        // up left alone (a trigger on a new table writing to an older one): that change is Flyback's own.
        DataFingerprint baseline = origin.withSeedingEffects(upOnly, upData);
        long start = System.nanoTime();
        try {
            profile.migrate(() -> watchdog.guard(() -> {
                stepping.down(revision);
                return null;
            }));
        } catch (MigrationException e) {
            requireDatabase(e, revision.undoDisplayName() + " (undo of " + revision.script() + ")");
            steps.add(outcome(Step.DOWN, Status.FAILED, start));
            steps.add(new StepOutcome(Step.REUP, Status.SKIPPED, Duration.ZERO));
            findings.add(watchdog.fired() ? FindingMessages.timedOut(revision, e.failure(), "undo",
                    watchdog.describe(), "") : FindingMessages.undoFailed(revision, e.failure()));
            restore(revision, after);
            return;
        }
        List<ExecutedStatement> undoStatements = stepping.lastStatements();
        SchemaSnapshot undone = snapshot();
        steps.add(outcome(Step.DOWN, Status.SUCCEEDED, start));
        List<SchemaDifference> undoChanges = SchemaDiff.compare(after, undone);
        DataFingerprint undoneData = afterStep(undone);
        List<ExecutedStatement> undoLocks = onTablesOf(before, undoStatements);
        List<Finding> settled = checks(revision, undoChanges, undoLocks, upStatements, true, baseline, upData,
                undoneData, context -> SchemaChecks.settle(config.checks(), List.copyOf(findings), context));
        findings.clear();
        findings.addAll(settled);
        findings.addAll(schemaChecks(revision, undoChanges, undoLocks, upStatements, true, baseline, upData,
                undoneData));
        MigrationVerifier.fold(SchemaDiff.compare(judged.judgedBefore(), judged(undone)))
                .forEach(d -> findings.add(FindingMessages.afterUndo(revision, d)));
        Optional<String> history = stepping.historyTableGone(connection);
        if (history.isPresent()) {
            // Flyway cannot go on without its history: the revision is built again and the run goes on from there.
            findings.add(FindingMessages.undoDropsHistory(revision, history.get()));
            steps.add(new StepOutcome(Step.REUP, Status.SKIPPED, Duration.ZERO));
            rebuild(revision);
            return;
        }

        start = System.nanoTime();
        try {
            profile.migrate(() -> watchdog.guard(() -> {
                stepping.reup(revision);
                return null;
            }));
        } catch (MigrationException e) {
            requireDatabase(e, revision.script() + " (applied again)");
            steps.add(outcome(Step.REUP, Status.FAILED, start));
            findings.add(watchdog.fired() ? FindingMessages.timedOut(revision, e.failure(), "re-applied up",
                    watchdog.describe(), "") : FindingMessages.reupFailed(revision, e.failure()));
            rebuild(revision);
            return;
        }
        SchemaSnapshot again = snapshot();
        afterStep(again);
        steps.add(outcome(Step.REUP, Status.SUCCEEDED, start));
        java.util.Set<String> alreadyFound = new java.util.HashSet<>();
        findings.forEach(f -> f.object().ifPresent(alreadyFound::add));
        SchemaSnapshot judgedAgain = judged(again);
        MigrationVerifier.fold(SchemaDiff.compare(judged.judgedAfter(), judgedAgain)).stream()
                .filter(d -> !alreadyFound.contains(d.subject().qualifiedName()))
                .filter(d -> !DifferenceFolding.onlyColumnOrder(d))
                .forEach(d -> findings.add(FindingMessages.reupDiffers(revision, d)));
        current = again;
        judgedCurrent = judgedAgain;
    }

    /**
     * The tables a revision's undo finds seeded: those it created. A table it renamed is not new (followed by
     * identity), nor one it dropped and created again under the same name (its rows are gone, not new). Nor one the
     * undo reads from (copying rows back): rows made up for it would flow back into the tables that existed before,
     * as data the revision never held.
     */
    private Predicate<SchemaObject> newTables(Revision revision, SchemaSnapshot before) {
        Set<String> existing = new HashSet<>();
        before.objects(ObjectType.TABLE).forEach(t -> {
            existing.add(t.key());
            existing.add(t.identity());
        });
        existing.remove("");
        Set<String> read = seeder.isPresent() ? readByUndo(revision) : Set.of();
        return table -> !existing.contains(table.key()) && !existing.contains(table.identity())
                && !read.contains(table.name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The words (lower case) of the undo script's statements other than DROP: a table named there may be read by
     * the undo. Comments, strings and dollar-quoted bodies are left out.
     */
    private static Set<String> readByUndo(Revision revision) {
        Set<String> words = new HashSet<>();
        Optional<java.nio.file.Path> file = revision.undo().flatMap(Revision.Undo::file);
        if (file.isEmpty()) {
            return words;
        }
        try {
            String text = java.nio.file.Files.readString(file.get())
                    .replaceAll("(?s)/\\*.*?\\*/", " ").replaceAll("--[^\\n]*", " ");
            for (String statement : text.split(";")) {
                String normalized = statement.strip().toLowerCase(java.util.Locale.ROOT);
                if (!normalized.startsWith("drop")) {
                    for (String word : normalized.split("[^a-z0-9_$]+")) {
                        words.add(word);
                    }
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            // Unreadable here: seeded like any new table.
        }
        return words;
    }

    /** After a failed undo: carry on from the revision's state, rebuilding it if the failure left debris. */
    private void restore(Revision revision, SchemaSnapshot after) {
        if (!snapshot().equals(after)) {
            rebuild(revision);
        }
    }

    /** Throws the database away and migrates a fresh one up to the revision, so later revisions start clean. */
    private void rebuild(Revision revision) {
        stepping.pause();
        closeConnection();
        database.reset();
        data = null;
        connection = connect();
        try {
            stepping.rebuild(revision);
        } catch (MigrationException e) {
            throw new IllegalStateException("Could not rebuild the database up to " + revision.script()
                    + " after a failed step: " + e.failure().message(), e);
        }
        current = track();
    }

    /**
     * A step that failed because the server went away (it stopped, crashed, or the connection broke) is not a
     * finding about the migration: it ends the run as an infrastructure error naming what was running.
     */
    private static void requireDatabase(MigrationException failure, String running) {
        if (failure.failure().kind() == dev.flyback.verifier.migration.MigrationFailure.Kind.CONNECTION_LOST) {
            throw new DatabaseStartException("Lost the database while running " + running + ": "
                    + failure.failure().message() + "; the server stopped or the connection broke, so the run "
                    + "ends here. Run again once the server is back.", failure);
        }
    }

    /** The schema after a step: what the step touched is read again. */
    private SchemaSnapshot snapshot() {
        return profile.time(Profile.SNAPSHOT, () -> {
            try {
                return tracker.refresh(connection);
            } catch (SQLException e) {
                throw new DatabaseStartException("Lost the database while reading its schema: " + e.getMessage(), e);
            }
        });
    }

    /** Reads the whole schema of a new or rebuilt database and follows it from there. */
    private SchemaSnapshot track() {
        SchemaSnapshot whole = profile.time(Profile.SNAPSHOT, () -> {
            try {
                tracker = CatalogTracker.start(connection, migrations.historyTables());
                return tracker.snapshot();
            } catch (SQLException e) {
                throw new DatabaseStartException("Lost the database while reading its schema: " + e.getMessage(), e);
            }
        });
        judgedCurrent = judged(whole);
        return whole;
    }

    private void profileChecks(long start) {
        profile.add(Profile.CHECKS, start);
    }

    private void profileData(long start) {
        profile.add(Profile.DATA, start);
    }

    /**
     * The findings about the schema the whole history leaves (the database is at the last revision): foreign keys
     * never validated ({@code keys}, from {@link #notValidatedAtHead}), reported at the revision of {@code results}
     * that added them.
     */
    List<Finding> atHead(List<RevisionResult> results, List<dev.flyback.verifier.internal.check.NotValidatedKey> keys) {
        java.util.Map<Revision, List<SchemaDifference>> changes = new java.util.HashMap<>();
        results.forEach(r -> changes.put(r.revision(), r.changes()));
        Set<String> versions = new HashSet<>();
        results.forEach(r -> versions.add(r.revision().version()));
        long start = System.nanoTime();
        try {
            return SchemaChecks.atHead(config.checks(), keys, results.stream().map(RevisionResult::revision)
                    .toList(), r -> changes.getOrDefault(r, List.of()), versions);
        } finally {
            profileChecks(start);
        }
    }

    /**
     * Where this proof stands, as a digest: the schema by name (PostgreSQL's object numbers left out), every row and
     * sequence, the seeder's next rows, and what was reported once. Two proofs in the same state go on to find the
     * same: a range of the history proved on a database of its own is kept only when it started in the state the
     * proof of the range before it ended in (issue 18).
     */
    String state() {
        StringBuilder state = new StringBuilder();
        for (SchemaObject object : current.objects()) {
            state.append(object.type()).append(' ').append(object.qualifiedName())
                    .append(object.arguments().orElse("")).append(' ').append(object.properties()).append('\n');
        }
        try {
            state.append(DataSeeder.digest(connection, current));
        } catch (SQLException e) {
            throw new DatabaseStartException("Lost the database while reading its data: " + e.getMessage(), e);
        }
        seeder.ifPresent(s -> state.append(s.state()).append('\n'));
        state.append(new java.util.TreeSet<>(reportedGaps));
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(state.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java", e);
        }
    }

    /** The foreign keys still NOT VALID now, the database being at the last revision. */
    List<dev.flyback.verifier.internal.check.NotValidatedKey> notValidatedAtHead() {
        try {
            return SchemaChecks.notValidatedAtHead(config.checks(), connection);
        } catch (SQLException e) {
            throw new DatabaseStartException("Lost the database while checking the last revision: "
                    + e.getMessage(), e);
        }
    }

    /** Where the time went so far. */
    java.util.Map<String, Duration> profile() {
        return profile.durations();
    }

    private void report(Revision revision, List<StepOutcome> steps) {
        StringBuilder line = new StringBuilder(revision.displayName()).append(':');
        for (StepOutcome step : steps) {
            line.append(' ').append(step.step().displayName()).append(' ').append(step.status().displayName());
            if (step.status() != Status.SKIPPED) {
                line.append(" (").append(step.duration().toMillis()).append(" ms)");
            }
        }
        progress.accept(line.toString());
    }

    private static StepOutcome outcome(Step step, Status status, long startNanos) {
        return new StepOutcome(step, status, Duration.ofNanos(System.nanoTime() - startNanos));
    }

    private Connection connect() {
        try {
            Connection connection = database.dataSource().getConnection();
            // The snapshot and check queries run hundreds of times with new parameters each time: planning them
            // again for each (PostgreSQL's default for the first executions) took a tenth of a proof. And where the
            // server has LLVM (Debian's packages, the official images), once autovacuum has analysed the catalogs
            // of a large schema the estimated cost of the snapshot query crosses jit_above_cost: measured at 1000
            // revisions, 98 ms of JIT compilation for a query that runs in 6 ms, per snapshot.
            // Only this connection, which reads catalogs and fingerprints; the migrations run on their own.
            try (java.sql.Statement statement = connection.createStatement()) {
                statement.execute("SET plan_cache_mode = force_generic_plan; SET jit = off");
            }
            return connection;
        } catch (SQLException e) {
            throw new DatabaseStartException("Could not connect to " + database.description() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        stepping.pause();
        watchdog.close();
        closeConnection();
        try {
            stepping.close();
        } catch (RuntimeException e) {
            // The database is going away anyway; its undo history table with it.
        }
    }

    private void closeConnection() {
        try {
            connection.close();
        } catch (SQLException e) {
            // The database is going away anyway; nothing to report.
        }
    }
}
