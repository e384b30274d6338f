package dev.flyback.verifier.internal.check;

import java.util.List;
import java.util.Optional;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.snapshot.Identifiers;
import dev.flyback.verifier.snapshot.ObjectType;

/** A foreign key on the same columns to the same target as an older one: the newer is reported, and dropped. */
final class DuplicateForeignKey implements SchemaRule {

    @Override
    public FindingType type() {
        return FindingType.FK_DUPLICATE;
    }

    /** Either key was added or changed. */
    @Override
    public boolean introduced(Row row, RuleContext context) {
        return context.changedOn(row.schema(), row.table(), ObjectType.CONSTRAINT, row.string(3), row.string(4));
    }

    @Override
    public Optional<Finding> judge(Row row, RuleContext context) {
        String table = Names.qualified(row.schema(), row.table());
        String duplicate = row.string(3);
        return Optional.of(FindingMessages.schemaRule(type(), context.revision(),
                Names.object(row.schema(), row.table(), duplicate),
                context.line(List.of(List.of(duplicate), List.of("foreign key", "references"))),
                "foreign key " + Identifiers.quote(duplicate) + " on " + table + " repeats "
                        + Identifiers.quote(row.string(4)) + " (same columns, same target): every write checks the "
                        + "same rows twice", Optional.of(row.string(5)),
                "add to " + context.script() + "\nALTER TABLE " + table + " DROP CONSTRAINT "
                        + Identifiers.quote(duplicate) + ";"));
    }
}
