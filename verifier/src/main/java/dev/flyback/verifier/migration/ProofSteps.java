package dev.flyback.verifier.migration;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

/**
 * How one proof runs its steps, chosen once when it starts (issue 16: one {@link StepExecutor} per way of running a
 * step, no mode flags to set in order): a revision's first up, its undo, its second up, and a rebuild after the
 * database was reset. The cheapest way the project allows is taken:
 * <ul>
 *   <li>every revision an SQL script on disk: Flyway's history is kept to its latest row before each first up
 *       ({@link HistoryCompaction}), and each first up shows Flyway only its own script ({@link ScriptMigrate});</li>
 *   <li>and nothing but versioned and undo scripts in the locations, no Java callback: undos and second ups run
 *       without a Flyway command ({@link DirectStep}), and, unless {@code group} is set, the first ups go through one
 *       paced Flyway run per window of revisions ({@link PacedMigrate});</li>
 *   <li>otherwise a Flyway command per step ({@link FlywayMigrate}, {@link FlywayUndo}); a Java revision always
 *       goes through Flyway, and its down through {@link JavaUndo}.</li>
 * </ul>
 * Close it when done: a paused Flyway run holds a connection, and the undo history table is dropped.
 *
 * @since 0.4
 */
@API(status = API.Status.INTERNAL, since = "0.4")
public final class ProofSteps implements AutoCloseable {
    private final StepContext context;
    private final StepExecutor rebuild;
    private final StepExecutor firstUp;
    private final StepExecutor undo;
    private final StepExecutor reup;
    private final StepExecutor javaUndo;
    private final StepExecutor flywayUndo;
    /** Whether a fresh database reaches a revision as second ups run, rather than by one Flyway migrate. */
    private final boolean directReach;

    ProofSteps(StepContext context) {
        this.context = context;
        boolean scripts = context.scriptFiles().isPresent();
        boolean allScripts = scripts && context.revisions().stream().allMatch(r -> !r.java() && r.file().isPresent());
        String prefix = context.base().getSqlMigrationPrefix();
        String separator = context.base().getSqlMigrationSeparator();
        boolean direct = scripts && context.base().getCallbacks().length == 0
                && context.scriptFiles().get().names().stream().allMatch(name -> name.contains(separator)
                        && (name.startsWith(prefix) || name.startsWith("U")));
        HistoryCompaction compaction = allScripts ? new HistoryCompaction(context.history()) : HistoryCompaction.NONE;
        this.rebuild = new FlywayMigrate(context, compaction);
        this.firstUp = allScripts && direct && !context.base().isGroup() ? new PacedMigrate(context, compaction)
                : scripts ? new ScriptMigrate(context, compaction) : rebuild;
        this.flywayUndo = new FlywayUndo(context, scripts);
        this.javaUndo = new JavaUndo(context);
        this.undo = direct ? DirectStep.undo(context) : flywayUndo;
        this.reup = direct ? DirectStep.reup(context, compaction) : firstUp;
        this.directReach = direct && allScripts;
    }

    /** Applies exactly {@code revision}, the database being at the revision before it. */
    public void up(Revision revision) throws MigrationException {
        if (revision.java() || revision.file().isEmpty()) {
            rebuild(revision);
        } else {
            firstUp.run(revision);
        }
    }

    /**
     * Applies {@code revision} as {@link #up} does, for a database that only reaches it: of what the step did, only
     * the tables it wrote are recorded ({@link #lastWrittenTables}), and its statements without their locks.
     */
    public void reachUp(Revision revision) throws MigrationException {
        context.recorder().writesOnly(true);
        try {
            up(revision);
        } finally {
            context.recorder().writesOnly(false);
        }
    }

    /** Runs {@code revision}'s undo and removes its row from Flyway's history. */
    public void down(Revision revision) throws MigrationException {
        Revision.Undo back = revision.undo().orElseThrow(() -> new IllegalArgumentException(
                revision.script() + " has no undo"));
        if (back.java()) {
            pause();
            javaUndo.run(revision);
        } else if (back.file().isEmpty() || undo == flywayUndo) {
            pause();
            flywayUndo.run(revision);
        } else {
            undo.run(revision);
        }
    }

    /** Applies {@code revision} again after {@link #down} took it back. */
    public void reup(Revision revision) throws MigrationException {
        if (revision.java() || revision.file().isEmpty() || reup == firstUp) {
            up(revision);
        } else {
            reup.run(revision);
        }
    }

    /**
     * Applies everything up to and including {@code revision} with a plain Flyway migrate, as after the database was
     * reset.
     */
    public void rebuild(Revision revision) throws MigrationException {
        pause();
        rebuild.run(revision);
    }

    /**
     * Brings a database with nothing applied to the last of {@code prefix} (the revisions from the first, in order),
     * for a range of the history proved on a database of its own. Where second ups run without a Flyway command,
     * so do these: Flyway migrates the first revision (creating its history table as a deployment does) and each
     * later one is its script and its history row, as a second up applies it. Flyway's migrate reads and resolves
     * the whole applied history before each revision: 750 synthetic revisions took it 3.3 to 4.4 s, and 2.1 to 2.3 s
     * this way (embedded PostgreSQL 17, 2 cores, alternately, issue 18). Otherwise one Flyway migrate up to the last.
     */
    public void reach(List<Revision> prefix) throws MigrationException {
        Revision last = prefix.get(prefix.size() - 1);
        if (!directReach) {
            rebuild(last);
            return;
        }
        rebuild(prefix.get(0));
        for (Revision revision : prefix.subList(1, prefix.size())) {
            reup.run(revision);
        }
    }

    /**
     * Lets go of the Flyway run the first ups keep paused between revisions, if there is one; the next {@link #up}
     * starts another. Call it before the database is reset or thrown away.
     */
    public void pause() {
        firstUp.pause();
    }

    /**
     * The statements the last step executed, with the locks each took on tables that existed before (SQL scripts; a
     * Java migration's statements are not seen); empty when not recording.
     */
    public List<ExecutedStatement> lastStatements() {
        return context.recorder().statements();
    }

    /**
     * The tables ({@code schema.name}) the last step locked for writing: the only ones whose rows it can have changed.
     * Empty when unknown (not recording, a step outside a transaction, a Java migration).
     */
    public Optional<Set<String>> lastWrittenTables() {
        return context.recording() ? context.recorder().writtenTables() : Optional.empty();
    }

    /**
     * Flyway's history table, qualified, when a step dropped it (an undo that drops the schema Flyway keeps its
     * history in); empty while it is there.
     */
    public Optional<String> historyTableGone(Connection connection) {
        return context.history().gone(connection);
    }

    /** Ends a paused Flyway run and drops the undo history table the undos kept. */
    @Override
    public void close() {
        pause();
        context.history().dropUndoHistory();
    }
}
