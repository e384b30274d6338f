package dev.flyback.verifier.cli;

import java.io.PrintWriter;

import dev.flyback.verifier.database.DatabaseStartException;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.migration.MigrationConfigurationException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top-level {@code flyback} command. */
@Command(name = "flyback", mixinStandardHelpOptions = true, versionProvider = FlybackCommand.Version.class,
        description = "Proves Flyway migrations on PostgreSQL reversible and safe before production.",
        subcommands = {VerifyCommand.class, WorkflowCommands.New.class, WorkflowCommands.Current.class,
                WorkflowCommands.History.class, WorkflowCommands.Up.class, WorkflowCommands.Down.class,
                WorkflowCommands.Stamp.class, InspectCommands.Heads.class, InspectCommands.Conflicts.class,
                InspectCommands.Diff.class, InspectCommands.Snapshot.class, CommandLine.HelpCommand.class,
                picocli.AutoComplete.GenerateCompletion.class, BenchCommand.class, RulesCommand.class, UndoCommand.class,
                MergeReportsCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:nothing at or above --fail-on", "1:findings at or above --fail-on",
                "2:usage error (bad option, missing location, bad Flyway configuration)",
                "3:infrastructure error (database could not start, connection lost)"})
final class FlybackCommand {
    static final int FINDINGS = 1;
    static final int USAGE = 2;
    static final int INFRASTRUCTURE = 3;

    /** A command line with Flyback's exit codes and error messages (no stack traces for user mistakes). */
    static CommandLine commandLine() {
        CommandLine commandLine = new CommandLine(new FlybackCommand());
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (DisposableDatabase.stopping()) {
                // The database went away because Flyback was told to stop, not because it was lost.
                err.println("flyback: stopped before the run ended (SIGTERM, SIGINT or Ctrl-C); the scratch database "
                        + "and any server Flyback started are removed");
                return INFRASTRUCTURE;
            }
            if (e instanceof MigrationConfigurationException || e instanceof IllegalArgumentException) {
                err.println("flyback: " + e.getMessage());
                return USAGE;
            }
            if (e instanceof DatabaseStartException) {
                err.println("flyback: " + e.getMessage());
                return INFRASTRUCTURE;
            }
            err.println("flyback: unexpected error: " + e);
            e.printStackTrace(err);
            return INFRASTRUCTURE;
        });
        return commandLine;
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = FlybackCommand.class.getPackage().getImplementationVersion();
            return new String[] {"flyback " + (version == null ? "development build" : version)};
        }
    }
}
