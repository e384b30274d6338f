package dev.flyback.verifier.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import dev.flyback.verifier.MigrationVerifier;
import dev.flyback.verifier.SchemaAtRevision;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.VerifierConfig;
import dev.flyback.verifier.database.DatabaseStartException;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.diff.SchemaDiff;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.internal.ddl.DdlScript;
import dev.flyback.verifier.internal.ddl.RowUndo;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code flyback undo VERSION} (or {@code --all}): for a {@code V} script without a {@code U} (every Flyway Community
 * history), writes the undo from what the revision changed on a disposable database, then proves it (up, the new
 * undo, up again) and says what it cannot bring back (issue 17, item 3).
 */
@Command(name = "undo", mixinStandardHelpOptions = true,
        description = "Writes U<version>__<description>.sql for a migration without an undo (or for every one, with "
                + "--all), from what it changed on a disposable database, and proves it: up, the undo, up again. "
                + "Says what the undo cannot bring back.")
final class UndoCommand extends InspectCommands.OnDisposable {
    @Parameters(paramLabel = "VERSION", arity = "0..1", description = "The version whose undo to write.")
    String version;

    @Option(names = "--all", description = "Every revision without an undo, in one pass over the history.")
    boolean all;

    @Option(names = "--dry-run", description = "Print the undo scripts; write nothing and prove nothing.")
    boolean dryRun;

    @Override
    public Integer call() throws IOException {
        if (all == (version != null)) {
            throw new IllegalArgumentException("give a VERSION or --all (one of them)");
        }
        List<Revision> written = new ArrayList<>();
        int exit = onDisposable((migrations, database) -> {
            List<Revision> revisions = migrations.revisions();
            if (!all) {
                Revision revision = SchemaAtRevision.find(revisions, version);
                if (revision.undo().isPresent()) {
                    throw new IllegalArgumentException(revision.script() + " has an undo already: "
                            + revision.undoDisplayName() + "; delete it first to write another");
                }
                if (!onDisk(revision)) {
                    throw new IllegalArgumentException(revision.script() + " is not a script on disk (a Java "
                            + "migration or a classpath location): write its undo by hand");
                }
            }
            // One pass: the database is taken up revision by revision (to the one asked for), and each revision
            // without an undo gets the undo of what it changed, tried on the database right after it.
            int last = all ? revisions.size() - 1 : SchemaAtRevision.index(revisions, version);
            int first = all ? 0 : last;
            SchemaAtRevision.moveTo(migrations, revisions, -1, first - 1);
            SchemaSnapshot before = SchemaAtRevision.read(migrations, database);
            for (int index = first; index <= last; index++) {
                Revision revision = revisions.get(index);
                SchemaAtRevision.moveTo(migrations, revisions, index - 1, index);
                SchemaSnapshot after = SchemaAtRevision.read(migrations, database);
                if (revision.undo().isEmpty() && onDisk(revision)) {
                    write(revision, SchemaDiff.withoutEchoesOfRenames(SchemaDiff.compare(before, after)), database)
                            .ifPresent(written::add);
                }
                before = after;
            }
            if (all && written.isEmpty() && !dryRun) {
                out().println("Every revision on disk has an undo already; nothing written");
            }
            return 0;
        });
        if (written.isEmpty()) {
            return exit;
        }
        // Even when a later revision's up failed, the undos written before it are proven.
        return Math.max(exit, prove(written));
    }

