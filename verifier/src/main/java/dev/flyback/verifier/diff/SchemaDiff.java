package dev.flyback.verifier.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.apiguardian.api.API;

import dev.flyback.verifier.diff.SchemaDifference.PropertyChange;
import dev.flyback.verifier.snapshot.SchemaObject;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * Compares two snapshots.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SchemaDiff {

    private SchemaDiff() {
    }

    /**
     * Every object added, removed or changed from {@code before} to {@code after}, in snapshot order.
     * When both snapshots are equal the answer is empty, cheaply.
     */
    public static List<SchemaDifference> compare(SchemaSnapshot before, SchemaSnapshot after) {
        if (before.equals(after)) {
            return List.of();
        }
        Map<String, SchemaObject> old = before.byKey();
        Map<String, SchemaObject> now = after.byKey();
        List<SchemaDifference> differences = new ArrayList<>();
        for (SchemaObject object : before.objects()) {
            SchemaObject later = now.get(object.key());
            if (later == null) {
                differences.add(new SchemaDifference.Removed(object));
            } else if (!later.equals(object)) {
                differences.add(new SchemaDifference.Changed(object, later, new TreeMap<>(changes(object, later))));
            }
        }
        for (SchemaObject object : after.objects()) {
            if (!old.containsKey(object.key())) {
                differences.add(new SchemaDifference.Added(object));
            }
        }
        differences.sort((a, b) -> a.subject().compareTo(b.subject()));
        return List.copyOf(differences);
    }

    private static Map<String, PropertyChange> changes(SchemaObject before, SchemaObject after) {
        Set<String> keys = new TreeSet<>(before.properties().keySet());
        keys.addAll(after.properties().keySet());
        Map<String, PropertyChange> changes = new TreeMap<>();
        for (String key : keys) {
            String was = before.properties().getOrDefault(key, PropertyChange.ABSENT);
            String is = after.properties().getOrDefault(key, PropertyChange.ABSENT);
            if (!Objects.equals(was, is)) {
                changes.put(key, new PropertyChange(was, is));
            }
        }
        return changes;
    }
}
