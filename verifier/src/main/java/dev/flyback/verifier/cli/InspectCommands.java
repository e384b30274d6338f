package dev.flyback.verifier.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.flyback.verifier.SchemaAtRevision;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.history.HistoryChecks;
import dev.flyback.verifier.history.HistorySource;
import dev.flyback.verifier.migration.MigrationConfigurationException;
import dev.flyback.verifier.migration.MigrationException;
import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.report.SchemaReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The commands that look at the migrations on a disposable database, never on the user's: heads, conflicts (the
 * Flyway analogue of Alembic's heads and merges), diff and snapshot.
 */
final class InspectCommands {

    private InspectCommands() {
    }

    /** Shared: the Flyway options, a disposable database, and the reference history where one is named. */
    abstract static class OnDisposable implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        FlywayOptions flyway;

        @Mixin
        DatabaseOptions database;

        /** What to do with the migrations, on a fresh disposable database that is dropped afterwards. */
        interface Work {
            int run(Migrations migrations, DisposableDatabase database) throws IOException, MigrationException;
        }

        int onDisposable(Work work) throws IOException {
            Migrations.checkLocations(flyway.settings());
            try (DisposableDatabase disposable = DisposableDatabase.start(database.settings())) {
                spec.commandLine().getErr().println("Started " + disposable.description());
                Migrations migrations = Migrations.open(flyway.settings(), disposable.dataSource(),
                        Thread.currentThread().getContextClassLoader());
                migrations.prepare();
                int exit = work.run(migrations, disposable);
                out().flush();
                return exit;
            } catch (MigrationException e) {
                spec.commandLine().getErr().println("flyback: " + e.failure().script()
                        + e.failure().line().map(l -> " line " + l).orElse("") + ": " + e.failure().message());
                return FlybackCommand.FINDINGS;
            }
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }
    }

    /** Shared by heads and conflicts: what is released. */
    abstract static class AgainstReference extends OnDisposable {
        @Mixin
        ReferenceOptions referenceOptions;

        Optional<HistorySource> reference() {
            return referenceOptions.source();
        }
    }

    @Command(name = "heads", mixinStandardHelpOptions = true,
            description = "Prints the latest local version and, with --reference-history, the released one and "
                    + "what lies ahead of it or was overtaken by it.")
    static final class Heads extends AgainstReference {
        @Override
        public Integer call() throws IOException {
            Optional<HistorySource> reference = reference();
            return onDisposable((migrations, database) -> {
                List<Revision> revisions = migrations.revisions();
                out().println("head          : " + (revisions.isEmpty() ? "<none>"
                        : revisions.get(revisions.size() - 1).displayName()));
                if (reference.isEmpty()) {
                    return 0;
                }
                List<String> released = HistoryChecks.releasedVersions(reference.get(), migrations);
                Optional<String> releasedHead = released.isEmpty() ? Optional.empty()
                        : Optional.of(released.get(released.size() - 1));
                out().println("released head : " + releasedHead.map(v -> "V" + v).orElse("<none>") + " ("
                        + reference.get().describe() + ")");
                List<String> ahead = new ArrayList<>();
                List<String> overtaken = new ArrayList<>();
                for (Revision revision : revisions) {
                    if (released.contains(revision.version())) {
                        continue;
                    }
                    boolean below = releasedHead.map(h -> HistoryChecks.versionOrder().compare(revision.version(),
                            h) < 0).orElse(false);
                    (below ? overtaken : ahead).add(revision.displayName());
                }
                out().println("ahead         : " + (ahead.isEmpty() ? "nothing" : String.join(", ", ahead)));
                if (!overtaken.isEmpty()) {
                    out().println("overtaken     : " + String.join(", ", overtaken) + " (sort below the released "
                            + "head: two heads; renumber them above it, see 'flyback conflicts')");
                }
                return 0;
            });
        }
    }

    @Command(name = "conflicts", mixinStandardHelpOptions = true,
            description = "Finds duplicate versions and, with --reference-history, out-of-order versions and "
                    + "edited or deleted released migrations. Exit 1 when there is one.")
    static final class Conflicts extends AgainstReference {
        @Override
        public Integer call() throws IOException {
            Optional<HistorySource> reference = reference();
            try {
                return onDisposable((migrations, database) -> {
                    List<Finding> findings = reference.map(r -> HistoryChecks.run(r, migrations)).orElse(List.of());
                    for (Finding finding : findings) {
                        out().println(FindingMessages.render(finding));
                        out().println();
                    }
                    if (findings.isEmpty()) {
                        out().println("No conflicts: every version is unique" + reference.map(r -> " and fits "
                                + r.describe()).orElse(" (name --reference-history git:origin/main to compare "
                                + "with what is released)"));
                        return 0;
                    }
                    out().println(findings.size() + " conflict(s)");
                    return FlybackCommand.FINDINGS;
                });
            } catch (MigrationConfigurationException e) {
                if (e.getMessage().contains("more than one migration with version")) {
                    out().println("Conflict: " + e.getMessage().replaceFirst("^Flyway could not read the "
                            + "migrations: ", ""));
                    out().println("Renumber one of them above the latest version.");
                    return FlybackCommand.FINDINGS;
                }
                throw e;
            }
        }
    }

    @Command(name = "diff", mixinStandardHelpOptions = true,
            description = "The schema difference between two revisions, on a disposable database (base is before "
                    + "the first revision). Going down runs the undo scripts.")
    static final class Diff extends OnDisposable {
        @Parameters(index = "0", paramLabel = "FROM", description = "A version, or base.")
        String from;

        @Parameters(index = "1", paramLabel = "TO", description = "A version, or base.")
        String to;

        @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE}).")
        String format;

        @Override
        public Integer call() throws IOException {
            if (!format.equals("text") && !format.equals("json")) {
                throw new IllegalArgumentException("Unknown format '" + format + "'; allowed values: text, json");
            }
            return onDisposable((migrations, database) -> {
                List<SchemaDifference> differences = SchemaAtRevision.diff(migrations, database, from, to);
                if (format.equals("json")) {
                    out().print(SchemaReport.diffJson(from, to, differences));
                } else if (differences.isEmpty()) {
                    out().println("No difference between " + from + " and " + to);
                } else {
                    out().print(SchemaReport.diffText(differences));
                }
                return 0;
            });
        }
    }

    @Command(name = "snapshot", mixinStandardHelpOptions = true,
            description = "The schema at a revision as JSON, for committing golden files.")
    static final class Snapshot extends OnDisposable {
        @Parameters(paramLabel = "VERSION", description = "A version, or base.")
        String version;

        @Option(names = "--output", paramLabel = "FILE", description = "Where to write it (default: stdout).")
        Path output;

        @Override
        public Integer call() throws IOException {
            return onDisposable((migrations, database) -> {
                List<Revision> revisions = migrations.revisions();
                SchemaAtRevision.moveTo(migrations, revisions, -1, SchemaAtRevision.index(revisions, version));
                String json = SchemaReport.snapshotJson(version, SchemaAtRevision.read(migrations, database));
                if (output == null) {
                    out().print(json);
                } else {
                    if (output.toAbsolutePath().getParent() != null) {
                        Files.createDirectories(output.toAbsolutePath().getParent());
                    }
                    Files.writeString(output, json, StandardCharsets.UTF_8);
                    out().println("Wrote " + output);
                }
                return 0;
            });
        }
    }

}
