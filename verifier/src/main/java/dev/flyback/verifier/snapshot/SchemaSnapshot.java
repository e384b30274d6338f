package dev.flyback.verifier.snapshot;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.RandomAccess;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

/**
 * The schema of a database at one moment: every object Flyback compares, sorted by kind and qualified name.
 *
 * <p>Flyway's history tables are left out. Snapshots are values: two snapshots of the same schema are equal.
 *
 * @param objects the objects, sorted
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record SchemaSnapshot(List<SchemaObject> objects) {

    public SchemaSnapshot {
        if (!(objects instanceof Sorted)) {
            // Each object's qualified name is built once, not once per comparison: a schema holds thousands of
            // objects.
            List<Keyed> keyed = new ArrayList<>(objects.size());
            objects.forEach(o -> keyed.add(new Keyed(o, o.qualifiedName())));
            keyed.sort(Keyed.ORDER);
            List<SchemaObject> sorted = new ArrayList<>(keyed.size());
            keyed.forEach(k -> sorted.add(k.object()));
            objects = new Sorted(sorted);
        }
    }

    /**
     * A snapshot of objects already in snapshot order, taken as they are: {@link CatalogTracker} merges a step's few
     * changes into the previous snapshot's order instead of sorting the whole schema again after every step.
     */
    static SchemaSnapshot ofSorted(List<SchemaObject> sorted) {
        return new SchemaSnapshot(new Sorted(sorted));
    }

    /** An object with its qualified name, sorted as {@link SchemaObject#compareTo} sorts. */
    private record Keyed(SchemaObject object, String name) {
        static final java.util.Comparator<Keyed> ORDER = java.util.Comparator.comparing((Keyed k) -> k.object().type())
                .thenComparing(Keyed::name);
    }

    /** The unmodifiable list of a snapshot's objects, which are in snapshot order. */
    private static final class Sorted extends AbstractList<SchemaObject> implements RandomAccess {
        private final List<SchemaObject> objects;

        Sorted(List<SchemaObject> objects) {
            this.objects = objects;
        }

        @Override
        public SchemaObject get(int index) {
            return objects.get(index);
        }

        @Override
        public int size() {
            return objects.size();
        }
    }

    /** The objects by {@link SchemaObject#key()}, in snapshot order. */
    public Map<String, SchemaObject> byKey() {
        return objects.stream().collect(Collectors.toMap(SchemaObject::key, o -> o, (a, b) -> a, LinkedHashMap::new));
    }

    /** The objects of one kind. */
    public List<SchemaObject> objects(ObjectType type) {
        return objects.stream().filter(o -> o.type() == type).collect(Collectors.toList());
    }

    /** Looks up an object by kind and qualified name ({@code "public"."users"}). */
    public Optional<SchemaObject> find(ObjectType type, String qualifiedName) {
        return objects.stream().filter(o -> o.type() == type && o.qualifiedName().equals(qualifiedName)).findFirst();
    }

    /** The table of that name, looked up unqualified ({@code users}) or qualified ({@code sales.orders}). */
    public Optional<SchemaObject> table(String name) {
        return objects(ObjectType.TABLE).stream().filter(t -> matches(t, name)).findFirst();
    }

    /** The objects that belong to the given table (columns, constraints, indexes, triggers, policies, rules). */
    public List<SchemaObject> children(SchemaObject table) {
        return objects.stream()
                .filter(o -> o.schema().equals(table.schema()) && o.table().equals(Optional.of(table.name())))
                .collect(Collectors.toList());
    }

    /** The number of objects. */
    public int size() {
        return objects.size();
    }

    private static boolean matches(SchemaObject object, String name) {
        return name.equals(object.name()) || name.equals(object.schema() + "." + object.name());
    }
}
