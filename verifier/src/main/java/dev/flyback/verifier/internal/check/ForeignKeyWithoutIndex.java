package dev.flyback.verifier.internal.check;

import java.util.List;
import java.util.Optional;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.snapshot.Identifiers;
import dev.flyback.verifier.snapshot.ObjectType;

/**
 * A foreign key no valid index leads with exactly its columns, checked against {@code pg_index} itself: SchemaCrawler's
 * linter ignores column order and partial predicates, so an FK on (a) with only an index on (b, a), or only a partial
 * index, would pass it.
 */
final class ForeignKeyWithoutIndex implements SchemaRule {

    @Override
    public FindingType type() {
        return FindingType.FK_WITHOUT_INDEX;
    }

    @Override
    public String query() {
        return "ForeignKeys.sql";
    }

    /** The key was added or changed, or an index of its table went or changed (it may have covered the key). */
    @Override
    public boolean introduced(Row row, RuleContext context) {
        return context.changedOn(row.schema(), row.table(), ObjectType.CONSTRAINT, row.string(3))
                || context.lostOn(row.schema(), row.table(), ObjectType.INDEX);
    }

    @Override
    public Optional<Finding> judge(Row row, RuleContext context) {
        if (row.bool(6)) {
            return Optional.empty();
        }
        String table = Names.qualified(row.schema(), row.table());
        String name = row.string(3);
        String columns = row.string(4);
        String index = "ix_" + row.table() + "_" + columns.replace(", ", "_").replace("\"", "");
        return Optional.of(FindingMessages.schemaRule(type(), context.revision(),
                Names.object(row.schema(), row.table(), name), line(row, context),
                "foreign key " + name + " on " + table + " (" + columns + ") has no index leading with exactly its "
                        + "columns, so every "
                        + "delete or key update in " + row.string(5) + " scans " + table,
                Optional.empty(), "add to " + context.script() + "\nCREATE INDEX " + Identifiers.quote(index)
                        + " ON " + table + " (" + columns + ");"
                        + (context.isNewTable(row.schema(), row.table()) ? "" : "\n(" + table + " existed before: "
                        + "on a big table, build it with CREATE INDEX CONCURRENTLY in a migration of its own "
                        + "instead)")));
    }

    /** Where the script declares the foreign key of {@code row} ({@code ForeignKeys.sql}). */
    static Optional<Integer> line(Row row, RuleContext context) {
        return context.line(List.of(List.of(row.string(3)), List.of(row.string(4).split(", ")[0], "references"),
                List.of("references " + row.string(5))));
    }
}
