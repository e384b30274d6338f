package dev.flyback.verifier.internal.check;

import java.util.List;
import java.util.Optional;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;

/** A schema that existed before the revision is dropped, with everything in it. */
final class DropsSchema implements DiffRule {

    @Override
    public FindingType type() {
        return FindingType.DROPS_SCHEMA;
    }

    @Override
    public Optional<Finding> judge(SchemaDifference change, RuleContext context) {
        SchemaObject schema = change.subject();
        if (!(change instanceof SchemaDifference.Removed) || schema.type() != ObjectType.SCHEMA) {
            return Optional.empty();
        }
        return Optional.of(context.aboutStatement(type(), schema.qualifiedName(), List.of("DROP", schema.name()),
                "schema " + schema.sqlName() + " existed before " + context.revision().displayName()
                        + " and is dropped, with everything in it", "drop what is in it explicitly, object by "
                        + "object, so the loss is visible in review"));
    }
}
