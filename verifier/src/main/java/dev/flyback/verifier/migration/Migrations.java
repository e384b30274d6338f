package dev.flyback.verifier.migration;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

import org.apiguardian.api.API;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.database.postgresql.PostgreSQLConfigurationExtension;


/**
 * A Flyway migration history on one database: lists the revisions, applies one up with Flyway Core, and takes one
 * down with its undo script, keeping Flyway's history table true.
 *
 * <p>Flyway's open-source edition ignores {@code U} scripts, so the way down runs them through a second Flyway over
 * the same locations ({@code sqlMigrationPrefix=U}, a throw-away history table, baselined just below the revision):
 * Flyway's own parser handles placeholders, dollar quotes and {@code DO} blocks. Afterwards the revision's row is
 * deleted from the real history table, so that Flyway again describes the database truthfully.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class Migrations {
    /** How many revisions one paced Flyway run applies (see {@link #upNext}). */
    static final int PACED_WINDOW = 50;

    /** The throw-away history table of the undo runs; it never outlives one undo. */
    public static final String UNDO_HISTORY_TABLE = "flyback_undo_history";

    private final FluentConfiguration base;
    private final DataSource dataSource;
    private final List<Revision> revisions;
    private final List<String> orphanUndos;
    private final StatementRecorder recorder;
    private final Optional<ScriptFiles> scriptFiles;
    /** Whether {@link #upNext} keeps Flyway's history to its latest versioned row (see {@link #compactHistory}). */
    private boolean compactHistory;
    /** Runs undo scripts through Flyway, and Java undos. */
    private final UndoSteps undos;
    /** Whether steps record their statements (see {@link #recordStatements}). */
    private boolean recording = true;
    /** Whether Flyway's history is compact already (the last step compacted it in its own transaction). */
    private boolean compacted;
    /** Splits the scripts a proof runs without a Flyway command. */
    private final ScriptParser parser;
    /** Runs a script's statements without a Flyway command. */
    private final DirectScripts direct;
    /** Whether a proof's undos and re-applied ups can run without a Flyway command; null until asked. */
    private Boolean steppedDirectly;
    /** Flyway's history table (and Flyback's undo history table) in the database. */
    private final HistoryTable history;
    /** The Flyway migrate applying the current window of a proof's first ups, paused between them; or null. */
    private PacedRun run;

    private Migrations(FluentConfiguration base, DataSource dataSource) {
        this.base = base;
        this.dataSource = dataSource;
        RevisionResolver.Resolved resolved = RevisionResolver.resolve(base);
        this.revisions = resolved.revisions();
        this.orphanUndos = resolved.orphanUndos();
        this.history = new HistoryTable(dataSource, base);
        this.recorder = new StatementRecorder(historyTables());
        this.scriptFiles = ScriptFiles.list(base.getLocations(), base.getEncoding());
        this.parser = new ScriptParser(dataSource);
        this.direct = new DirectScripts(dataSource, parser, recorder, () -> recording);
        this.undos = new UndoSteps(base, dataSource, revisions, scriptFiles, parser, history, recorder,
                this::withRecorder);
    }

    /**
     * Reads the Flyway configuration and lists the migrations in its locations.
     *
     * @throws MigrationConfigurationException when the configuration or a location is wrong
     */
    public static Migrations open(FlywaySettings settings, DataSource dataSource, ClassLoader classLoader) {
        try {
            FluentConfiguration base = Flyway.configure(classLoader);
            // the project's own files first (Spring Boot, flyway.conf, flyway.toml), then FLYWAY_*, then options
            EffectiveLocations where = EffectiveLocations.of(settings, classLoader);
            base.configuration(where.found().properties());
            if (settings.environment()) {
                base.envVars();
            }
            base.configuration(settings.properties());
            if (!where.locations().isEmpty()) {
                base.locations(where.locations().toArray(String[]::new));
            }
            base.dataSource(dataSource).cleanDisabled(true).failOnMissingLocations(true)
                    .loggers(FlywayLogs.class.getName());
            // Flyway's transaction-scoped advisory lock keeps a transaction open on its history connection while a
            // non-transactional migration runs on another, and CREATE INDEX CONCURRENTLY waits for that transaction
            // for ever (flyway/flyway#3682, #3961). Flyback's databases have one migrator: a session lock is enough.
            base.getConfigurationExtension(PostgreSQLConfigurationExtension.class).setTransactionalLock(false);
            return new Migrations(base, dataSource);
        } catch (FlywayException e) {
            throw new MigrationConfigurationException("Flyway could not read the migrations: " + e.getMessage(), e);
        }
    }

    /**
     * Creates the schemas Flyway would create on its first migration ({@code flyway.schemas} with
     * {@code createSchemas}), so that the state before the first revision already has them: they are Flyway's, not
     * the first revision's, and its undo need not drop them.
     */
    public void prepare() throws MigrationException {
        if (!base.isCreateSchemas()) {
            return;
        }
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String schema : base.getSchemas()) {
                statement.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema.replace("\"", "\"\"") + "\"");
            }
        } catch (SQLException e) {
            throw new MigrationException(new MigrationFailure("flyway.schemas", Optional.empty(), Optional.empty(),
                    "could not create the schemas Flyway manages: " + e.getMessage()), e);
        }
    }

    /**
     * Checks what can be checked without a database, so that a typo costs no server start: every
     * {@code filesystem:} location must be a directory, and some location must hold a migration.
     *
     * @throws MigrationConfigurationException naming the location, which setting named it and where Flyback looked
     */
    public static void checkLocations(FlywaySettings settings) {
        checkLocations(settings, Thread.currentThread().getContextClassLoader());
    }

    /** {@link #checkLocations(FlywaySettings)} for migrations on this class loader's class path. */
    public static void checkLocations(FlywaySettings settings, ClassLoader classLoader) {
        PreFlight.check(settings, classLoader);
    }

    /** The versioned revisions in the order Flyway applies them. */
    public List<Revision> revisions() {
        return revisions;
    }

    /** Undo scripts whose version has no versioned migration. */
    public List<String> orphanUndos() {
        return orphanUndos;
    }

    /**
     * Bounds every statement Flyway runs for these migrations: PostgreSQL cancels one that runs longer (a script's
     * own {@code SET statement_timeout} still wins). Zero leaves statements unbounded.
     */
    public void limitStatements(java.time.Duration timeout) {
        if (timeout.isZero()) {
            return;
        }
        String limit = "SET statement_timeout = " + timeout.toMillis();
        String own = base.getInitSql();
        base.initSql(own == null || own.isBlank() ? limit : limit + ";\n" + own);
    }

    /** The name of Flyway's history table ({@code flyway_schema_history} unless configured). */
    public String historyTable() {
        return base.getTable();
    }

    /**
     * The configured locations that are folders on disk ({@code filesystem:}); classpath locations are left out.
     */
    public List<Path> filesystemLocations() {
        return java.util.Arrays.stream(base.getLocations()).filter(l -> l.getDescriptor().startsWith("filesystem:"))
                .map(l -> Path.of(l.getRootPath())).toList();
    }

    /**
     * The versioned SQL migrations in another folder, such as a released copy of the locations, with Flyway's own
     * checksums; nothing is applied.
     */
    public List<Revision> scriptsIn(Path folder) {
        try {
            Flyway probe = Flyway.configure(base.getClassLoader()).configuration(base)
                    .locations("filesystem:" + folder).table("flyback_reference_probe")
                    .javaMigrationClassProvider(RevisionResolver.noJavaMigrations()).validateMigrationNaming(false).load();
            List<Revision> scripts = new ArrayList<>();
            for (MigrationInfo info : probe.info().all()) {
                if (info.getVersion() != null && info.getType().name().startsWith("SQL")) {
                    scripts.add(new Revision(info.getVersion().getVersion(), info.getDescription(), info.getScript(),
                            RevisionResolver.file(info), false, Optional.empty(), Optional.ofNullable(info.getChecksum())));
                }
            }
            return scripts;
        } catch (FlywayException e) {
            throw new MigrationConfigurationException("Flyway could not read the migrations in " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    /** Flyway's history table and Flyback's undo history table: never part of a snapshot. */
    public Set<String> historyTables() {
        return Set.of(base.getTable(), UNDO_HISTORY_TABLE);
    }

    /** The versions Flyway's history records as applied, in order. */
    public List<String> appliedVersions() {
        List<String> versions = new ArrayList<>();
        for (MigrationInfo info : Flyway.configure(base.getClassLoader()).configuration(base).load().info().applied()) {
            if (info.getVersion() != null && info.getState().isApplied()) {
                versions.add(info.getVersion().getVersion());
            }
        }
        return versions;
    }

    /**
     * Records {@code version} as the database's state without running anything (Flyway's baseline), for a database
     * that was brought up to date by other means. Only for a database with no history yet.
     *
     * @throws MigrationConfigurationException when the database already has a history
     */
    public void stamp(String version) {
        endRun();
        if (currentVersion().isPresent()) {
            throw new MigrationConfigurationException("The database already has a Flyway history (at version "
                    + currentVersion().get() + "); stamp is for a database without one. Use up or down instead.",
                    null);
        }
        try {
            Flyway.configure(base.getClassLoader()).configuration(base).baselineVersion(version)
                    .baselineDescription("stamped by flyback").load().baseline();
        } catch (FlywayException e) {
            throw new MigrationConfigurationException("Flyway could not stamp version " + version + ": "
                    + e.getMessage(), e);
        }
    }

    /** The version Flyway says the database is at, if any. */
    public Optional<String> currentVersion() {
        MigrationInfo current = Flyway.configure(base.getClassLoader()).configuration(base).load().info().current();
        return Optional.ofNullable(current).map(MigrationInfo::getVersion).map(MigrationVersion::getVersion);
    }

    /**
     * The statements the last {@link #up} or {@link #down} executed, with the locks each took on tables that existed
     * before (SQL scripts; a Java migration's statements are not seen); empty when not recording
     * ({@link #recordStatements}).
     */
    public List<ExecutedStatement> lastStatements() {
        return recorder.statements();
    }

    /**
     * Flyway's message, with the exception a Java migration threw when Flyway's own message leaves it out
     * ({@code Migration failed !}).
     */
    static String withCause(FlywayException e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (root == e || root instanceof SQLException || root.getMessage() == null
                || message.contains(root.getMessage())) {
            return message;
        }
        return message + " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
    }

    /** Plain Flyway {@code migrate} of every pending migration, as a team's deployment runs it: no tracing. */
    public void migrate() throws MigrationException {
        endRun();
        try {
            Flyway.configure(base.getClassLoader()).configuration(base).load().migrate();
        } catch (FlywayException e) {
            throw new MigrationException(new MigrationFailure("flyway migrate", Optional.empty(), Optional.empty(),
                    e.getMessage()), e);
        }
    }

    /**
     * The tables ({@code schema.name}) the last {@link #up} or {@link #down} locked for writing: the only ones whose
     * rows it can have changed. Empty when unknown (a step outside a transaction).
     */
    public Optional<Set<String>> lastWrittenTables() {
        return recording ? recorder.writtenTables() : Optional.empty();
    }

    /**
     * Whether each step records its statements and the locks they take ({@link #lastStatements},
     * {@link #lastWrittenTables}): on by default. Off, a step runs no query of Flyback's beside the migration's own
     * and Flyway calls no callback of Flyback's, for a proof whose checks read neither.
     */
    public void recordStatements(boolean record) {
        if (record != recording) {
            // A paced run's callbacks were chosen when it started.
            endRun();
        }
        this.recording = record;
    }

    /** {@code callbacks} and, while recording, the statement recorder. */
    private Callback[] withRecorder(Callback[] callbacks) {
        if (!recording) {
            return callbacks;
        }
        Callback[] all = java.util.Arrays.copyOf(callbacks, callbacks.length + 1);
        all[all.length - 1] = recorder;
        return all;
    }

    /** Applies everything up to and including {@code revision} with Flyway. */
    public void up(Revision revision) throws MigrationException {
        endRun();
        recorder.reset();
        compacted = false;
        try {
            Callback[] callbacks = withRecorder(base.getCallbacks());
            Flyway.configure(base.getClassLoader()).configuration(base).target(revision.version())
                    .callbacks(callbacks).load().migrate();
            // Possibly several revisions, Java ones among them: which tables they wrote is not known.
            recorder.writesUnknown();
        } catch (FlywayException e) {
            Revision failed = firstPending(revision);
            throw upFailure(failed, e);
        }
    }

    /** Flyway's failure of {@code revision}'s up, read where it was caught. */
    private MigrationException upFailure(Revision revision, FlywayException e) {
        MigrationFailure failure = MigrationFailure.fromFlywayMessage(revision.script(), revision.file(),
                withCause(e)).classified(e);
        return new MigrationException(revision.file().map(file -> parser.withMixed(base, file, failure)).orElse(failure), e);
    }

    /**
     * The revision a Flyway migrate up to {@code target} failed on: Flyway applies in order and PostgreSQL rolls a
     * failed migration back with its history row, so it is the first revision up to the target that the history
     * does not list. Asked once the migrate has failed, so a migrate of many revisions blames the one that failed,
     * not the target.
     */
    private Revision firstPending(Revision target) {
        try {
            List<String> applied = appliedVersions();
            return revisions.stream().limit(revisions.indexOf(target) + 1L)
                    .filter(r -> !applied.contains(r.version())).findFirst().orElse(target);
        } catch (FlywayException e) {
            return target;
        }
    }

    /**
     * Applies exactly {@code revision}, the database being at the revision before it (as a proof steps through the
     * history). Flyway is shown only this script and the non-versioned ones (callbacks, repeatables), so the step's
     * cost does not grow with the length of the history; Java migrations and classpath locations take the full
     * {@link #up} path.
     *
     * <p>In a proof of scripts alone ({@link #paced}), one Flyway migrate applies the next {@value #PACED_WINDOW}
     * revisions, paused before each until this method lets it go on ({@link PacedRun}), so that Flyway's set-up is
     * paid once per window rather than once per revision, while what each migration costs Flyway (which looks at
     * every migration it was shown before each one) stays bounded by the window.
     */
    public void upNext(Revision revision) throws MigrationException {
        if (run != null && !run.pending().equals(Optional.of(revision.version()))) {
            endRun();
        }
        if (run == null && paced()) {
            compactBefore(revision);
            run = startWindow(revision);
            if (!run.pending().equals(Optional.of(revision.version()))) {
                endRun();
            }
        }
        if (run != null) {
            recorder.reset();
            try {
                run.applyPending();
                compacted = false;
                return;
            } catch (FlywayException e) {
                endRun();
                throw upFailure(revision, e);
            }
        }
        if (scriptFiles.isEmpty() || revision.java() || revision.file().isEmpty()) {
            up(revision);
            return;
        }
        String script = revision.file().get().getFileName().toString();
        String prefix = base.getSqlMigrationPrefix();
        String separator = base.getSqlMigrationSeparator();
        recorder.reset();
        compactBefore(revision);
        try {
            Callback[] callbacks = withRecorder(base.getCallbacks());
            Flyway.configure(base.getClassLoader()).configuration(base).target(revision.version())
                    .resourceProvider(scriptFiles.get().only(name -> name.equals(script)
                            || name.equals(script + ".conf") || !(name.startsWith(prefix) && name.contains(separator))
                            && !(name.startsWith("U") && name.contains(separator))))
                    .javaMigrationClassProvider(RevisionResolver.noJavaMigrations()).ignoreMigrationPatterns("*:missing")
                    .validateOnMigrate(false).callbacks(callbacks).load().migrate();
            compacted = false;
        } catch (FlywayException e) {
            throw upFailure(revision, e);
        }
    }

    /**
     * Whether a proof's first ups can go through one paced Flyway run ({@link PacedRun}): a proof on a database
     * Flyback created ({@link #compactHistory}), whose steps run without Flyway commands ({@link #steppedDirectly}),
     * with each migration in a transaction of its own ({@code group} off).
     */
    private boolean paced() {
        return compactHistory && steppedDirectly() && !base.isGroup();
    }

    /**
     * Ends the Flyway run a proof's {@link #upNext} keeps paused between revisions, if there is one; the next
     * {@link #upNext} starts another from the revision it is given. Call it before the database is reset or thrown
     * away, and when done: the run holds a connection.
     */
    public void endRun() {
        if (run != null) {
            run.close();
            run = null;
        }
    }

    /** Flyway's history kept to its latest versioned row before a step, when the proof asked for that. */
    private void compactBefore(Revision revision) throws MigrationException {
        if (compactHistory && !compacted) {
            try {
                history.compact();
                compacted = true;
            } catch (SQLException e) {
                throw new MigrationException(new MigrationFailure(revision.script(), Optional.empty(),
                        Optional.empty(), "could not update Flyway's history table: " + e.getMessage()), e);
            }
        }
    }

    /** A paced Flyway run shown {@code first} and the revisions after it, up to {@value #PACED_WINDOW} in all. */
    private PacedRun startWindow(Revision first) {
        int from = revisions.indexOf(first);
        List<Revision> window = from < 0 ? List.of(first)
                : revisions.subList(from, Math.min(revisions.size(), from + PACED_WINDOW));
        Set<String> shown = new java.util.HashSet<>();
        window.forEach(r -> {
            shown.add(r.script());
            shown.add(r.script() + ".conf");
        });
        return new PacedRun(Flyway.configure(base.getClassLoader()).configuration(base)
                .target(window.get(window.size() - 1).version())
                .resourceProvider(scriptFiles.get().only(shown::contains))
                .javaMigrationClassProvider(RevisionResolver.noJavaMigrations()).ignoreMigrationPatterns("*:missing")
                .validateOnMigrate(false), withRecorder(base.getCallbacks()), history::committed);
    }

    /**
     * For a proof on a database Flyback created, and only there: before each {@link #upNext}, Flyway's history table
     * keeps just its latest versioned row (rows of repeatable migrations and schema markers stay). Each Flyway command
     * reads and resolves the whole applied history, so without this a step's cost grows with the revisions before it;
     * with it, Flyway still sees the previous revision applied and applies exactly the next. Only when every revision
     * is an SQL script on disk, since a full {@link #up} needs the whole history.
     */
    public void compactHistory() {
        compactHistory = scriptFiles.isPresent()
                && revisions.stream().allMatch(r -> !r.java() && r.file().isPresent());
    }

    /**
     * Flyway's history table, qualified, when a step dropped it (an undo that drops the schema Flyway keeps its
     * history in); empty while it is there.
     */
    public Optional<String> historyTableGone(Connection connection) {
        return history.gone(connection);
    }

    /** Runs {@code revision}'s undo and removes its row from Flyway's history. */
    public void down(Revision revision) throws MigrationException {
        down(revision, false);
    }

    /**
     * Runs {@code revision}'s undo as a proof steps back through the history: like {@link #down}, but Flyback's undo
     * history table is kept, emptied, for the next undo instead of being created and dropped each time. Call
     * {@link #finishUndos} when done.
     */
    public void downNext(Revision revision) throws MigrationException {
        Revision.Undo undo = revision.undo().orElseThrow(() -> new IllegalArgumentException(
                revision.script() + " has no undo"));
        if (!steppedDirectly() || undo.java() || undo.file().isEmpty()) {
            down(revision, scriptFiles.isPresent());
            return;
        }
        recorder.reset();
        direct.run(undos.parsing(), undo.script(), undo.file().get(),
                connection -> history.deleteRow(connection, revision.version()));
    }

    /**
     * Applies {@code revision} again after {@link #downNext} took it back, as a proof does: the same as
     * {@link #upNext}, but when the locations hold nothing but versioned and undo scripts (no callbacks, no
     * repeatable migrations) and no Java callback is configured, the script runs without a Flyway command: its
     * statements as Flyway's parser splits them, in one transaction unless the script says otherwise, and the
     * history row Flyway would write.
     */
    public void reupNext(Revision revision) throws MigrationException {
        if (!steppedDirectly() || revision.java() || revision.file().isEmpty()) {
            upNext(revision);
            return;
        }
        recorder.reset();
        long start = System.nanoTime();
        compacted = false;
        direct.run(base, revision.script(), revision.file().get(), connection -> {
            history.insertRow(connection, revision, (System.nanoTime() - start) / 1_000_000);
            // Not while a paced run waits: the history rows it has read must stay as they are.
            if (compactHistory && run == null) {
                history.compact(connection);
            }
        });
        compacted = compactHistory && run == null;
    }

    /**
     * Whether a proof's undo and re-applied up may skip Flyway's command: every location is a folder on disk holding
     * only versioned and undo scripts (and their {@code .conf} files), so no callback or repeatable migration would
     * have run with them, and no Java callback is configured.
     */
    private boolean steppedDirectly() {
        if (steppedDirectly == null) {
            String prefix = base.getSqlMigrationPrefix();
            String separator = base.getSqlMigrationSeparator();
            steppedDirectly = scriptFiles.isPresent() && base.getCallbacks().length == 0
                    && scriptFiles.get().names().stream().allMatch(name -> name.contains(separator)
                            && (name.startsWith(prefix) || name.startsWith("U")));
        }
        return steppedDirectly;
    }

    /** Drops the undo history table {@link #downNext} kept. */
    public void finishUndos() {
        history.dropUndoHistory();
    }

    private void down(Revision revision, boolean keepUndoHistory) throws MigrationException {
        endRun();
        recorder.reset();
        Revision.Undo undo = revision.undo().orElseThrow(() -> new IllegalArgumentException(
                revision.script() + " has no undo"));
        if (undo.java()) {
            undos.java(revision, undo);
        } else {
            undos.sql(revision, undo, keepUndoHistory && undo.file().isPresent());
        }
        try (Connection connection = dataSource.getConnection()) {
            history.deleteRow(connection, revision.version());
        } catch (SQLException e) {
            throw new MigrationException(new MigrationFailure(undo.script(), Optional.empty(), Optional.empty(),
                    "could not update Flyway's history table: " + e.getMessage()), e);
        }
    }

}
