package dev.flyback.verifier.internal.check;

import java.util.List;
import java.util.Optional;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.snapshot.Identifiers;
import dev.flyback.verifier.snapshot.ObjectType;

/** An index whose key columns lead another index of the same method: it costs writes and buys nothing. */
final class RedundantIndex implements SchemaRule {

    @Override
    public FindingType type() {
        return FindingType.REDUNDANT_INDEX;
    }

    /** Either index, or the constraint behind it, was added or changed. */
    @Override
    public boolean introduced(Row row, RuleContext context) {
        return context.changedOn(row.schema(), row.table(), ObjectType.INDEX, row.string(3), row.string(4))
                || context.changedOn(row.schema(), row.table(), ObjectType.CONSTRAINT, row.string(3),
                        row.string(4));
    }

    @Override
    public Optional<Finding> judge(Row row, RuleContext context) {
        String index = row.string(3);
        String other = Identifiers.quote(row.string(4));
        Optional<Integer> line = context.line(List.of(List.of(index)));
        return Optional.of(FindingMessages.schemaRule(type(), context.revision(), Names.object(row.schema(), index),
                line, "index " + Identifiers.quote(index) + " on " + Names.qualified(row.schema(), row.table())
                        + " is redundant: index " + other + " leads with the same columns",
                Optional.of(row.string(5) + "\nalready served by: " + row.string(6)),
                context.isNewIndex(row.schema(), index)
                        ? "leave it out of " + context.script() + line.map(l -> " (line " + l + ")").orElse("")
                        + ": " + other + " serves the same queries"
                        : "drop it in a migration of its own: DROP INDEX CONCURRENTLY IF EXISTS "
                        + Names.qualified(row.schema(), index) + ";"));
    }
}
