package dev.flyback.verifier.internal.check;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.internal.data.DataFingerprint;
import dev.flyback.verifier.migration.ExecutedStatement;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;

/**
 * What a rule sees ({@link SchemaRule}, {@link DiffRule}, {@link StatementRule}): the revision, what it changed, the
 * statements its step ran, the seeded data before it, where its script says a thing, and a way to ask the database
 * one more question through a query of its own; no JDBC type.
 */
final class RuleContext {
    private final CheckContext context;
    private final BiFunction<String, String, List<Row>> lookup;
    /** The tables and columns whose seeded data a static rule already gave as evidence (see {@link #heldRows}). */
    private final Set<String> covered = new HashSet<>();

    RuleContext(CheckContext context, BiFunction<String, String, List<Row>> lookup) {
        this.context = context;
        this.lookup = lookup;
    }

    /** The context of the rules about the step {@code context} describes, their lookups on its connection. */
    static RuleContext of(CheckContext context) {
        return new RuleContext(context, (query, value) -> SchemaRules.lookup(context.connection(), query, value));
    }

    /** The revision just applied. */
    Revision revision() {
        return context.revision();
    }

    /** Its script's name, as a fix text names it. */
    String script() {
        return context.revision().script();
    }

    /** The first line of the revision's script holding all the words of one of {@code candidates}, in order. */
    Optional<Integer> line(List<List<String>> candidates) {
        return ScriptLines.find(context.revision().file(), candidates);
    }

    /** Whether the revision created the table ({@code schema}, {@code name}): it had no rows to lock or scan. */
    boolean isNewTable(String schema, String name) {
        return added(ObjectType.TABLE, schema, name);
    }

    /** Whether the revision created the index ({@code schema}, {@code name}). */
    boolean isNewIndex(String schema, String name) {
        return added(ObjectType.INDEX, schema, name);
    }

    /**
     * Whether the step added, removed or changed (renamed too) an object of {@code type} on the table {@code
     * schema.table} named one of {@code names} (any, when none are given), or added the table itself: what a rule
     * about the table's state asks to tell the revision that made the state from a later one that only touched the
     * table ({@link SchemaRule#introduced}).
     */
    boolean changedOn(String schema, String table, ObjectType type, String... names) {
        return differsOn(schema, table, type, true, names);
    }

    /** As {@link #changedOn}, leaving out objects the step added: what it removed or changed. */
    boolean lostOn(String schema, String table, ObjectType type, String... names) {
        return differsOn(schema, table, type, false, names);
    }

    private boolean differsOn(String schema, String table, ObjectType type, boolean added, String... names) {
        if (isNewTable(schema, table)) {
            return true;
        }
        // A table the step renamed is judged as a new one: what it lost may not show under its old name (Authelia's
        // V2 drops a table's key, renames it to a backup and creates a table of the old name with the same key,
        // which the snapshots compare with the old one).
        boolean renamed = context.changes().stream().anyMatch(c -> c instanceof SchemaDifference.Changed changed
                && changed.renamed() && c.subject().type() == ObjectType.TABLE && c.subject().schema().equals(schema)
                && c.subject().name().equals(table));
        if (renamed) {
            return true;
        }
        List<String> named = List.of(names);
        return context.changes().stream().filter(c -> added || !(c instanceof SchemaDifference.Added))
                .anyMatch(c -> on(c.subject(), schema, table, type, named) || c instanceof SchemaDifference.Changed
                        changed && on(changed.before(), schema, table, type, named));
    }

    private static boolean on(SchemaObject object, String schema, String table, ObjectType type, List<String> names) {
        return object.type() == type && object.schema().equals(schema) && object.table().filter(table::equals)
                .isPresent() && (names.isEmpty() || names.contains(object.name()));
    }

    private boolean added(ObjectType type, String schema, String name) {
        return context.changes().stream().anyMatch(c -> c instanceof SchemaDifference.Added
                && c.subject().type() == type && c.subject().schema().equals(schema)
                && c.subject().name().equals(name));
    }

