package dev.flyback.verifier.internal.ddl;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.FixHints;
import dev.flyback.verifier.snapshot.Identifiers;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;

/**
 * The undo of a revision, written from what it changed (issue 17, item 3): what it created is dropped, newest first;
 * what it renamed or altered is taken back; what it dropped is created again, oldest first, a table before its
 * columns, keys and indexes. Each statement is the fix text of the reversibility finding an undo that forgot it would
 * get, which {@code FixProofTests} proves on the golden scenarios. Never {@code DROP ... CASCADE}. What SQL cannot
 * bring back (the rows of a dropped table, the values of a dropped column) or what Flyback cannot write is said, and
 * the script carries it as a comment.
 *
 * @param statements the undo's statements, in order
 * @param cannotRestore what the undo cannot bring back, one sentence each
 * @since 0.4
 */
@API(status = API.Status.INTERNAL, since = "0.4")
public record UndoScript(List<String> statements, List<String> cannotRestore) {
    /** PostgreSQL's number for an object in a snapshot's identity: {@code c:16385}, {@code c:16385.2}. */
    private static final Pattern NUMBERED = Pattern.compile("^[a-z]+:(\\d+)(?:\\.(\\d+))?$");
    /** The order PostgreSQL created objects in (see {@link #order}). */
    private static final Comparator<SchemaObject> ORDER = Comparator.<SchemaObject>comparingLong(o -> order(o)[0])
            .thenComparingLong(o -> order(o)[1]);

    public UndoScript {
        statements = List.copyOf(statements);
        cannotRestore = List.copyOf(cannotRestore);
    }

    /** The undo of a revision whose differences, from the schema before it to the schema after it, are these. */
    public static UndoScript of(List<SchemaDifference> changes) {
        List<String> statements = new ArrayList<>();
        List<String> lost = new ArrayList<>();
        List<SchemaObject> created = changes.stream().filter(c -> c instanceof SchemaDifference.Added)
                .map(SchemaDifference::subject).toList();
        List<SchemaObject> dropped = changes.stream().filter(c -> c instanceof SchemaDifference.Removed)
                .map(SchemaDifference::subject).toList();

        // What the revision created goes, newest first, each once: a table takes its columns, keys and indexes.
        created.stream().filter(object -> !insideAnother(object, created) && !backsConstraint(object, created))
                .sorted(ORDER.reversed())
                .forEach(object -> statements.add(FixHints.drop(object)));
        // What it renamed or altered comes back.
        for (SchemaDifference change : changes) {
            if (change instanceof SchemaDifference.Changed whole
                    && !backsConstraint(whole.subject(), changes.stream().map(SchemaDifference::subject).toList())) {
                // A column's position cannot be altered back; what moved it (a column dropped before it) is undone
                // by its own statement, and the proof reports the order alone as information.
                java.util.SortedMap<String, SchemaDifference.PropertyChange> rest = new java.util.TreeMap<>(
                        whole.changes());
                rest.remove("position");
                if (rest.isEmpty()) {
                    continue;
                }
                SchemaDifference.Changed changed = new SchemaDifference.Changed(whole.before(), whole.subject(), rest);
                Optional<String> back = renamed(changed) ? Optional.of(FixHints.rename(changed))
                        : FixHints.restore(changed);
                back.ifPresentOrElse(statements::add, () -> lost.add(changed.subject().type().displayName() + " "
                        + changed.subject().qualifiedName() + ": Flyback cannot write how to take back its change of "
                        + String.join(", ", changed.changes().keySet()) + "; write it by hand"));
            }
        }
        // What it dropped comes back, oldest first: a table before its columns, keys and indexes.
        for (SchemaObject object : dropped.stream().filter(object -> !backsConstraint(object, dropped))
                .sorted(ORDER).toList()) {
            if (object.type() == ObjectType.TABLE) {
                statements.add("CREATE TABLE " + object.sqlName() + " ();");
                lost.add("table " + object.sqlName() + ": the undo creates it again empty; its rows cannot come back");
            } else if (object.type() == ObjectType.COLUMN) {
                FixHints.recreate(object).ifPresent(statements::add);
                if (!insideAnother(object, dropped)) {
                    boolean required = "false".equals(object.property("nullable").orElse("true"))
                            && object.property("default").isEmpty();
                    lost.add("column " + object.sqlTable().orElse("") + "." + Identifiers.quote(object.name())
                            + ": the undo adds it again empty; its values cannot come back" + (required
                            ? "; it is NOT NULL without a default, so on a table with rows the statement fails: give "
                            + "it a default, or add it nullable, fill it and SET NOT NULL" : ""));
                }
            } else {
                FixHints.recreate(object).ifPresentOrElse(statements::add, () -> lost.add(object.type()
                        .displayName() + " " + object.qualifiedName() + ": Flyback cannot write how to create it "
                        + "again; write it by hand"));
            }
        }
        return new UndoScript(statements, lost);
    }

