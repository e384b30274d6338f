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

import dev.flyback.verifier.diff.SchemaDiff;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.FixHints;
import dev.flyback.verifier.snapshot.Identifiers;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * Statements that take a schema from what it is to what it should be, written from their difference (issue 17): the
 * undo of a revision ({@code flyback undo}: the schema after it back to the schema before it) and a new revision
 * ({@code flyback new --autogenerate}: the head of the history to a target schema). What is there but should not be
 * is dropped, newest first; what is renamed or altered is changed back; what should be there is created, oldest
 * first, a table before its columns, keys and indexes. Each statement is the fix text of the reversibility finding an
 * undo that forgot it would get, which {@code FixProofTests} proves on the golden scenarios. Never {@code DROP ...
 * CASCADE}. What SQL cannot do (bring back the rows of a dropped table) or what Flyback cannot know (a rename or a
 * drop and an add) is said in {@link #notes()}, and the script carries it as a comment.
 *
 * @param statements the statements, in order
 * @param notes what the script cannot do or what its author must decide, one sentence each
 * @since 0.4
 */
@API(status = API.Status.INTERNAL, since = "0.4")
public record DdlScript(List<String> statements, List<String> notes) {
    /** PostgreSQL's number for an object in a snapshot's identity: {@code c:16385}, {@code c:16385.2}. */
    private static final Pattern NUMBERED = Pattern.compile("^[a-z]+:(\\d+)(?:\\.(\\d+))?$");
    /** The order PostgreSQL created objects in (see {@link #order}). */
    private static final Comparator<SchemaObject> ORDER = Comparator.<SchemaObject>comparingLong(o -> order(o)[0])
            .thenComparingLong(o -> order(o)[1]);

    public DdlScript {
        statements = List.copyOf(statements);
        notes = List.copyOf(notes);
    }

    /**
     * The undo of a revision whose differences, from the schema before it to the schema after it, are these: what it
     * made is taken away, and what it took away is said where SQL cannot bring it back (rows, values).
     */
    public static DdlScript undoOf(List<SchemaDifference> changes) {
        List<String> notes = new ArrayList<>();
        List<SchemaObject> dropped = removed(changes);
        for (SchemaObject object : dropped) {
            if (object.type() == ObjectType.TABLE) {
                notes.add("table " + object.sqlName() + ": the undo creates it again empty; its rows cannot come back");
            } else if (object.type() == ObjectType.COLUMN && !insideAnother(object, dropped)) {
                notes.add("column " + columnName(object) + ": the undo adds it again empty; its values cannot come back"
                        + (requiredWithoutDefault(object) ? "; " + NOT_NULL_ADVICE : ""));
            }
        }
        return write(changes, notes);
    }

    /**
     * A new revision that takes the schema from {@code current} (the head of the history, on one database) to
     * {@code wanted} (the target, on another): the objects are paired by name, since the two databases share no
     * numbering. What the difference cannot tell (a rename or a drop and an add, whether rows exist that a new
     * {@code NOT NULL} or a narrower type refuses) is said in {@link #notes()}.
     */
    public static DdlScript migration(SchemaSnapshot current, SchemaSnapshot wanted) {
        // The writer takes the differences from the schema wanted to the schema there is, as an undo does.
        List<SchemaDifference> changes = SchemaDiff.compareByName(wanted, current);
        List<String> notes = new ArrayList<>();
        List<SchemaObject> created = removed(changes);
        List<SchemaObject> dropped = added(changes);
        for (SchemaObject object : dropped) {
            if (object.type() == ObjectType.TABLE) {
                notes.add("table " + object.sqlName() + " is dropped: its rows are lost, and the undo creates it "
                        + "again empty");
            } else if (object.type() == ObjectType.COLUMN && !insideAnother(object, dropped)) {
                List<String> newcomers = created.stream().filter(c -> c.type() == ObjectType.COLUMN
                        && c.schema().equals(object.schema()) && c.table().equals(object.table()))
                        .map(c -> Identifiers.quote(c.name())).toList();
                notes.add("column " + columnName(object) + " is dropped: its values are lost, and the undo adds it "
                        + "again empty" + (newcomers.isEmpty() ? "" : "; if it was renamed to " + String.join(" or ",
                        newcomers) + ", write ALTER TABLE " + object.sqlTable().orElse("") + " RENAME COLUMN "
                        + Identifiers.quote(object.name()) + " TO " + newcomers.get(0) + " instead of the DROP and "
                        + "the ADD, which keeps the values"));
            }
        }
        for (SchemaObject object : created) {
            if (object.type() == ObjectType.COLUMN && !insideAnother(object, created)
                    && requiredWithoutDefault(object)) {
                notes.add("column " + columnName(object) + " is added NOT NULL without a default: " + NOT_NULL_ADVICE);
            }
        }
        for (SchemaDifference change : changes) {
            if (change instanceof SchemaDifference.Changed changed && changed.subject().type() == ObjectType.COLUMN) {
                // The change is read from the wanted column (before) to the current one (subject).
                SchemaDifference.PropertyChange type = changed.changes().get("type");
                if (type != null) {
                    notes.add("column " + columnName(changed.before()) + " changes type from " + type.after() + " to "
                            + type.before() + ": existing values are converted, and a value the new type cannot "
                            + "hold fails the statement (or, for a shorter text or fewer digits, is refused or "
                            + "rounded); check them first");
                }
                SchemaDifference.PropertyChange nullable = changed.changes().get("nullable");
                if (nullable != null && "false".equals(nullable.before())) {
                    notes.add("column " + columnName(changed.before()) + " becomes NOT NULL: the statement fails "
                            + "while a row holds NULL in it; fill those rows first (UPDATE ... SET ... WHERE ... IS "
                            + "NULL)");
                }
            }
        }
        return write(changes, notes);
    }

    private static final String NOT_NULL_ADVICE = "on a table with rows the statement fails; give it a default, or "
            + "add it nullable, fill it and SET NOT NULL";

    /**
     * The statements that take the schema the {@code changes} end at back to the one they start from, with
     * {@code notes} and what Flyback cannot write.
     */
    private static DdlScript write(List<SchemaDifference> changes, List<String> notes) {
        List<String> statements = new ArrayList<>();
        List<String> lost = new ArrayList<>(notes);
        List<SchemaObject> created = added(changes);
        List<SchemaObject> dropped = removed(changes);

        // What is there and should not be goes, newest first, each once: a table takes its columns, keys and indexes.
        created.stream().filter(object -> !insideAnother(object, created) && !backsConstraint(object, created))
                .sorted(ORDER.reversed())
                .forEach(object -> statements.add(FixHints.drop(object)));
        // What was renamed or altered comes back: what belongs to a table first, while the table still has the name
        // the statements call it by (a table renamed back before its column's rename left the column's statement
        // naming a table that was gone: Kratos, docs/undo.md).
        List<SchemaDifference> members = changes.stream().filter(c -> c.subject().table().isPresent()).toList();
        List<SchemaDifference> altered = new ArrayList<>(members);
        changes.stream().filter(c -> c.subject().table().isEmpty()).forEach(altered::add);
        for (SchemaDifference change : altered) {
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
                if (back.isPresent() && back.get().contains("__flyback_old")) {
                    lost.add("enum " + changed.subject().sqlName() + ": made again with the labels "
                            + changed.changes().get("values").before() + "; a row holding a label it no longer has "
                            + "makes this fail: change those rows first");
                }
                back.ifPresentOrElse(statements::add, () -> lost.add(changed.subject().type().displayName() + " "
                        + changed.subject().qualifiedName() + ": Flyback cannot write how to change its "
                        + String.join(", ", changed.changes().keySet()) + "; write it by hand"));
            }
        }
        // What should be there comes, oldest first: a table before its columns, keys and indexes.
        java.util.Set<SchemaObject> inlined = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (SchemaObject object : dropped.stream().filter(object -> !backsConstraint(object, dropped))
                .sorted(ORDER).toList()) {
            if (inlined.contains(object)) {
                continue;
            }
            if (object.type() == ObjectType.TABLE) {
                // One CREATE TABLE with its columns, in their order; a partition's columns are its parent's.
                List<SchemaObject> columns = dropped.stream().filter(c -> c.type() == ObjectType.COLUMN
                        && c.schema().equals(object.schema()) && c.table().equals(Optional.of(object.name())))
                        .sorted(ORDER).toList();
                inlined.addAll(columns);
                statements.add(FixHints.createTable(object, columns));
            } else if (object.type() == ObjectType.SEQUENCE && object.property("owned_by").isPresent()) {
                // Apart: the column it belongs to may need the sequence for its default before it exists.
                FixHints.recreate(object).ifPresent(statements::add);
                statements.add("ALTER SEQUENCE " + object.sqlName() + " OWNED BY " + object.property("owned_by")
                        .get() + ";");
            } else {
                FixHints.recreate(object).ifPresentOrElse(statements::add, () -> lost.add(object.type()
                        .displayName() + " " + object.qualifiedName() + ": Flyback cannot write how to create it; "
                        + "write it by hand"));
            }
        }
        // What is created comes with its comment (a table's columns too) and its privileges.
        for (SchemaObject object : dropped) {
            if (object.property("comment").isPresent() && !backsConstraint(object, dropped)) {
                statements.add(FixHints.comment(object));
            }
            object.property("acl").flatMap(acl -> FixHints.grants(object, acl)).ifPresent(statements::add);
        }
        return new DdlScript(statements, lost);
    }

    private static List<SchemaObject> added(List<SchemaDifference> changes) {
        return changes.stream().filter(c -> c instanceof SchemaDifference.Added).map(SchemaDifference::subject)
                .toList();
    }

    private static List<SchemaObject> removed(List<SchemaDifference> changes) {
        return changes.stream().filter(c -> c instanceof SchemaDifference.Removed).map(SchemaDifference::subject)
                .toList();
    }

    private static boolean requiredWithoutDefault(SchemaObject column) {
        return "false".equals(column.property("nullable").orElse("true")) && column.property("default").isEmpty()
                && column.property("identity").isEmpty() && column.property("generated").isEmpty();
    }

    private static String columnName(SchemaObject column) {
        return column.sqlTable().orElse("") + "." + Identifiers.quote(column.name());
    }

    /**
     * The same undo, its statements in an order PostgreSQL accepts, found on {@code connection}, a database at the
     * revision: each statement runs under a savepoint, one that fails because another object still depends on what it
     * drops (or on what it needs) is tried again after the others, until none moves. That is how PostgreSQL's
     * {@code pg_depend} orders them, without Flyback reading it: a range type's implicit multirange, constructors and
     * cast go with it, a view goes before the column it reads. A statement that never runs stays last and is said in
     * {@link #notes()}. Everything is rolled back.
     */
    public DdlScript orderedOn(Connection connection) throws SQLException {
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
                    // A materialized view made again keeps its indexes, comment and grants only when wrapped.
                    String run = ViewsAround.redefinesMaterialized(sql) ? ViewsAround.wrap(connection, sql, List.of())
                            .map(ViewsAround.Wrapped::sql).orElse(sql) : sql;
                    Optional<SQLException> failed = attempt(connection, jdbc, run);
                    if (failed.isEmpty()) {
                        ordered.add(run);
                        next.remove();
                        moved = true;
                    } else {
                        errors.put(sql, firstLine(failed.get()));
                    }
                }
                if (!moved) {
                    // Only once nothing else moves: a statement a view stands in the way of, run with the views
                    // dropped before it and created again after it (ViewsAround).
                    for (String sql : List.copyOf(pending)) {
                        Optional<ViewsAround.Wrapped> around = ViewsAround.wrap(connection, sql, pending);
                        if (around.isEmpty()) {
                            Optional<String> other = droppedFirst(sql);
                            if (other.isEmpty()) {
                                other = EnumsAround.wrap(connection, sql);
                            }
                            around = other.map(wrapped -> new ViewsAround.Wrapped(wrapped, List.of()));
                        }
                        if (around.isPresent() && attempt(connection, jdbc, around.get().sql()).isEmpty()) {
                            ordered.add(around.get().sql());
                            pending.remove(sql);
                            pending.removeAll(around.get().consumed());
                            moved = true;
                            break;
                        }
                    }
                }
            }
        } finally {
            connection.rollback();
            connection.setAutoCommit(autoCommit);
        }
        List<String> problems = new ArrayList<>(notes);
        for (String sql : pending) {
            ordered.add(sql);
            problems.add("this statement fails on the database it is written for, in any order: " + sql.lines().findFirst()
                    .orElse(sql) + " (" + errors.get(sql) + ")");
        }
        return new DdlScript(ordered, problems);
    }

    /** {@code CREATE OR REPLACE FUNCTION f(...)}, whose return type changed. */
    private static final Pattern REPLACED_ROUTINE = Pattern.compile(
            "^CREATE OR REPLACE (FUNCTION|PROCEDURE) ((?:\"[^\"]+\"|[\\w$]+)\\.(?:\"[^\"]+\"|[\\w$]+))\\(");

    /**
     * A function replaced by another that returns another type, which {@code CREATE OR REPLACE} refuses: dropped
     * first (by its name, so only where it has no overload), then created.
     */
    private static Optional<String> droppedFirst(String sql) {
        Matcher routine = REPLACED_ROUTINE.matcher(sql);
        return routine.find() ? Optional.of("DROP " + routine.group(1) + " " + routine.group(2) + ";\n" + sql)
                : Optional.empty();
    }

    /** Runs {@code sql} under a savepoint: kept when it succeeds, rolled back with its error when it fails. */
    private static Optional<SQLException> attempt(Connection connection, Statement jdbc, String sql)
            throws SQLException {
        Savepoint before = connection.setSavepoint();
        try {
            jdbc.execute(sql);
            connection.releaseSavepoint(before);
            return Optional.empty();
        } catch (SQLException e) {
            connection.rollback(before);
            return Optional.of(e);
        }
    }

    private static String firstLine(SQLException e) {
        return e.getMessage() == null ? "failed" : e.getMessage().lines().findFirst().orElse("failed");
    }

    /** The same undo, with one more thing it cannot bring back. */
    public DdlScript withNote(String cannot) {
        List<String> more = new ArrayList<>(notes);
        more.add(cannot);
        return new DdlScript(statements, more);
    }

    /** The script: a header, what cannot come back as comments, then the statements. */
    public String text(String header) {
        return text(header, "What this undo cannot bring back:");
    }

    /** The script: a header, the notes under their heading as comments, then the statements. */
    public String text(String header, String notesHeading) {
        StringBuilder script = new StringBuilder();
        header.lines().forEach(line -> script.append("-- ").append(line).append('\n'));
        if (!notes.isEmpty()) {
            script.append("--\n-- ").append(notesHeading).append('\n');
            notes.forEach(line -> script.append("--   ").append(line).append('\n'));
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
