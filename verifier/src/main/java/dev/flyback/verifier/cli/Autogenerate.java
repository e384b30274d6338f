package dev.flyback.verifier.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.flyback.verifier.MigrationVerifier;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.VerifierConfig;
import dev.flyback.verifier.database.DatabaseSettings;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.migration.MigrationException;
import dev.flyback.verifier.model.ModelDrift;
import dev.flyback.verifier.model.NewRevision;
import dev.flyback.verifier.model.TargetModel;

import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code flyback new MESSAGE --autogenerate}: the revision from the head of the history to a target, written and
 * proven, reported as the team guide asks (file created, what changes, applied yes or no, the version, warnings).
 */
final class Autogenerate {
    private final CommandSpec spec;
    private final FlywaySettings flyway;
    private final DatabaseSettings database;
    private final ClassLoader loader;

    Autogenerate(CommandSpec spec, FlywaySettings flyway, DatabaseSettings database, ClassLoader loader) {
        this.spec = spec;
        this.flyway = flyway;
        this.database = database;
        this.loader = loader;
    }

    /** The project's classes: {@code --classpath} on a loader of its own, closed after; else Flyback's. */
    record ProjectClasses(ClassLoader loader, Optional<URLClassLoader> opened) implements AutoCloseable {
        static ProjectClasses of(String classpath) {
            ClassLoader flyback = Autogenerate.class.getClassLoader();
            if (classpath == null || classpath.isBlank()) {
                return new ProjectClasses(Thread.currentThread().getContextClassLoader(), Optional.empty());
            }
            List<URL> urls = new ArrayList<>();
            for (String entry : classpath.split(java.util.regex.Pattern.quote(File.pathSeparator))) {
                if (entry.isBlank()) {
                    continue;
                }
                Path path = Path.of(entry.strip());
                if (!Files.exists(path)) {
                    throw new IllegalArgumentException("--classpath names " + path + ", which does not exist; "
                            + "compile the project first (mvn compile) or name the folder or jar its classes are in");
                }
                try {
                    urls.add(path.toUri().toURL());
                } catch (MalformedURLException e) {
                    throw new IllegalArgumentException("--classpath entry " + entry + " is not a path", e);
                }
            }
            URLClassLoader opened = new URLClassLoader("flyback-project", urls.toArray(URL[]::new), flyback);
            return new ProjectClasses(opened, Optional.of(opened));
        }

        @Override
        public void close() {
            opened.ifPresent(l -> {
                try {
                    l.close();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Writes (or prints) the pair for {@code target} in {@code folder} and proves it; the exit code. */
    int write(TargetModel target, String message, Path folder, boolean dryRun) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        ModelDrift drift;
        try {
            drift = ModelDrift.measure(flyway, database, loader, target);
        } catch (MigrationException e) {
            spec.commandLine().getErr().println("flyback: " + e.failure().script()
                    + e.failure().line().map(l -> " line " + l).orElse("") + ": " + e.failure().message()
                    + e.failure().statement().map(s -> "\n  statement: " + s.lines().findFirst().orElse(s)).orElse(""));
            return FlybackCommand.FINDINGS;
        }
        if (drift.matches()) {
            out.println("No changes: the migrations at " + drift.head().map(v -> "V" + v).orElse("an empty history")
                    + " already give " + target.describe() + "; nothing written");
            out.flush();
            return 0;
        }
        NewRevision pair = NewRevision.closing(drift, message, folder);
        if (dryRun) {
            out.println("== " + pair.up().getFileName());
            out.print(pair.upText());
            out.println("== " + pair.down().getFileName());
            out.print(pair.downText());
            out.flush();
            return 0;
        }
        pair.write();
        String version = pair.version();
        out.println("File created    : " + pair.up() + " (" + drift.upgrade().size() + " statement(s))");
        out.println("                  " + pair.down() + " (" + drift.downgrade().size() + " statement(s))");
        out.println("Changes         :");
        drift.changes().forEach(line -> out.println("  " + line));
        out.flush();

        VerificationResult result = MigrationVerifier.verify(VerifierConfig.builder().flyway(flyway)
                .database(database).classLoader(loader).build());
        List<Finding> about = result.findings().stream().filter(f -> f.version().equals(version)).toList();
        List<Finding> errors = about.stream().filter(f -> f.severity().isAtLeast(Severity.ERROR)).toList();
        boolean reached = result.revisions().stream().anyMatch(r -> r.revision().version().equals(version)
                && r.applied());
        boolean applied = reached && errors.isEmpty();
        out.println("Applied         : " + (applied ? "yes: up, its undo and up again, on a disposable database, "
                + "leave the schema as expected" : reached ? "no: " + errors.size() + " error(s) below"
                : "no: the proof stopped before V" + version + " (" + result.findings().stream()
                .filter(f -> f.severity().isAtLeast(Severity.ERROR)).findFirst().map(f -> FindingMessages.render(f).lines().findFirst().orElse(""))
                .orElse("an earlier revision failed") + ")"));
        out.println("Current version : V" + version + " is the new head (your database is unchanged: flyback up "
                + "applies it)");
        List<Finding> warnings = about.stream().filter(f -> f.severity().isAtLeast(Severity.WARNING)).toList();
        List<String> notes = new ArrayList<>(drift.upgradeNotes());
        drift.downgradeNotes().forEach(n -> notes.add("undo: " + n));
        out.println("Warnings        : " + (notes.size() + warnings.size() == 0 ? "none"
                : String.valueOf(notes.size() + warnings.size())));
        notes.forEach(n -> out.println("  - " + n));
        warnings.forEach(f -> out.println(FindingMessages.render(f).indent(2).stripTrailing()));
        out.flush();
        return applied ? 0 : FlybackCommand.FINDINGS;
    }

}
