package dev.flyback.verifier.migration;

import org.flywaydb.core.api.FlywayException;

/**
 * A first up through Flyway shown only the revision's script and the non-versioned ones (callbacks, repeatables), so
 * that the step's cost does not grow with the length of the history; the database is at the revision before it.
 */
final class ScriptMigrate implements StepExecutor {
    private final StepContext context;
    private final HistoryCompaction compaction;

    ScriptMigrate(StepContext context, HistoryCompaction compaction) {
        this.context = context;
        this.compaction = compaction;
    }

    @Override
    public void run(Revision revision) throws MigrationException {
        String script = revision.file().orElseThrow().getFileName().toString();
        String prefix = context.base().getSqlMigrationPrefix();
        String separator = context.base().getSqlMigrationSeparator();
        context.recorder().reset();
        compaction.before(revision);
        try {
            context.flyway().target(revision.version())
                    .resourceProvider(context.scriptFiles().orElseThrow().only(name -> name.equals(script)
                            || name.equals(script + ".conf") || !(name.startsWith(prefix) && name.contains(separator))
                            && !(name.startsWith("U") && name.contains(separator))))
                    .javaMigrationClassProvider(RevisionResolver.noJavaMigrations()).ignoreMigrationPatterns("*:missing")
                    .validateOnMigrate(false).callbacks(context.callbacks()).load().migrate();
            compaction.grew();
        } catch (FlywayException e) {
            throw context.upFailure(revision, e);
        }
    }
}
