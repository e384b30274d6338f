package dev.flyback.verifier;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.flyback.verifier.diff.SchemaDiff;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;

/**
 * Keeps one finding per cause: when a table is left behind, its columns, indexes and constraints are not reported
 * again; when a schema is, nothing inside it is; an index that backs a constraint goes with the constraint.
 */
final class DifferenceFolding {

    private DifferenceFolding() {
    }

    static List<SchemaDifference> fold(List<SchemaDifference> differences) {
        differences = SchemaDiff.withoutEchoesOfRenames(differences);
        Set<String> wholes = new HashSet<>();
        for (SchemaDifference difference : differences) {
            if (difference instanceof SchemaDifference.Changed) {
                continue;
            }
            SchemaObject subject = difference.subject();
            String direction = difference.getClass().getSimpleName();
            if (subject.type() == ObjectType.SCHEMA) {
                wholes.add(direction + " schema " + subject.name());
            } else if (subject.table().isEmpty()) {
                wholes.add(direction + " relation " + subject.schema() + "." + subject.name());
            } else if (subject.type() == ObjectType.CONSTRAINT) {
                wholes.add(direction + " constraint " + subject.schema() + "." + subject.name());
            }
        }
        return differences.stream().filter(d -> !isPartOfWhole(d, wholes)).toList();
    }

    /** A change of nothing but a column's position: information, reported once after the undo. */
    static boolean onlyColumnOrder(SchemaDifference difference) {
        return difference instanceof SchemaDifference.Changed changed
                && changed.changes().keySet().equals(Set.of("position"));
    }

    private static boolean isPartOfWhole(SchemaDifference difference, Set<String> wholes) {
        if (difference instanceof SchemaDifference.Changed) {
            return false;
        }
        SchemaObject subject = difference.subject();
        String direction = difference.getClass().getSimpleName();
        if (subject.type() != ObjectType.SCHEMA && wholes.contains(direction + " schema " + subject.schema())) {
            return true;
        }
        if (subject.table().isPresent()
                && wholes.contains(direction + " relation " + subject.schema() + "." + subject.table().get())) {
            return true;
        }
        return subject.type() == ObjectType.INDEX
                && wholes.contains(direction + " constraint " + subject.schema() + "." + subject.name());
    }
}