    /** Writes (or prints) the undo of {@code revision}, which made {@code changes}; the revision when written. */
    private java.util.Optional<Revision> write(Revision revision, List<SchemaDifference> changes,
                                               DisposableDatabase database) throws IOException {
        DdlScript undo;
        try (Connection connection = database.dataSource().getConnection()) {
            undo = DdlScript.undoOf(changes).orderedOn(connection);
        } catch (SQLException e) {
            throw new DatabaseStartException("Lost the database while trying the undo of " + revision.script() + ": "
                    + e.getMessage(), e);
        }
        Path file = revision.file().orElseThrow();
        // Rows written into a table the revision creates go with it; into one that existed, they stay.
        java.util.Set<String> created = new java.util.HashSet<>();
        changes.stream().filter(c -> c instanceof SchemaDifference.Added
                        && c.subject().type() == dev.flyback.verifier.snapshot.ObjectType.TABLE)
                .forEach(c -> created.add(c.subject().name().toLowerCase(java.util.Locale.ROOT)));
        List<String> rows = new ArrayList<>();
        List<String> deletes = new ArrayList<>();
        String script = Files.readString(file, StandardCharsets.UTF_8);
        for (String row : rowChanges(file)) {
            if (created.contains(row.replaceFirst(".*?([^.\\s\"]+)\"?$", "$1").toLowerCase(java.util.Locale.ROOT))) {
                continue;
            }
            int line = Integer.parseInt(row.replaceFirst("^line (\\d+):.*$", "$1"));
            RowUndo.undoOf(RowUndo.statementAt(script, line)).ifPresentOrElse(delete -> deletes.add("-- takes back "
                    + "the rows inserted at line " + line + ": one equal row deleted for each\n" + delete),
                    () -> rows.add(row));
        }
        if (!deletes.isEmpty()) {
            // The rows go before the schema changes: the columns they are matched on may go with those.
            List<String> statements = new ArrayList<>(deletes);
            statements.addAll(undo.statements());
            undo = new DdlScript(statements, undo.notes());
        }
        if (!rows.isEmpty()) {
            undo = undo.withNote("the revision changes rows (" + String.join("; ", rows) + "): a schema difference "
                    + "does not show that, so the undo does not take it back; write it by hand");
        }
        Path target = file.resolveSibling("U" + file.getFileName().toString().substring(1));
        String text = undo.text("Undo of " + revision.script() + ", written by flyback undo from what it changed ("
                + changes.size() + " difference(s)).\nReview it before you commit it.");
        java.util.Optional<Revision> written = java.util.Optional.empty();
        if (dryRun) {
            out().println("== " + target.getFileName());
            out().print(text);
        } else {
            Files.writeString(target, text, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
            written = java.util.Optional.of(revision);
            out().println("Wrote " + target + " (" + undo.statements().size() + " statement(s))");
        }
        if (!undo.notes().isEmpty()) {
            out().println("What the undo of " + revision.script() + " cannot bring back:");
            undo.notes().forEach(line -> out().println("  " + line));
        }
        return written;
    }

    /** The data statements of a script ({@code line 3: INSERT INTO metadata}), which no schema difference shows. */
    private static List<String> rowChanges(Path script) throws IOException {
        List<String> found = new ArrayList<>();
        List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            java.util.regex.Matcher data = ROW_CHANGE.matcher(lines.get(i));
            if (data.find()) {
                found.add("line " + (i + 1) + ": " + data.group(1).replaceAll("\\s+", " "));
            }
        }
        return found;
    }

    /** A line starting a data statement, with the table it names. */
    private static final java.util.regex.Pattern ROW_CHANGE = java.util.regex.Pattern.compile(
            "^\\s*((?:INSERT\\s+INTO|UPDATE|DELETE\\s+FROM|TRUNCATE(?:\\s+TABLE)?)\\s+[^\\s(;]+)",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private static boolean onDisk(Revision revision) {
        return !revision.java() && revision.file().isPresent();
    }

    /**
     * Up, each new undo, up again, on a fresh disposable database: the findings at warning or error about the versions
     * written decide.
     */
    private int prove(List<Revision> written) {
        VerificationResult result = MigrationVerifier.verify(VerifierConfig.builder().flyway(flyway.settings())
                .database(database.settings()).checks(EnumSet.of(Check.REVERSIBILITY, Check.REAPPLY)).seedRows(0)
                .build());
        int proven = 0;
        List<String> notProven = new ArrayList<>();
        for (Revision revision : written) {
            List<Finding> about = result.findings().stream()
                    .filter(f -> f.version().equals(revision.version())).toList();
            List<Finding> failing = about.stream().filter(f -> f.severity().isAtLeast(Severity.WARNING)).toList();
            boolean applied = result.revisions().stream().anyMatch(r -> r.revision().version()
                    .equals(revision.version()));
            if (failing.isEmpty() && applied) {
                proven++;
                if (!all) {
                    out().println("Proven: " + revision.version() + " up, this undo, and up again leave the schema "
                            + "as it was each time" + (about.isEmpty() ? "" : " (" + about.size() + " note(s) below)"));
                    about.forEach(f -> out().println(FindingMessages.render(f)));
                }
            } else if (!applied) {
                notProven.add(revision.version());
                out().println("Not reached: the undo of " + revision.script() + " (the proof stopped at an earlier "
                        + "failure)");
            } else {
                notProven.add(revision.version());
                out().println("Not proven: the undo of " + revision.script() + " needs your hand");
                failing.forEach(f -> out().println(FindingMessages.render(f)));
            }
        }
        if (all) {
            out().println("Proven: " + proven + " of " + written.size() + " written undo(s)"
                    + (notProven.isEmpty() ? "" : "; not proven: " + String.join(", ", notProven)));
        }
        out().flush();
        return notProven.isEmpty() ? 0 : FlybackCommand.FINDINGS;
    }
}