    /**
     * The rows of the query in resource {@code query} (beside the rules) with its one parameter {@code value}, or
     * without a parameter when it is null.
     *
     * @throws RuleQueryFailed when the query fails
     */
    List<Row> lookup(String query, String value) {
        return lookup.apply(query, value);
    }

    /** The seeded data before this step (for the up, the origin; for the undo, after the up). */
    DataFingerprint dataBefore() {
        return context.dataBefore();
    }

    /** The differences from the schema before the step. */
    List<SchemaDifference> changes() {
        return context.changes();
    }

    /** The statements the step ran, with the locks they took. */
    List<ExecutedStatement> statements() {
        return context.statements();
    }

    /** The script the step ran. */
    String stepScript() {
        return context.script();
    }

    /**
     * What the seeded table held before the revision, as evidence (" (here: 10 seeded rows)", or nothing); the
     * seeded-data check then stays quiet on it.
     */
    String heldRows(String table) {
        covered.add(table);
        return context.origin().table(table).filter(t -> t.rows() > 0)
                .map(t -> " (here: " + t.rows() + " seeded rows)").orElse("");
    }

    /** What the seeded column held before the revision, as evidence, likewise. */
    String heldValues(String table, String column) {
        covered.add(table + "." + column);
        return context.origin().table(table).flatMap(t -> t.column(column)).filter(c -> c.values() > 0)
                .map(c -> " (here: " + c.values() + " seeded values)").orElse("");
    }

    /** The tables and columns a rule gave seeded evidence for. */
    Set<String> covered() {
        return Set.copyOf(covered);
    }

    /** The seeded data before the revision ({@link DataFingerprint#EMPTY} without seeding). */
    DataFingerprint origin() {
        return context.origin();
    }

    /** Whether the revision dropped the table or view {@code schema.name} itself (not only its parts). */
    boolean dropsRelation(String schema, String name) {
        return context.changes().stream().anyMatch(c -> c instanceof SchemaDifference.Removed
                && c.subject().table().isEmpty() && c.subject().schema().equals(schema)
                && c.subject().name().equals(name));
    }

    /**
     * A finding about a statement of the step, located at the first statement that holds all of {@code words} (the
     * statement that did what the diff shows).
     */
    Finding aboutStatement(FindingType type, String object, List<String> words, String summary, String fix) {
        Optional<ExecutedStatement> statement = context.statements().stream()
                .filter(s -> words.stream().allMatch(w -> s.sql().toLowerCase(Locale.ROOT)
                        .contains(w.toLowerCase(Locale.ROOT)))).findFirst();
        return FindingMessages.statementRule(type, type.defaultSeverity(), context.revision(), context.script(),
                object, statement.flatMap(ExecutedStatement::line), summary,
                statement.map(ExecutedStatement::sql).orElse(""), fix);
    }

    /** A finding about {@code statement}: "{@code V2__x.sql line 3 <what>}". */
    Finding at(FindingType type, ExecutedStatement statement, String object, String what, String fix) {
        return FindingMessages.statementRule(type, type.defaultSeverity(), context.revision(), context.script(),
                object, statement.line(), context.script() + statement.line().map(l -> " line " + l).orElse("")
                        + " " + what, statement.sql(), fix);
    }

    /** Whether the table a statement names ({@code archive} or {@code public.archive}) existed before the step. */
    boolean existedBefore(String table) {
        String name = table.contains(".") ? table.substring(table.indexOf('.') + 1) : table;
        return context.changes().stream().noneMatch(c -> c instanceof SchemaDifference.Added
                && c.subject().type() == ObjectType.TABLE && c.subject().name().equals(name));
    }

    /** The seeded table a statement names ({@code archive} or {@code public.archive}). */
    Optional<String> seededTable(String named) {
        return context.origin().tables().keySet().stream()
                .filter(t -> t.equals(named) || t.endsWith("." + named)).findFirst();
    }
}
