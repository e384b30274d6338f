package dev.flyback.verifier.internal.check;

import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.snapshot.ObjectType;

/**
 * What a {@link SchemaRule} sees beside its rows: the revision, what it changed, where its script says a thing, and
 * a way to ask the database one more question through a query of its own; no JDBC type.
 */
final class RuleContext {
    private final CheckContext context;
    private final BiFunction<String, String, List<Row>> lookup;

    RuleContext(CheckContext context, BiFunction<String, String, List<Row>> lookup) {
        this.context = context;
        this.lookup = lookup;
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

    private boolean added(ObjectType type, String schema, String name) {
        return context.changes().stream().anyMatch(c -> c instanceof SchemaDifference.Added
                && c.subject().type() == type && c.subject().schema().equals(schema)
                && c.subject().name().equals(name));
    }

    /** The rows of the query in resource {@code query} (beside the rules) with its one parameter {@code value}. */
    List<Row> lookup(String query, String value) {
        return lookup.apply(query, value);
    }
}
