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
        // Both lists are in snapshot order: one walk pairs them. Snapshots a proof takes share the objects a step
        // left alone, so most pairs are the same instance and are passed without naming them.
        List<SchemaObject> old = before.objects();
        List<SchemaObject> now = after.objects();
        List<SchemaDifference> differences = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < old.size() || j < now.size()) {
            SchemaObject was = i < old.size() ? old.get(i) : null;
            SchemaObject is = j < now.size() ? now.get(j) : null;
            if (was == is) {
                i++;
                j++;
                continue;
            }
            int order = was == null ? 1 : is == null ? -1 : was.compareTo(is);
            if (order < 0) {
                differences.add(new SchemaDifference.Removed(was));
                i++;
            } else if (order > 0) {
                differences.add(new SchemaDifference.Added(is));
                j++;
            } else {
                if (!was.equals(is)) {
                    differences.add(new SchemaDifference.Changed(was, is, new TreeMap<>(changes(was, is))));
                }
                i++;
                j++;
            }
        }
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
