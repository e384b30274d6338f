package dev.flyback.verifier.migration;

import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * What every way of running a step shares: the Flyway configuration, the database, the revisions and their files,
 * and whether the steps record their statements, decided once (issue 16: no mode flag a caller must set in order).
 *
 * @param callbacks the configured callbacks, and the recorder after them when recording
 */
record StepContext(FluentConfiguration base, DataSource dataSource, List<Revision> revisions,
                   Optional<ScriptFiles> scriptFiles, ScriptParser parser, HistoryTable history,
                   StatementRecorder recorder, boolean recording, Callback[] callbacks) {

    /** The context of {@code migrations}' steps, recording or not. */
    static StepContext of(FluentConfiguration base, DataSource dataSource, List<Revision> revisions,
                          Optional<ScriptFiles> scriptFiles, ScriptParser parser, HistoryTable history,
                          StatementRecorder recorder, boolean recording) {
        Callback[] own = base.getCallbacks();
        Callback[] callbacks = own;
        if (recording) {
            callbacks = java.util.Arrays.copyOf(own, own.length + 1);
            callbacks[own.length] = recorder;
        }
        return new StepContext(base, dataSource, revisions, scriptFiles, parser, history, recorder, recording,
                callbacks);
    }

    /** A Flyway configuration starting from the project's. */
    FluentConfiguration flyway() {
        return Flyway.configure(base.getClassLoader()).configuration(base);
    }

    /** {@code extra} callbacks, and the recorder after them when recording. */
    Callback[] withRecorder(Callback... extra) {
        if (!recording) {
            return extra;
        }
        Callback[] all = java.util.Arrays.copyOf(extra, extra.length + 1);
        all[extra.length] = recorder;
        return all;
    }

    /** Flyway's failure of {@code revision}'s up, read where it was caught. */
    MigrationException upFailure(Revision revision, FlywayException e) {
        MigrationFailure failure = MigrationFailure.fromFlywayMessage(revision.script(), revision.file(),
                Migrations.withCause(e)).classified(e);
        return new MigrationException(revision.file().map(file -> parser.withMixed(base, file, failure))
                .orElse(failure), e);
    }

    /** The revision before {@code revision}'s version, or "0" for the first. */
    String versionBefore(Revision revision) {
        int index = revisions.indexOf(revision);
        return index > 0 ? revisions.get(index - 1).version() : "0";
    }
}
