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
     *
     * <p>An object that keeps its identity under another name (PostgreSQL's OID, a column's attnum: both snapshots
     * read from the same database) is renamed, not removed and added: a {@link SchemaDifference.Changed} whose
     * changes include {@value #NAME}, {@value #TABLE} or {@value #SCHEMA}. Snapshots of different databases share
     * no identity, and their objects are paired by name alone.
     */
    public static List<SchemaDifference> compare(SchemaSnapshot before, SchemaSnapshot after) {
        Map<String, SchemaObject> reidentified = new java.util.HashMap<>();
        List<SchemaDifference> differences = byName(before, after, reidentified);
        boolean added = differences.stream().anyMatch(d -> d instanceof SchemaDifference.Added);
        return added ? renames(differences, reidentified, after) : differences;
    }

    /**
     * Every object added, removed or changed from {@code before} to {@code after}, objects paired by name alone: for
     * snapshots of two databases (the head of a history and a target schema), whose numbering means nothing to each
     * other, so that no rename is read into it.
     */
    public static List<SchemaDifference> compareByName(SchemaSnapshot before, SchemaSnapshot after) {
        return byName(before, after, new java.util.HashMap<>());
    }

    /** The change key of an object's name when it was renamed. */
    public static final String NAME = "name";
    /** The change key of the table an object belongs to, when that table was renamed or it moved. */
    public static final String TABLE = "table";
    /** The change key of an object's schema, when it moved to another. */
    public static final String SCHEMA = "schema";

    /**
     * Pairs removed and added objects of the same kind and identity as renames. An added object whose identity
     * belonged to an object that kept its name (its old name was taken by a new object: {@code RENAME COLUMN a TO
     * b, ADD COLUMN a}) is a rename too, and the object under the old name is added.
     */
    private static List<SchemaDifference> renames(List<SchemaDifference> differences,
                                                  Map<String, SchemaObject> reidentified, SchemaSnapshot after) {
        Map<String, SchemaObject> gone = new java.util.HashMap<>();
        differences.stream().filter(d -> d instanceof SchemaDifference.Removed)
                .map(SchemaDifference::subject).filter(o -> !o.identity().isEmpty())
                .forEach(o -> gone.put(o.type() + " " + o.identity(), o));
        List<SchemaDifference> result = new ArrayList<>(differences.size());
        Set<SchemaObject> paired = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Set<String> reused = new java.util.HashSet<>();
        List<SchemaDifference> extra = new ArrayList<>();
        for (SchemaDifference difference : differences) {
            if (!(difference instanceof SchemaDifference.Added added) || added.subject().identity().isEmpty()) {
                continue;
            }
            SchemaObject now = added.subject();
            String identity = now.type() + " " + now.identity();
            SchemaObject was = gone.get(identity);
            if (was == null) {
                // Its old name may now belong to another object, which the walk by name paired with it.
                was = reidentified.get(identity);
                if (was == null) {
                    continue;
                }
                reused.add(was.key());
            }
            paired.add(was);
            paired.add(now);
            extra.add(renamed(was, now));
        }
        if (paired.isEmpty()) {
            return differences;
        }
        for (SchemaDifference difference : differences) {
            if (paired.contains(difference.subject())
                    && !(difference instanceof SchemaDifference.Changed)) {
                continue;
            }
            if (difference instanceof SchemaDifference.Changed changed && reused.contains(changed.before().key())) {
                result.add(new SchemaDifference.Added(changed.subject()));
                continue;
            }
            result.add(difference);
        }
        // A reused name whose new object equals the old one gave no difference in the walk: it is added all the same.
        for (String key : reused) {
            if (result.stream().noneMatch(d -> d.subject().key().equals(key))) {
                after.objects().stream().filter(o -> o.key().equals(key)).findFirst()
                        .ifPresent(o -> result.add(new SchemaDifference.Added(o)));
            }
        }
        result.addAll(extra);
        result.sort(java.util.Comparator.comparing(SchemaDifference::subject));
        return List.copyOf(result);
    }

    /**
     * The differences without those that only follow from a rename among them: the columns, indexes and
     * constraints of a renamed table, a foreign key or a view that names a renamed table or column. What is left
     * of such a change (its name, table or schema, and every definition) is as before once the old names are read
     * as the new ones.
     */
    public static List<SchemaDifference> withoutEchoesOfRenames(List<SchemaDifference> differences) {
        List<SchemaDifference.Changed> renames = differences.stream()
                .filter(d -> d instanceof SchemaDifference.Changed c && c.renamed())
                .map(d -> (SchemaDifference.Changed) d).toList();
        if (renames.isEmpty()) {
            return differences;
        }
        List<SchemaDifference> kept = new ArrayList<>();
        for (SchemaDifference difference : differences) {
            if (!(difference instanceof SchemaDifference.Changed change)) {
                kept.add(difference);
                continue;
            }
            TreeMap<String, PropertyChange> left = new TreeMap<>();
            change.changes().forEach((key, value) -> {
                if (!echo(key, value, renames)) {
                    left.put(key, value);
                }
            });
            if (!left.isEmpty()) {
                kept.add(left.size() == change.changes().size() ? change
                        : new SchemaDifference.Changed(change.before(), change.subject(), left));
            }
        }
        return List.copyOf(kept);
    }

    /**
     * Whether a property change only follows from renames: its old value, with every renamed object's old name read
     * as its new one, is its new value. An object's own new name is never an echo.
     */
    private static boolean echo(String key, PropertyChange change, List<SchemaDifference.Changed> renames) {
        if (key.equals(NAME)) {
            return false;
        }
        String before = change.before();
        for (SchemaDifference.Changed rename : renames) {
            before = renamedIn(before, rename.before(), rename.subject());
        }
        return before.equals(change.after());
    }

    /** {@code text} with the old names of a renamed object written as the new ones, where they stand as words. */
    private static String renamedIn(String text, SchemaObject was, SchemaObject now) {
        String result = text;
        if (!was.name().equals(now.name())) {
            result = words(result, was.name(), now.name());
        }
        if (!was.schema().equals(now.schema())) {
            result = words(result, was.schema(), now.schema());
        }
        return result;
    }

    private static String words(String text, String from, String to) {
        return text.replaceAll("(?<![\\w$])" + java.util.regex.Pattern.quote(from) + "(?![\\w$])",
                java.util.regex.Matcher.quoteReplacement(to));
    }

    /** The rename of {@code was} to {@code now}, with whatever else changed. */
    private static SchemaDifference.Changed renamed(SchemaObject was, SchemaObject now) {
        TreeMap<String, PropertyChange> changes = new TreeMap<>(changes(was, now));
        if (!was.schema().equals(now.schema())) {
            changes.put(SCHEMA, new PropertyChange(was.schema(), now.schema()));
        }
        if (!was.table().equals(now.table())) {
            changes.put(TABLE, new PropertyChange(was.table().orElse(PropertyChange.ABSENT),
                    now.table().orElse(PropertyChange.ABSENT)));
        }
        if (!was.name().equals(now.name())) {
            changes.put(NAME, new PropertyChange(was.name(), now.name()));
        }
        return new SchemaDifference.Changed(was, now, changes);
    }

    /**
     * The walk by name of two snapshots in snapshot order; objects paired by name whose identity differs (the same
     * name on another object) go to {@code reidentified}, by the earlier object's kind and identity.
     */
    private static List<SchemaDifference> byName(SchemaSnapshot before, SchemaSnapshot after,
                                                 Map<String, SchemaObject> reidentified) {
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
                if (!was.identity().isEmpty() && !was.identity().equals(is.identity())) {
                    reidentified.put(was.type() + " " + was.identity(), was);
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
