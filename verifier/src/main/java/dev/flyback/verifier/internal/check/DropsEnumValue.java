package dev.flyback.verifier.internal.check;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;

/** An enum type loses values (by being re-created): rows holding them cannot survive. */
final class DropsEnumValue implements DiffRule {

    @Override
    public FindingType type() {
        return FindingType.DROPS_ENUM_VALUE;
    }

    @Override
    public Optional<Finding> judge(SchemaDifference change, RuleContext context) {
        if (!(change instanceof SchemaDifference.Changed changed) || changed.before().type() != ObjectType.ENUM
                || !changed.changes().containsKey("values")) {
            return Optional.empty();
        }
        SchemaObject before = changed.before();
        Set<String> after = new HashSet<>(values(changed.subject().property("values").orElse("")));
        List<String> lost = values(before.property("values").orElse("")).stream()
                .filter(v -> !after.contains(v)).toList();
        if (lost.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(context.aboutStatement(type(), before.qualifiedName(), List.of(before.name()),
                "enum " + before.sqlName() + " loses " + String.join(", ", lost)
                        + ": rows holding them cannot be converted", "map those rows to a remaining value "
                        + "(UPDATE ... SET ... WHERE col = ...) before re-creating the type"));
    }

    private static List<String> values(String list) {
        return list.isEmpty() ? List.of() : Arrays.stream(list.split(", ")).map(String::strip).toList();
    }
}
