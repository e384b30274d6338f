package dev.flyback.verifier.diff;

import static org.assertj.core.api.BDDAssertions.then;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.flyback.verifier.diff.SchemaDifference.Added;
import dev.flyback.verifier.diff.SchemaDifference.Changed;
import dev.flyback.verifier.diff.SchemaDifference.PropertyChange;
import dev.flyback.verifier.diff.SchemaDifference.Removed;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * The comparison walks both snapshots in order: what it reports must not depend on whether the two snapshots share
 * their unchanged objects (as a proof's do) or hold equal copies (as two full reads do), nor on where in the order
 * the differences fall.
 */
class SchemaDiffTests {

    @Test
    void should_report_added_removed_and_changed_objects_in_snapshot_order() {
        List<SchemaObject> tables = new ArrayList<>();
        for (int i = 10; i < 40; i++) {
            tables.add(table("t" + i, "heap"));
        }
        SchemaSnapshot before = new SchemaSnapshot(tables);

        List<SchemaObject> later = new ArrayList<>(before.objects());
        later.remove(table("t10", "heap"));                      // first object removed
        later.set(later.indexOf(table("t25", "heap")), table("t25", "columnar"));  // one in the middle changed
        later.remove(table("t39", "heap"));                      // last object removed
        later.add(table("t0", "heap"));                          // sorts first
        later.add(table("t255", "heap"));                        // sorts between t25 and t26
        later.add(table("t99", "heap"));                         // sorts last
        later.add(column("t12", "id"));                          // another kind of object
        SchemaSnapshot after = new SchemaSnapshot(later);

        List<SchemaDifference> shared = SchemaDiff.compare(before, after);
        List<SchemaDifference> copies = SchemaDiff.compare(copy(before), copy(after));

        then(shared).containsExactly(
                new Added(table("t0", "heap")),
                new Removed(table("t10", "heap")),
                new Changed(table("t25", "heap"), table("t25", "columnar"),
                        new TreeMap<>(Map.of("access", new PropertyChange("heap", "columnar")))),
                new Added(table("t255", "heap")),
                new Removed(table("t39", "heap")),
                new Added(table("t99", "heap")),
                new Added(column("t12", "id")));
        then(copies).isEqualTo(shared);
    }

    @Test
    void should_find_nothing_between_equal_snapshots_whether_shared_or_copied() {
        SchemaSnapshot snapshot = new SchemaSnapshot(List.of(table("a", "heap"), column("a", "id"),
                table("b", "heap")));

        then(SchemaDiff.compare(snapshot, snapshot)).isEmpty();
        then(SchemaDiff.compare(snapshot, copy(snapshot))).isEmpty();
        then(SchemaDiff.compare(new SchemaSnapshot(List.of()), snapshot)).hasSize(3).allMatch(d -> d instanceof Added);
        then(SchemaDiff.compare(snapshot, new SchemaSnapshot(List.of()))).hasSize(3)
                .allMatch(d -> d instanceof Removed);
    }

    /** Equal objects, none of them the same instance. */
    private static SchemaSnapshot copy(SchemaSnapshot snapshot) {
        List<SchemaObject> copies = new ArrayList<>();
        snapshot.objects().forEach(o -> copies.add(new SchemaObject(o.type(), new String(o.schema()), o.table(),
                new String(o.name()), o.arguments(), new TreeMap<>(o.properties()))));
        return new SchemaSnapshot(copies);
    }

    private static SchemaObject table(String name, String access) {
        return new SchemaObject(ObjectType.TABLE, "public", Optional.empty(), name, Optional.empty(),
                new TreeMap<>(Map.of("access", access)));
    }

    private static SchemaObject column(String table, String name) {
        return new SchemaObject(ObjectType.COLUMN, "public", Optional.of(table), name, Optional.empty(),
                new TreeMap<>(Map.of("type", "integer")));
    }
}
