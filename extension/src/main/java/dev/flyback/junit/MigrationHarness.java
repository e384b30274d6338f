package dev.flyback.junit;

import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

import org.apiguardian.api.API;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

import dev.flyback.verifier.MigrationVerifier;
import dev.flyback.verifier.RevisionResult;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.VerifierConfig;
import dev.flyback.verifier.database.ConnectionInfo;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.migration.MigrationException;
import dev.flyback.verifier.migration.MigrationHistory;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.migration.RevisionTemplates;
import dev.flyback.verifier.model.ModelDrift;
import dev.flyback.verifier.model.TargetModel;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * A test's handle on its migrations and its own scratch database: generated safety checks, and the moves a
 * data-migration test needs (to a revision, up one, down one, to head, to base; seed rows; read the schema).
 *
 * <pre><code class='java'>
 * &#64;Test void backfills_role(MigrationHarness migrations, DataSource db) {
 *     migrations.migrateTo("3");
 *     Sql.execute(db, "INSERT INTO users (email, full_name) VALUES ('a@x', 'A')");
 *     migrations.migrateUpOne();
 *     assertThat(Sql.queryColumn(db, "SELECT role FROM users")).containsOnly("member");
 * }
 * </code></pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MigrationHarness {
    private final MigrationSettings settings;
    private final DisposableDatabase database;
    private final ClassLoader classLoader;
    private MigrationHistory migrations;
    private final Optional<RevisionTemplates> templates;

    MigrationHarness(MigrationSettings settings, DisposableDatabase database, ClassLoader classLoader,
                     Optional<RevisionTemplates> templates) {
        this.settings = settings;
        this.database = database;
        this.classLoader = classLoader;
        this.templates = templates;
    }

    /**
     * The safety checks as tests: one container per revision ({@code V3__add_linkedin_url}) holding one test per
     * configured check ({@code V3__add_linkedin_url: reversible (U3__add_linkedin_url.sql)},
     * {@code V3__add_linkedin_url: re-applies identically}), plus a {@code migration history} test for undo
     * scripts without a migration. A failing test's message is the rendered finding.
     *
     * <p>The proof runs once, on its own scratch database, when the first generated test executes.
     */
    public Stream<DynamicNode> checks() {
        VerifierConfig config = proofConfig();
        List<Revision> revisions = MigrationVerifier.revisionsOf(config, migrations().revisions());
        LazyResult result = new LazyResult(config);
        List<DynamicNode> nodes = new ArrayList<>();
        if (settings.shard().map(shard -> shard.index() == 1).orElse(true)) {
            nodes.add(dynamicTest("migration history", () -> assertHistory(result.get())));
        }
        for (Revision revision : revisions) {
            List<DynamicTest> tests = new ArrayList<>();
            for (Check check : settings.checks()) {
                if (check == Check.HISTORY && settings.reference().isEmpty()) {
                    continue;
                }
                tests.add(dynamicTest(testName(check, revision), () -> assertCheck(result.get(), revision, check)));
            }
            URI source = revision.file().map(f -> f.toUri()).orElse(null);
            nodes.add(dynamicContainer(revision.displayName(), source, tests.stream()));
        }
        return nodes.stream();
    }

    /**
     * A test, {@code model matches migrations}, that fails when the migrations at their head do not give the schema
     * {@code target} describes (the analogue of pytest-alembic's {@code test_model_definitions_match_ddl}): its
     * message lists what differs and the statements of the revision that would close the gap, which {@code flyback
     * new MESSAGE --autogenerate} writes, with its undo. JPA entities are read from the test's class path.
     *
     * <pre><code class='java'>
     * &#64;TestFactory DynamicTest model(MigrationHarness migrations) {
     *     return migrations.modelMatches(TargetModel.entities(List.of("com.example.model")));
     * }
     * </code></pre>
     *
     * @since 0.4
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.4")
    public DynamicTest modelMatches(TargetModel target) {
        return dynamicTest("model matches migrations", () -> assertModelMatches(target));
    }

    /**
     * Fails, as {@link #modelMatches} does, when the migrations at their head do not give the schema {@code target}
     * describes; on a scratch database of its own beside this test's.
     *
     * @since 0.4
     */
    @API(status = API.Status.EXPERIMENTAL, since = "0.4")
    public void assertModelMatches(TargetModel target) {
        ModelDrift drift;
        try (DisposableDatabase scratch = database.createSibling(Optional.empty())) {
            drift = ModelDrift.measure(settings.flyway(), scratch, classLoader, target);
        } catch (MigrationException e) {
            throw new AssertionFailedError("Could not compare the migrations with " + target.describe() + ": "
                    + e.failure().script() + e.failure().line().map(l -> " line " + l).orElse("") + ": "
                    + e.failure().message(), e);
        }
        if (drift.matches()) {
            return;
        }
        throw new AssertionFailedError(drift.report("flyback new \"MESSAGE\" --autogenerate "
                + target.option() + " writes it with its undo, and proves both"));
    }

    /**
     * Migrates up or down to {@code version} (down runs undo scripts in reverse order). From an empty database, the
     * database becomes a copy of a template the server keeps at that revision, made the first time a test goes there
     * (from the nearest template below it): a test at revision 150 costs a copy, not 150 migrations.
     */
    public MigrationHarness migrateTo(String version) {
        Revision target = revision(version);
        int targetIndex = revisions().indexOf(target);
        // An empty database (no history either) is below every revision: no need to ask Flyway where it is.
        if (templates.isPresent() && RevisionTemplates.replaceable(database)) {
            run(() -> templates.get().copyInto(database, settings.flyway(), classLoader, revisions(), targetIndex));
            return this;
        }
        int currentIndex = currentIndex();
        if (targetIndex > currentIndex) {
            run(() -> migrations().up(target));
        }
        for (int i = currentIndex; i > targetIndex; i--) {
            Revision revision = revisions().get(i);
            run(() -> migrations().down(revision));
        }
        return this;
    }

    /** Applies the next revision. */
    public MigrationHarness migrateUpOne() {
        int next = currentIndex() + 1;
        if (next >= revisions().size()) {
            throw new IllegalStateException("Already at the last revision " + currentVersion().orElse("<none>"));
        }
        return migrateTo(revisions().get(next).version());
    }

    /** Undoes the current revision. */
    public MigrationHarness migrateDownOne() {
        int current = currentIndex();
        if (current < 0) {
            throw new IllegalStateException("Already at base: no revision is applied");
        }
        Revision revision = revisions().get(current);
        run(() -> migrations().down(revision));
        return this;
    }

    /** Applies every revision. */
    public MigrationHarness migrateToHead() {
        return revisions().isEmpty() ? this : migrateTo(revisions().get(revisions().size() - 1).version());
    }

    /** Undoes every applied revision, newest first. */
    public MigrationHarness migrateToBase() {
        while (currentIndex() >= 0) {
            migrateDownOne();
        }
        return this;
    }

    /** Migrates to {@code version} and runs {@code sql} there: rows to carry through the next migration. */
    public MigrationHarness seedAt(String version, String sql) {
        migrateTo(version);
        Sql.execute(dataSource(), sql);
        return this;
    }

    /** Migrates to {@code version} and runs the SQL of a class-path resource there. */
    public MigrationHarness seedAtFromResource(String version, String resource) {
        try (InputStream in = classLoader.getResourceAsStream(resource.replaceFirst("^classpath:", ""))) {
            if (in == null) {
                throw new IllegalArgumentException("No class-path resource '" + resource + "' to seed from");
            }
            return seedAt(version, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("Could not read " + resource, e);
        }
    }

    /** The version the database is at, per Flyway's history. */
    public Optional<String> currentVersion() {
        return migrations().current();
    }

    /** The revisions, in order (listed once per test run and settings). */
    public List<Revision> revisions() {
        return templates.map(t -> t.revisions(settings.flyway(), classLoader, () -> migrations().revisions()))
                .orElseGet(() -> migrations().revisions());
    }

    /** The schema as it is now. */
    public SchemaSnapshot snapshot() {
        return MigrationExtension.snapshot(dataSource(), migrations().historyTables());
    }

    /** Runs the whole up, down, up proof on a separate scratch database and returns its result. */
    public VerificationResult verify() {
        try (DisposableDatabase scratch = database.createSibling(Optional.empty())) {
            return MigrationVerifier.verify(settings.verifierConfig(classLoader).build(), scratch);
        }
    }

    /** This test's database. */
    public DataSource dataSource() {
        return database.dataSource();
    }

    /** How to connect to this test's database. */
    public ConnectionInfo connectionInfo() {
        return database.connectionInfo();
    }

    private void assertHistory(VerificationResult result) {
        List<Finding> about = result.findings().stream()
                .filter(f -> f.type() == FindingType.UNDO_WITHOUT_MIGRATION
                        || f.type() == FindingType.RELEASED_MIGRATION_MISSING).toList();
        report(about.stream().filter(f -> !f.severity().isAtLeast(settings.failOn())).toList());
        List<Finding> findings = about.stream().filter(f -> f.severity().isAtLeast(settings.failOn())).toList();
        if (!findings.isEmpty()) {
            throw new AssertionFailedError("The migration history has " + findings.size() + " problem(s)\n\n"
                    + render(findings));
        }
    }

    private void assertCheck(VerificationResult result, Revision revision, Check check) {
        Optional<RevisionResult> checked = result.revisions().stream()
                .filter(r -> r.revision().version().equals(revision.version())).findFirst();
        if (checked.isEmpty()) {
            throw new TestAbortedException(revision.displayName() + " was not checked: an earlier revision failed "
                    + "to apply (see its tests)");
        }
        List<Finding> about = checked.get().findings().stream()
                .filter(f -> f.type() == FindingType.UP_FAILED || f.type().check() == check).toList();
        report(about.stream().filter(f -> !f.severity().isAtLeast(settings.failOn())
                && f.severity().isAtLeast(Severity.WARNING)).toList());
        List<Finding> findings = about.stream().filter(f -> f.severity().isAtLeast(settings.failOn())).toList();
        if (!findings.isEmpty()) {
            throw new AssertionFailedError(header(revision, check, findings.size()) + "\n\n" + render(findings));
        }
    }

    private static String header(Revision revision, Check check, int count) {
        String plural = count == 1 ? "1 finding" : count + " findings";
        switch (check) {
            case REVERSIBILITY:
                return "Migration " + revision.displayName() + " is not reversible: " + plural
                        + revision.undo().map(u -> " after undo " + u.script()).orElse("");
            case REAPPLY:
                return "Migration " + revision.displayName() + " does not re-apply identically: " + plural;
            case DATA_LOSS:
                return "Migration " + revision.displayName() + " can destroy data: " + plural;
            case ONLINE:
                return "Migration " + revision.displayName() + " takes locks that block production traffic: " + plural;
            default:
                return "Migration " + revision.displayName() + " has index or foreign-key problems: " + plural;
        }
    }

    /**
     * Findings that do not fail the test still show: as report entries of the generated test ({@code flyback.warning},
     * which IDEs and build tools display) and on its standard output.
     */
    private static void report(List<Finding> findings) {
        for (Finding finding : findings) {
            String text = FindingMessages.render(finding);
            MigrationExtension.dynamicTest().ifPresent(context -> context.publishReportEntry("flyback."
                    + finding.severity().displayName(), text));
            System.out.println(text);
        }
    }

    private static String render(List<Finding> findings) {
        return findings.stream().map(FindingMessages::render).collect(Collectors.joining("\n\n"));
    }

    private static String testName(Check check, Revision revision) {
        // The revision is repeated in the test's own name: Surefire's XML and many CI views show only leaf names.
        switch (check) {
            case REVERSIBILITY:
                return revision.displayName() + ": reversible" + revision.undo().map(u -> " (" + u.script() + ")")
                        .orElse(", but it has no undo");
            case REAPPLY:
                return revision.displayName() + ": re-applies identically";
            case DATA_LOSS:
                return revision.displayName() + ": keeps data";
            case ONLINE:
                return revision.displayName() + ": online-safe locks";
            case HISTORY:
                return revision.displayName() + ": fits the released history";
            default:
                return revision.displayName() + ": indexes and foreign keys";
        }
    }

    private MigrationHistory migrations() {
        if (migrations == null) {
            migrations = MigrationHistory.open(settings.flyway(), dataSource(), classLoader);
            run(migrations::createSchemas);
        }
        return migrations;
    }

    private Revision revision(String version) {
        return revisions().stream().filter(r -> r.version().equals(version)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("No revision " + version + "; the revisions are "
                        + revisions().stream().map(Revision::version).collect(Collectors.joining(", "))));
    }

    private int currentIndex() {
        Optional<String> current = currentVersion();
        return current.map(v -> revisions().indexOf(revision(v))).orElse(-1);
    }

    private static void run(Step step) {
        try {
            step.run();
        } catch (MigrationException e) {
            throw new AssertionFailedError("Migration step failed: " + e.failure().script()
                    + e.failure().line().map(l -> " at line " + l).orElse("") + ": " + e.failure().message(), e);
        }
    }

    @FunctionalInterface
    private interface Step {
        void run() throws MigrationException;
    }

    /**
     * The proof {@link #checks()} runs: of the part of the history {@code flyback.shard=I/N} names, if it does, so
     * that Surefire forks or CI jobs each run one part of a test class's checks.
     */
    private VerifierConfig proofConfig() {
        VerifierConfig.Builder config = settings.verifierConfig(classLoader);
        settings.shard().ifPresent(config::shard);
        return config.build();
    }

    /** Runs the proof once, when the first generated test needs it. */
    private final class LazyResult {
        private final VerifierConfig config;
        private VerificationResult result;

        LazyResult(VerifierConfig config) {
            this.config = config;
        }

        synchronized VerificationResult get() {
            if (result == null) {
                try (DisposableDatabase scratch = database.createSibling(Optional.empty())) {
                    result = MigrationVerifier.verify(config, scratch);
                }
            }
            return result;
        }
    }
}
