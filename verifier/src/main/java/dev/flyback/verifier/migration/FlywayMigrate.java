package dev.flyback.verifier.migration;

import java.util.List;

import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;

/**
 * A step as a team's deployment runs it: Flyway's {@code migrate} of every pending revision up to the given one, with
 * the configured callbacks (and the recorder). Java migrations and classpath locations take this way, and a proof
 * rebuilds its database this way.
 */
final class FlywayMigrate implements StepExecutor {
    private final StepContext context;
    private final HistoryCompaction compaction;

    FlywayMigrate(StepContext context, HistoryCompaction compaction) {
        this.context = context;
        this.compaction = compaction;
    }

    @Override
    public void run(Revision revision) throws MigrationException {
        context.recorder().reset();
        compaction.grew();
        try {
            context.flyway().target(revision.version()).callbacks(context.callbacks()).load().migrate();
            // Possibly several revisions, Java ones among them: which tables they wrote is not known.
            context.recorder().writesUnknown();
        } catch (FlywayException e) {
            throw context.upFailure(firstPending(revision), e);
        }
    }

    /**
     * The revision a Flyway migrate up to {@code target} failed on: Flyway applies in order and PostgreSQL rolls a
     * failed migration back with its history row, so it is the first revision up to the target that the history
     * does not list. Asked once the migrate has failed, so a migrate of many revisions blames the one that failed,
     * not the target.
     */
    private Revision firstPending(Revision target) {
        try {
            List<String> applied = applied(context);
            List<Revision> revisions = context.revisions();
            return revisions.stream().limit(revisions.indexOf(target) + 1L)
                    .filter(r -> !applied.contains(r.version())).findFirst().orElse(target);
        } catch (FlywayException e) {
            return target;
        }
    }

    /** The versions Flyway's history records as applied, in order. */
    static List<String> applied(StepContext context) {
        List<String> versions = new java.util.ArrayList<>();
        for (MigrationInfo info : context.flyway().load().info().applied()) {
            if (info.getVersion() != null && info.getState().isApplied()) {
                versions.add(info.getVersion().getVersion());
            }
        }
        return versions;
    }
}
