package dev.flyback.junit.assertj;

import org.apiguardian.api.API;
import org.assertj.core.api.AbstractObjectAssert;

import dev.flyback.verifier.snapshot.SchemaObject;

/**
 * Assertions on one index.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class IndexAssert extends AbstractObjectAssert<IndexAssert, SchemaObject> {
    private final TableAssert parent;

    IndexAssert(TableAssert parent, SchemaObject index) {
        super(index, IndexAssert.class);
        this.parent = parent;
    }

    /** Asserts the index's key columns (or expressions), in order. */
    public IndexAssert isOn(String... columns) {
        isNotNull();
        String expected = String.join(", ", columns);
        String found = actual.property("columns").orElse("");
        if (!found.equals(expected)) {
            failWithActualExpectedAndMessage(found, expected, "Expecting index %s to be on%n  (%s)%nbut it is on%n  (%s)",
                    actual.qualifiedName(), expected, found);
        }
        return this;
    }

    /** Asserts the index is unique. */
    public IndexAssert isUnique() {
        isNotNull();
        if (!"true".equals(actual.property("unique").orElse(""))) {
            failWithMessage("Expecting index %s to be unique but it is not: %s", actual.qualifiedName(),
                    actual.property("definition").orElse(""));
        }
        return this;
    }

    /** Asserts the index is partial, with this predicate as PostgreSQL prints it. */
    public IndexAssert hasPredicate(String predicate) {
        isNotNull();
        String found = actual.property("predicate").orElse("<none>");
        if (!found.equals(predicate)) {
            failWithActualExpectedAndMessage(found, predicate, "Expecting index %s to have predicate%n  %s%nbut had%n  %s",
                    actual.qualifiedName(), predicate, found);
        }
        return this;
    }

    /** Back to the table. */
    public TableAssert returnToTable() {
        return parent;
    }
}
