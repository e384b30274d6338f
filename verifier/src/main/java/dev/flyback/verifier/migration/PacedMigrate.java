package dev.flyback.verifier.migration;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.flywaydb.core.api.FlywayException;

/**
 * A proof's first ups through one Flyway migrate per {@value #WINDOW} revisions, paused before each until the proof
 * lets it go on ({@link PacedRun}), so that Flyway's set-up is paid once per window rather than once per revision,
 * while what each migration costs Flyway (which looks at every migration it was shown before each one) stays bounded
 * by the window. For a proof of scripts alone, each in a transaction of its own, with nothing but versioned and undo
 * scripts in the locations.
 */
final class PacedMigrate implements StepExecutor {
    /** How many revisions one paced Flyway run applies. */
    static final int WINDOW = 50;

    private final StepContext context;
    private final HistoryCompaction compaction;
    /** When a window cannot start at the revision asked for. */
    private final StepExecutor alone;
    /** The Flyway migrate applying the current window, paused between its revisions; or null. */
    private PacedRun run;

    PacedMigrate(StepContext context, HistoryCompaction compaction) {
        this.context = context;
        this.compaction = compaction;
        this.alone = new ScriptMigrate(context, compaction);
    }

    @Override
    public void run(Revision revision) throws MigrationException {
        if (run != null && !run.pending().equals(Optional.of(revision.version()))) {
            pause();
        }
        if (run == null) {
            compaction.before(revision);
            start(revision);
            if (!run.pending().equals(Optional.of(revision.version()))) {
                pause();
                alone.run(revision);
                return;
            }
        }
        context.recorder().reset();
        try {
            run.applyPending();
            compaction.grew();
        } catch (FlywayException e) {
            pause();
            throw context.upFailure(revision, e);
        }
    }

    /** A paced Flyway run shown {@code first} and the revisions after it, up to {@value #WINDOW} in all. */
    private void start(Revision first) {
        List<Revision> revisions = context.revisions();
        int from = revisions.indexOf(first);
        List<Revision> window = from < 0 ? List.of(first)
                : revisions.subList(from, Math.min(revisions.size(), from + WINDOW));
        Set<String> shown = new HashSet<>();
        window.forEach(r -> {
            shown.add(r.script());
            shown.add(r.script() + ".conf");
        });
        run = new PacedRun(context.flyway().target(window.get(window.size() - 1).version())
                .resourceProvider(context.scriptFiles().orElseThrow().only(shown::contains))
                .javaMigrationClassProvider(RevisionResolver.noJavaMigrations()).ignoreMigrationPatterns("*:missing")
                .validateOnMigrate(false), context.callbacks(), context.history()::committed);
        // Not while it waits: the history rows it has read must stay as they are.
        compaction.hold(true);
    }

    @Override
    public void pause() {
        if (run != null) {
            run.close();
            run = null;
            compaction.hold(false);
        }
    }
}
