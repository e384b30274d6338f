package dev.flyback.verifier.internal.check;

import java.util.Optional;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.snapshot.ObjectType;

/** A foreign key joining columns of different types (it shares {@code ForeignKeys.sql} with the index rule). */
final class ForeignKeyTypeMismatch implements SchemaRule {

    @Override
    public FindingType type() {
        return FindingType.FK_TYPE_MISMATCH;
    }

    @Override
    public String query() {
        return "ForeignKeys.sql";
    }

    /** The key was added or changed, or a column of its table or of the table it references changed. */
    @Override
    public boolean introduced(Row row, RuleContext context) {
        String referenced = row.string(5).replace("\"", "");
        int dot = referenced.lastIndexOf('.');
        return context.changedOn(row.schema(), row.table(), ObjectType.CONSTRAINT, row.string(3))
                || context.lostOn(row.schema(), row.table(), ObjectType.COLUMN)
                || context.lostOn(dot < 0 ? row.schema() : referenced.substring(0, dot),
                        referenced.substring(dot + 1), ObjectType.COLUMN);
    }

    @Override
    public Optional<Finding> judge(Row row, RuleContext context) {
        String mismatches = row.string(7);
        if (mismatches == null) {
            return Optional.empty();
        }
        String name = row.string(3);
        // Text types that differ in length or padding still compare and join as text: what is at stake is a
        // referenced value longer than the referencing column holds, which the data decides. Other mismatches are
        // defects whatever the data: integer referencing bigint overflows once the keys grow.
        boolean texts = row.bool(9);
        return Optional.of(FindingMessages.schemaRule(type(), context.revision(),
                Names.object(row.schema(), row.table(), name), ForeignKeyWithoutIndex.line(row, context),
                "foreign key " + name + " on " + Names.qualified(row.schema(), row.table()) + " joins columns of "
                        + "different types: " + mismatches + (texts ? "; both are text, so it only matters for a "
                        + "referenced value longer than the referencing column holds" : ""),
                Optional.of(mismatches), "give the referencing column the referenced column's type: add to "
                        + context.script() + "\n" + row.string(8))
                .withSeverity(texts ? Severity.WARNING : type().defaultSeverity()));
    }
}
