package dev.flyback.verifier.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import dev.flyback.verifier.MigrationVerifier;
import dev.flyback.verifier.SchemaAtRevision;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.VerifierConfig;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.internal.ddl.UndoScript;
import dev.flyback.verifier.migration.Revision;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flyback undo VERSION}: for a {@code V} script without a {@code U} (every Flyway Community history), writes
 * the undo from what the revision changed on a disposable database, then proves it (up, the new undo, up again) and
 * says what it cannot bring back (issue 17, item 3).
 */
@Command(name = "undo", mixinStandardHelpOptions = true,
        description = "Writes U<version>__<description>.sql for a migration without an undo, from what it changed on a "
                + "disposable database, and proves it: up, the undo, up again. Says what the undo cannot bring back.")
final class UndoCommand extends InspectCommands.OnDisposable {
    @Parameters(paramLabel = "VERSION", description = "The version whose undo to write.")
    String version;

    @Option(names = "--dry-run", description = "Print the undo script; write nothing and prove nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        AtomicReference<Path> written = new AtomicReference<>();
        int exit = onDisposable((migrations, database) -> {
            List<Revision> revisions = migrations.revisions();
            Revision revision = SchemaAtRevision.find(revisions, version);
            if (revision.undo().isPresent()) {
                throw new IllegalArgumentException(revision.script() + " has an undo already: "
                        + revision.undoDisplayName() + "; delete it first to write another");
            }
            if (revision.java() || revision.file().isEmpty()) {
                throw new IllegalArgumentException(revision.script() + " is not a script on disk (a Java migration or "
                        + "a classpath location): write its undo by hand");
            }
            int index = revisions.indexOf(revision);
            String from = index == 0 ? SchemaAtRevision.BASE : revisions.get(index - 1).version();
            List<SchemaDifference> changes = SchemaAtRevision.diff(migrations, database, from, version);
            UndoScript undo;
            try (java.sql.Connection connection = database.dataSource().getConnection()) {
                undo = UndoScript.of(changes).orderedOn(connection);
            } catch (java.sql.SQLException e) {
                throw new dev.flyback.verifier.database.DatabaseStartException("Lost the database while trying the "
                        + "undo: " + e.getMessage(), e);
            }
            Path file = revision.file().get();
            Path target = file.resolveSibling("U" + file.getFileName().toString().substring(1));
            String text = undo.text("Undo of " + revision.script() + ", written by flyback undo from what it changed"
                    + " (" + changes.size() + " difference(s)).\nReview it before you commit it.");
            if (dryRun) {
                out().print(text);
            } else {
                Files.writeString(target, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
                written.set(target);
                out().println("Wrote " + target + " (" + undo.statements().size() + " statement(s))");
            }
            if (!undo.cannotRestore().isEmpty()) {
                out().println("What this undo cannot bring back:");
                undo.cannotRestore().forEach(line -> out().println("  " + line));
            }
            return 0;
        });
        if (exit != 0 || written.get() == null) {
            return exit;
        }
        return prove();
    }

    /** Up, the new undo, up again, on a fresh disposable database: the findings about this version. */
    private int prove() {
        VerificationResult result = MigrationVerifier.verify(VerifierConfig.builder().flyway(flyway.settings())
                .database(database.settings()).checks(EnumSet.of(Check.REVERSIBILITY, Check.REAPPLY)).seedRows(0)
                .build());
        List<Finding> about = result.findings().stream().filter(f -> f.version().equals(version)).toList();
        List<Finding> failing = about.stream().filter(f -> f.severity().isAtLeast(Severity.WARNING)).toList();
        if (failing.isEmpty()) {
            out().println("Proven: " + version + " up, this undo, and up again leave the schema as it was each time"
                    + (about.isEmpty() ? "" : " (" + about.size() + " note(s) below)"));
            about.forEach(f -> out().println(FindingMessages.render(f)));
            out().flush();
            return 0;
        }
        out().println("Not proven: the written undo needs your hand");
        failing.forEach(f -> out().println(FindingMessages.render(f)));
        out().flush();
        return FlybackCommand.FINDINGS;
    }
}