    /**
     * The same undo, its statements in an order PostgreSQL accepts, found on {@code connection}, a database at the
     * revision: each statement runs under a savepoint, one that fails because another object still depends on what it
     * drops (or on what it needs) is tried again after the others, until none moves. That is how PostgreSQL's
     * {@code pg_depend} orders them, without Flyback reading it: a range type's implicit multirange, constructors and
     * cast go with it, a view goes before the column it reads. A statement that never runs stays last and is said in
     * {@link #cannotRestore()}. Everything is rolled back.
     */
    public UndoScript orderedOn(Connection connection) throws SQLException {
        List<String> pending = new ArrayList<>(statements);
        List<String> ordered = new ArrayList<>();
        Map<String, String> errors = new HashMap<>();
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement jdbc = connection.createStatement()) {
            boolean moved = true;
            while (!pending.isEmpty() && moved) {
                moved = false;
                for (Iterator<String> next = pending.iterator(); next.hasNext();) {
                    String sql = next.next();
                    Savepoint before = connection.setSavepoint();
                    try {
                        jdbc.execute(sql);
                        connection.releaseSavepoint(before);
                        ordered.add(sql);
                        next.remove();
                        moved = true;
                    } catch (SQLException e) {
                        connection.rollback(before);
                        errors.put(sql, e.getMessage() == null ? "failed" : e.getMessage().lines().findFirst()
                                .orElse("failed"));
                    }
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
        List<String> problems = new ArrayList<>(cannotRestore);
        for (String sql : pending) {
            ordered.add(sql);
            problems.add("this statement fails on the database after the revision: " + sql.lines().findFirst()
                    .orElse(sql) + " (" + errors.get(sql) + ")");
        }
        return new UndoScript(ordered, problems);
    }

    /** The same undo, with one more thing it cannot bring back. */
    public UndoScript withNote(String cannot) {
        List<String> notes = new ArrayList<>(cannotRestore);
        notes.add(cannot);
        return new UndoScript(statements, notes);
    }

    /** The script: a header, what cannot come back as comments, then the statements. */
    public String text(String header) {
        StringBuilder script = new StringBuilder();
        header.lines().forEach(line -> script.append("-- ").append(line).append('\n'));
        if (!cannotRestore.isEmpty()) {
            script.append("--\n-- What this undo cannot bring back:\n");
            cannotRestore.forEach(line -> script.append("--   ").append(line).append('\n'));
        }
        script.append('\n');
        statements.forEach(statement -> script.append(statement).append('\n'));
        return script.toString();
    }

    private static boolean renamed(SchemaDifference.Changed change) {
        return !change.before().name().equals(change.subject().name())
                || !change.before().schema().equals(change.subject().schema());
    }

    /**
     * Whether the object is the index of a key or unique constraint of the list: it goes and comes with it (a primary
     * key changed is dropped and added again as a constraint; its index alone PostgreSQL refuses to drop).
     */
    private static boolean backsConstraint(SchemaObject object, List<SchemaObject> others) {
        return object.type() == ObjectType.INDEX && others.stream().anyMatch(other -> other.type() == ObjectType.CONSTRAINT
                && other.schema().equals(object.schema()) && other.name().equals(object.name())
                && other.table().equals(object.table()));
    }

    /**
     * Whether the object goes (or comes) with another of the list: a column, key, index or trigger with its table.
     */
    private static boolean insideAnother(SchemaObject object, List<SchemaObject> others) {
        // Not inside a schema: DROP SCHEMA without CASCADE wants it empty, and CREATE SCHEMA brings back nothing else.
        return others.stream().anyMatch(other -> other != object && object.table().isPresent()
                && object.table().get().equals(other.name()) && object.schema().equals(other.schema())
                && (other.type() == ObjectType.TABLE || other.type() == ObjectType.VIEW
                || other.type() == ObjectType.MATERIALIZED_VIEW));
    }

    /**
     * The order PostgreSQL created objects in: by their number (OID), a column right after its table by its position;
     * objects without a number last, schemas first.
     */
    private static long[] order(SchemaObject object) {
        Matcher number = NUMBERED.matcher(object.identity());
        if (object.type() == ObjectType.SCHEMA) {
            return new long[] {-1, 0};
        }
        if (!number.matches()) {
            return new long[] {Long.MAX_VALUE, 0};
        }
        return new long[] {Long.parseLong(number.group(1)), number.group(2) == null ? 0 : Long.parseLong(number.group(2))};
    }
}
