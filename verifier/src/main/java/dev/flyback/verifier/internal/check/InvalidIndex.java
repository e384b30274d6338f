package dev.flyback.verifier.internal.check;

import java.util.List;
import java.util.Optional;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.snapshot.ObjectType;

/** An index left invalid (a failed {@code CREATE INDEX CONCURRENTLY}): maintained on every write, never used. */
final class InvalidIndex implements SchemaRule {

    @Override
    public FindingType type() {
        return FindingType.INVALID_INDEX;
    }

    /** The index was built or changed by the step. */
    @Override
    public boolean introduced(Row row, RuleContext context) {
        return context.changedOn(row.schema(), row.table(), ObjectType.INDEX, row.string(3));
    }

    @Override
    public Optional<Finding> judge(Row row, RuleContext context) {
        String index = Names.qualified(row.schema(), row.string(3));
        return Optional.of(FindingMessages.schemaRule(type(), context.revision(), Names.object(row.schema(),
                        row.string(3)), context.line(List.of(List.of(row.string(3)))),
                "index " + index + " is invalid: PostgreSQL maintains it on every write and never uses it",
                Optional.of(row.string(4)), "add to " + context.script() + "\nREINDEX INDEX " + index
                        + ";\n(or drop it and build it again with CREATE INDEX CONCURRENTLY in a migration of its "
                        + "own)"));
    }
}
