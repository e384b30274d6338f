package dev.flyback.verifier.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;

import dev.flyback.verifier.migration.MigrationException;
import dev.flyback.verifier.migration.MigrationHistory;
import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.model.NewRevision;
import dev.flyback.verifier.model.TargetModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The developer's workflow, Alembic's commands for a Flyway project: new, current, history, up, down, stamp. */
final class WorkflowCommands {

    private WorkflowCommands() {
    }

    /** Shared by the commands that change the database: show, then confirm. */
    abstract static class Changing implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkflowOptions options;

        @Option(names = "--yes", description = "Do not ask for confirmation.")
        boolean yes;

        @Option(names = "--dry-run", description = "Print the SQL that would run, and change nothing.")
        boolean dryRun;

        /** Prints the plan, then asks; false when the user did not confirm. */
        boolean confirm(String plan, List<Optional<Path>> scripts) throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            out.println(plan + " on " + options.connection().redactedUrl());
            if (dryRun) {
                for (Optional<Path> script : scripts) {
                    if (script.isPresent()) {
                        out.println("-- " + script.get().getFileName());
                        out.println(Files.readString(script.get(), StandardCharsets.UTF_8).strip());
                    }
                }
                out.flush();
                return false;
            }
            if (yes) {
                return true;
            }
            if (System.console() == null) {
                // Never wait on input nobody will type (CI, pipes, build tools).
                spec.commandLine().getErr().println("Nothing changed: not an interactive terminal, so there is "
                        + "nobody to confirm; pass --yes to skip this question.");
                return false;
            }
            out.print("Proceed? [y/N] ");
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            if (answer == null || !answer.strip().toLowerCase(Locale.ROOT).startsWith("y")) {
                spec.commandLine().getErr().println("Nothing changed (pass --yes to skip this question).");
                return false;
            }
            return true;
        }

        /** The revisions Flyway's history lists as applied ({@code true}) or not yet ({@code false}), in order. */
        static List<Revision> revisions(MigrationHistory migrations, boolean applied) {
            List<String> versions = migrations.applied();
            return migrations.revisions().stream().filter(r -> versions.contains(r.version()) == applied).toList();
        }

        /** Reports where the database ended up. */
        int nowAt(MigrationHistory migrations) {
            spec.commandLine().getOut().println("Now at " + migrations.current().orElse("<none>"));
            return 0;
        }

        static int fail(CommandSpec spec, MigrationException e) {
            spec.commandLine().getErr().println("flyback: " + e.failure().script()
                    + e.failure().line().map(l -> " line " + l).orElse("") + ": " + e.failure().message());
            return FlybackCommand.FINDINGS;
        }
    }

    @Command(name = "new", mixinStandardHelpOptions = true,
            description = {"Creates the next V<n>__<slug>.sql and its U<n>__<slug>.sql in the first filesystem "
                    + "location.",
                "With --autogenerate, writes both from what differs between the head of the history and a target "
                    + "(--target-schema or --target-entities), each on a disposable database, then proves the new "
                    + "revision: up, undo, up again, and every check."})
    static final class New implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "MESSAGE", description = "What the migration does, e.g. \"add linkedin url\".")
        String message;

        @Mixin
        FlywayOptions flyway;

        @Mixin
        DatabaseOptions database;

        @Option(names = "--autogenerate", description = "Write the statements from the difference between the head "
                + "of the history and the target, and prove them.")
        boolean autogenerate;

        @Option(names = "--target-schema", paramLabel = "FILE", description = "The schema as it should be: a SQL "
                + "file that creates it on an empty database.")
        Path targetSchema;

        @Option(names = "--target-entities", paramLabel = "PACKAGE", split = ",", description = "The schema as it "
                + "should be: the JPA entities of these packages, as Hibernate's schema export writes them for "
                + "PostgreSQL. Functions, triggers, views, comments and grants stay as the migrations made them.")
        List<String> targetEntities = new ArrayList<>();

        @Option(names = "--classpath", paramLabel = "PATHS", description = "Where the entities (and the Java "
                + "migrations) are compiled to, separated by the platform's path separator, e.g. target/classes.")
        String classpath;

        @Option(names = "--dry-run", description = "With --autogenerate: print both scripts; write nothing.")
        boolean dryRun;

        @Override
        public Integer call() throws IOException {
            boolean targeted = targetSchema != null || !targetEntities.isEmpty();
            if (targeted != autogenerate || (targetSchema != null && !targetEntities.isEmpty())) {
                throw new IllegalArgumentException(autogenerate ? "--autogenerate needs one target: --target-schema "
                        + "FILE or --target-entities PACKAGE" : "--target-schema and --target-entities go with "
                        + "--autogenerate (one of them)");
            }
            try (Autogenerate.ProjectClasses classes = Autogenerate.ProjectClasses.of(classpath)) {
                Path folder = Migrations.folders(flyway.settings(), classes.loader()).stream().findFirst()
                        .orElseThrow(() -> new IllegalArgumentException("new needs a filesystem: location to write "
                                + "to, e.g. --locations filesystem:src/main/resources/db/migration"));
                if (autogenerate) {
                    TargetModel target = targetSchema != null ? TargetModel.schemaFile(targetSchema)
                            : TargetModel.entities(targetEntities);
                    return new Autogenerate(spec, flyway.settings(), database.settings(), classes.loader())
                            .write(target, message, folder, dryRun);
                }
                NewRevision pair = NewRevision.template(message, folder);
                pair.write();
                spec.commandLine().getOut().println(pair.up());
                spec.commandLine().getOut().println(pair.down());
                return 0;
            }
        }
    }

    @Command(name = "current", mixinStandardHelpOptions = true, description = "Prints the database's version.")
    static final class Current implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkflowOptions options;

        @Override
        public Integer call() {
            spec.commandLine().getOut().println(options.open().current().orElse("<none>"));
            return 0;
        }
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "Lists the revisions: applied or pending, with their undo script or a warning.")
    static final class History implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        WorkflowOptions options;

        @Option(names = "--verbose", description = "Also print each revision's script and undo script names.")
        boolean verbose;

        @Override
        public Integer call() {
            MigrationHistory migrations = options.open();
            List<String> applied = migrations.applied();
            PrintWriter out = spec.commandLine().getOut();
            for (Revision revision : migrations.revisions()) {
                out.printf("%-8s %-8s %-40s %s%n", revision.version(),
                        applied.contains(revision.version()) ? "applied" : "pending", revision.description(),
                        revision.undo().isPresent() ? "undo: " + revision.undo().get().script() : "undo: MISSING");
                if (verbose) {
                    out.println("         " + revision.file().map(Path::toString).orElse(revision.script()));
                }
            }
            out.println("current: " + migrations.current().orElse("<none>"));
            return 0;
        }
    }

    @Command(name = "up", mixinStandardHelpOptions = true,
            description = "Applies pending revisions: all, up to --target, or --target +1 for the next one.")
    static final class Up extends Changing {
        @Option(names = "--target", description = "A version, or +1 for the next revision (default: all).")
        String target;

        @Override
        public Integer call() throws IOException {
            MigrationHistory migrations = options.open();
            List<Revision> revisions = migrations.revisions();
            List<Revision> pending = revisions(migrations, false);
            if (pending.isEmpty()) {
                spec.commandLine().getOut().println("Nothing to apply: at " + migrations.current()
                        .orElse("<none>"));
                return 0;
            }
            Revision goal = target == null ? pending.get(pending.size() - 1)
                    : "+1".equals(target) ? pending.get(0) : find(revisions, target);
            List<Revision> plan = pending.subList(0, pending.indexOf(goal) + 1);
            if (!confirm("Will apply " + names(plan.stream().map(Revision::displayName).toList(), "revisions"), plan.stream().map(Revision::file).toList())) {
                return 0;
            }
            try {
                migrations.up(goal);
            } catch (MigrationException e) {
                return fail(spec, e);
            }
            return nowAt(migrations);
        }
    }

    @Command(name = "down", mixinStandardHelpOptions = true,
            description = "Runs undo scripts in reverse order: -1 (default), down to a version, or base.")
    static final class Down extends Changing {
        @Parameters(arity = "0..1", paramLabel = "TARGET", defaultValue = "-1",
                description = "-1, a version to go down to, or base.")
        String target;

        @Override
        public Integer call() throws IOException {
            MigrationHistory migrations = options.open();
            List<Revision> revisions = migrations.revisions();
            List<Revision> done = revisions(migrations, true);
            if (done.isEmpty()) {
                spec.commandLine().getOut().println("Nothing to undo: no revision is applied");
                return 0;
            }
            int keep = "-1".equals(target) ? done.size() - 1 : "base".equals(target) ? 0
                    : done.indexOf(find(revisions, target)) + 1;
            List<Revision> plan = new ArrayList<>(done.subList(keep, done.size()));
            java.util.Collections.reverse(plan);
            Optional<Revision> irreversible = plan.stream().filter(r -> r.undo().isEmpty()).findFirst();
            if (irreversible.isPresent()) {
                // Refuse before anything runs, rather than stopping half way down.
                spec.commandLine().getErr().println("flyback: " + irreversible.get().script() + " has no undo "
                        + "script, so the database cannot go down past it; nothing changed");
                return FlybackCommand.FINDINGS;
            }
            List<String> undos = plan.stream().map(Revision::undoDisplayName).toList();
            if (!confirm("Will undo " + names(plan.stream().map(Revision::displayName).toList(), "revisions")
                    + " with " + names(undos, "undo scripts"),
                    plan.stream().map(r -> r.undo().flatMap(Revision.Undo::file)).toList())) {
                return 0;
            }
            for (Revision revision : plan) {
                try {
                    migrations.down(revision);
                } catch (MigrationException e) {
                    return fail(spec, e);
                }
            }
            return nowAt(migrations);
        }
    }

    @Command(name = "stamp", mixinStandardHelpOptions = true,
            description = "Records a version as applied without running anything, for a database without history.")
    static final class Stamp extends Changing {
        @Parameters(paramLabel = "VERSION", description = "The version the database is already at.")
        String version;

        @Override
        public Integer call() throws IOException {
            MigrationHistory migrations = options.open();
            find(migrations.revisions(), version);
            if (!confirm("Will record version " + version + " in Flyway's history without running it",
                    List.of())) {
                return 0;
            }
            migrations.stamp(version);
            return nowAt(migrations);
        }
    }

    static Revision find(List<Revision> revisions, String version) {
        return dev.flyback.verifier.SchemaAtRevision.find(revisions, version);
    }

    /** Up to this many names, a plan names each; a longer one gives its count, its first and its last names. */
    static final int NAMES_SHOWN = 10;

    /**
     * The names a plan confirms: every one of a short plan; of a longer one the count, the first three and the last
     * two ({@code up} on a new database of a thousand revisions printed one line of 40 000 characters). Every script
     * of the plan is still printed by {@code --dry-run}.
     */
    private static String names(List<String> names, String noun) {
        if (names.size() <= NAMES_SHOWN) {
            return String.join(", ", names);
        }
        return names.size() + " " + noun + ", " + String.join(", ", names.subList(0, 3)) + " ... "
                + String.join(", ", names.subList(names.size() - 2, names.size()));
    }
}
