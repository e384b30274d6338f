package dev.flyback.verifier.internal.check;

import java.util.List;
import java.util.Optional;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;

/** A column that existed before the revision is dropped, with its values (not as part of its dropped table). */
final class DropsColumn implements DiffRule {

    @Override
    public FindingType type() {
        return FindingType.DROPS_COLUMN;
    }

    @Override
    public Optional<Finding> judge(SchemaDifference change, RuleContext context) {
        SchemaObject column = change.subject();
        if (!(change instanceof SchemaDifference.Removed) || column.type() != ObjectType.COLUMN
                || context.dropsRelation(column.schema(), column.table().orElse(""))) {
            return Optional.empty();
        }
        String table = column.sqlTable().orElse("");
        return Optional.of(context.aboutStatement(type(), column.qualifiedName(), List.of("DROP", column.name()),
                "column " + table + "." + column.name() + " existed before " + context.revision().displayName()
                        + " and is dropped, with its values" + context.heldValues(table, column.name()),
                "stop writing and reading it first; drop it in a later release (expand, then contract)"));
    }
}
