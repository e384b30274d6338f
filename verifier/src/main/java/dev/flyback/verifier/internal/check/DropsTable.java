package dev.flyback.verifier.internal.check;

import java.util.List;
import java.util.Optional;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;

/** A table that existed before the revision is dropped, with its rows. */
final class DropsTable implements DiffRule {

    @Override
    public FindingType type() {
        return FindingType.DROPS_TABLE;
    }

    @Override
    public Optional<Finding> judge(SchemaDifference change, RuleContext context) {
        SchemaObject table = change.subject();
        if (!(change instanceof SchemaDifference.Removed) || table.type() != ObjectType.TABLE) {
            return Optional.empty();
        }
        return Optional.of(context.aboutStatement(type(), table.qualifiedName(), List.of("DROP", table.name()),
                "table " + table.sqlName() + " existed before " + context.revision().displayName()
                        + " and is dropped, with every row it held" + context.heldRows(table.sqlName()),
                "keep it until the code no longer reads it, and drop it in a later release; rename it instead if "
                        + "you may need the data back"));
    }
}
