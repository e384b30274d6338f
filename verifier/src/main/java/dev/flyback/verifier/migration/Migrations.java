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
@API(status = API.Status.INTERNAL, since = "0.1")
public final class Migrations {
    /** The throw-away history table of the undo runs; it never outlives one undo. */
    public static final String UNDO_HISTORY_TABLE = "flyback_undo_history";

    private final FluentConfiguration base;
    private final DataSource dataSource;
    private final List<Revision> revisions;
    private final List<String> orphanUndos;
    private final Optional<ScriptFiles> scriptFiles;
    /** Splits the scripts a proof runs without a Flyway command. */
    private final ScriptParser parser;
    /** Flyway's history table (and Flyback's undo history table) in the database. */
    private final HistoryTable history;
    /** The workflow's steps (up, down): Flyway commands, recording nothing. */
    private final StepContext plain;

    private Migrations(FluentConfiguration base, DataSource dataSource, List<Revision> revisions,
                       List<String> orphanUndos, Optional<ScriptFiles> scriptFiles) {
        this.base = base;
        this.dataSource = dataSource;
        this.revisions = revisions;
        this.orphanUndos = orphanUndos;
        this.history = new HistoryTable(dataSource, base);
        this.scriptFiles = scriptFiles;
        // Per database: Flyway's placeholders (${flyway:database}, ${flyway:user}) are its own.
        this.parser = new ScriptParser(dataSource);
        this.plain = context(false);
    }

    private static Migrations resolved(FluentConfiguration base, DataSource dataSource) {
        RevisionResolver.Resolved resolved = RevisionResolver.resolve(base);
        return new Migrations(base, dataSource, resolved.revisions(), resolved.orphanUndos(),
                ScriptFiles.list(base.getLocations(), base.getEncoding()));
    }

    /**
     * The same migrations, as configured (statement limit included), on another empty database: the revisions are
     * not listed again. A range of the history proved on a database of its own ({@code --jobs}) listed the 1000
     * revisions of the synthetic history again, 0.15 s each time in a warm JVM and 0.9 s in a fresh one (issue 18).
     */
    public Migrations on(DataSource other) {
        return new Migrations(Flyway.configure(base.getClassLoader()).configuration(base).dataSource(other), other,
                revisions, orphanUndos, scriptFiles);
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
            return resolved(base, dataSource);
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
     * The folders on disk the settings name as locations ({@code filesystem:}), decided as a proof decides them (an
     * option, {@code FLYWAY_LOCATIONS}, the project's files, the default folder), without a database: where
     * {@code flyback new} writes.
     */
    public static List<Path> folders(FlywaySettings settings, ClassLoader classLoader) {
        return EffectiveLocations.of(settings, classLoader).locations().stream()
                .filter(l -> l.startsWith("filesystem:")).map(l -> Path.of(l.substring("filesystem:".length())))
                .toList();
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
        return FlywayMigrate.applied(plain);
    }

    /**
     * Records {@code version} as the database's state without running anything (Flyway's baseline), for a database
     * that was brought up to date by other means. Only for a database with no history yet.
     *
     * @throws MigrationConfigurationException when the database already has a history
     */
    public void stamp(String version) {
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
        try {
            Flyway.configure(base.getClassLoader()).configuration(base).load().migrate();
        } catch (FlywayException e) {
            throw new MigrationException(new MigrationFailure("flyway migrate", Optional.empty(), Optional.empty(),
                    e.getMessage()), e);
        }
    }

    /**
     * Runs a script that is not part of the history (a target schema: {@code flyback new --autogenerate}) on another
     * database, statement by statement as Flyway's parser splits it, placeholders left alone, each statement
     * committed on its own.
     *
     * @throws MigrationException naming the file, the line and the statement that failed
     */
    public void runScript(Path file, DataSource target) throws MigrationException {
        String name = file.getFileName().toString();
        FluentConfiguration plainScript = Flyway.configure(base.getClassLoader()).configuration(base)
                .placeholderReplacement(false).mixed(true);
        ScriptParser.Parsed parsed;
        try {
            parsed = parser.parse(plainScript, file);
        } catch (FlywayException e) {
            throw new MigrationException(MigrationFailure.fromFlywayMessage(name, Optional.of(file), e.getMessage())
                    .classified(e), e);
        }
        try (Connection connection = target.getConnection(); Statement jdbc = connection.createStatement()) {
            for (ScriptParser.Statement statement : parsed.statements()) {
                try {
                    jdbc.execute(statement.sql());
                } catch (SQLException e) {
                    throw new MigrationException(new MigrationFailure(name, Optional.of(statement.line()),
                            MigrationFailure.statementAt(file, statement.line())
                                    .or(() -> Optional.of(statement.sql().strip())),
                            e.getMessage() == null ? "failed" : e.getMessage().lines().findFirst().orElse("failed")),
                            e);
                }
            }
        } catch (SQLException e) {
            throw new MigrationException(new MigrationFailure(name, Optional.empty(), Optional.empty(),
                    "could not connect to run it: " + e.getMessage()), e);
        }
    }

    /** Applies everything up to and including {@code revision} with Flyway. */
    public void up(Revision revision) throws MigrationException {
        new FlywayMigrate(plain, HistoryCompaction.NONE).run(revision);
    }

    /** Runs {@code revision}'s undo and removes its row from Flyway's history. */
    public void down(Revision revision) throws MigrationException {
        Revision.Undo undo = revision.undo().orElseThrow(() -> new IllegalArgumentException(
                revision.script() + " has no undo"));
        (undo.java() ? new JavaUndo(plain) : new FlywayUndo(plain, false)).run(revision);
    }

    /**
     * The steps of one proof on a database Flyback created, the way of running each chosen now, once
     * ({@link ProofSteps}); {@code record} says whether they record their statements and the locks they take. Off, a
     * step runs no query of Flyback's beside the migration's own and Flyway calls no callback of Flyback's, for a
     * proof whose checks read neither.
     */
    public ProofSteps proofSteps(boolean record) {
        return new ProofSteps(context(record));
    }

    private StepContext context(boolean record) {
        return StepContext.of(base, dataSource, revisions, scriptFiles, parser, history,
                new StatementRecorder(historyTables()), record);
    }
}
