package dev.flyback.verifier.internal.check;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.snapshot.Identifiers;
import dev.flyback.verifier.snapshot.ObjectType;

/** {@code ON DELETE SET NULL} (or {@code ON UPDATE}) on a NOT NULL column: every such delete fails. */
final class SetNullOnNotNull implements SchemaRule {

    @Override
    public FindingType type() {
        return FindingType.FK_SET_NULL_ON_NOT_NULL;
    }

    /** The key was added or changed, or a column of its table changed (made NOT NULL, maybe). */
    @Override
    public boolean introduced(Row row, RuleContext context) {
        return context.changedOn(row.schema(), row.table(), ObjectType.CONSTRAINT, row.string(3))
                || context.lostOn(row.schema(), row.table(), ObjectType.COLUMN);
    }

    @Override
    public Optional<Finding> judge(Row row, RuleContext context) {
        String table = Names.qualified(row.schema(), row.table());
        String name = row.string(3);
        String columns = row.string(5);
        String action = row.string(6);
        return Optional.of(FindingMessages.schemaRule(type(), context.revision(),
                Names.object(row.schema(), row.table(), name),
                context.line(List.of(List.of(name), List.of("set null"))),
                "foreign key " + Identifiers.quote(name) + " on " + table + " sets " + columns + " to NULL " + action
                        + ", but " + columns + " cannot be NULL: every such "
                        + action.substring(3).toLowerCase(Locale.ROOT) + " of a referenced row fails",
                Optional.of(row.string(4)), "add to " + context.script() + "\nALTER TABLE " + table
                        + " ALTER COLUMN " + columns.split(", ")[0] + " DROP NOT NULL;"
                        + (columns.contains(", ") ? "\n(and the same for " + columns.substring(
                        columns.indexOf(", ") + 2) + ")" : "")
                        + "\n(or, if the rows should go with the row they reference, declare the foreign key "
                        + action + " CASCADE instead)"));
    }
}
