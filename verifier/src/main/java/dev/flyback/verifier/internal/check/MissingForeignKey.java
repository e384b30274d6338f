package dev.flyback.verifier.internal.check;

import java.util.List;
import java.util.Optional;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.snapshot.Identifiers;
import dev.flyback.verifier.snapshot.ObjectType;

/** A column named like another table's key, of its type, with no foreign key: is it meant to be one? */
final class MissingForeignKey implements SchemaRule {

    @Override
    public FindingType type() {
        return FindingType.MISSING_FOREIGN_KEY;
    }

    /**
     * The column was added or changed, the table lost a constraint (its foreign key, maybe), or the table the column
     * seems to reference was created.
     */
    @Override
    public boolean introduced(Row row, RuleContext context) {
        return context.changedOn(row.schema(), row.table(), ObjectType.COLUMN, row.string(3))
                || context.lostOn(row.schema(), row.table(), ObjectType.CONSTRAINT)
                || context.isNewTable(row.string(4), row.string(5));
    }

    @Override
    public Optional<Finding> judge(Row row, RuleContext context) {
        String table = Names.qualified(row.schema(), row.table());
        String column = Identifiers.quote(row.string(3));
        String target = Names.qualified(row.string(4), row.string(5));
        String add = "if it is, add to " + context.script() + "\nALTER TABLE " + table + " ADD FOREIGN KEY ("
                + column + ") REFERENCES " + target;
        return Optional.of(FindingMessages.schemaRule(type(), context.revision(),
                Names.object(row.schema(), row.table()) + "." + Identifiers.quoteAlways(row.string(3)),
                context.line(List.of(List.of(row.string(3)))),
                "column " + table + "." + column + " (" + row.string(7) + ") looks like a reference to " + target
                        + "." + Identifiers.quote(row.string(6)) + " but has no foreign key: is it meant to be one?",
                Optional.empty(), context.isNewTable(row.schema(), row.table()) ? add + ";"
                        : add + " NOT VALID;\n(then VALIDATE CONSTRAINT in a later migration: validating takes only "
                        + "SHARE UPDATE EXCLUSIVE)"));
    }
}
