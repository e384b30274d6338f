package dev.flyback.verifier.diff;

import static java.util.Objects.requireNonNull;

import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apiguardian.api.API;

import dev.flyback.verifier.snapshot.SchemaObject;

/**
 * One difference between two snapshots: an object added, removed, or changed.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public sealed interface SchemaDifference permits SchemaDifference.Added, SchemaDifference.Removed,
        SchemaDifference.Changed {

    /** The object concerned (for a change, its state afterwards). */
    SchemaObject subject();

    /**
     * An object present only afterwards.
     *
     * @param subject the object
     */
    record Added(SchemaObject subject) implements SchemaDifference {
        public Added {
            requireNonNull(subject, "subject must not be null");
        }
    }

    /**
     * An object present only before.
     *
     * @param subject the object
     */
    record Removed(SchemaObject subject) implements SchemaDifference {
        public Removed {
            requireNonNull(subject, "subject must not be null");
        }
    }

    /**
     * An object present in both, with different properties.
     *
     * @param before the object before
     * @param subject the object afterwards
     * @param changes the changed properties, by key
     */
    record Changed(SchemaObject before, SchemaObject subject, SortedMap<String, PropertyChange> changes)
            implements SchemaDifference {
        public Changed {
            requireNonNull(before, "before must not be null");
            requireNonNull(subject, "subject must not be null");
            changes = Collections.unmodifiableSortedMap(new TreeMap<>(changes));
        }

        /** Whether the object was renamed (or moved to another table or schema): its name differs. */
        public boolean renamed() {
            return !before.key().equals(subject.key());
        }
    }

    /**
     * A property's value before and after; {@code <absent>} where it had none.
     *
     * @param before the value before
     * @param after the value after
     */
    record PropertyChange(String before, String after) {
        /** The word shown for a property that has no value. */
        public static final String ABSENT = "<absent>";
    }
}
