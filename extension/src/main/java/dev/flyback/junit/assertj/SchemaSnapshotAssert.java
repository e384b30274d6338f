package dev.flyback.junit.assertj;

import java.util.Optional;
import java.util.stream.Collectors;

import org.apiguardian.api.API;
import org.assertj.core.api.AbstractObjectAssert;

import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * Assertions on a {@link SchemaSnapshot}; navigate to a table with {@link #table(String)}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SchemaSnapshotAssert extends AbstractObjectAssert<SchemaSnapshotAssert, SchemaSnapshot> {

    SchemaSnapshotAssert(SchemaSnapshot actual) {
        super(actual, SchemaSnapshotAssert.class);
    }

    /**
     * Asserts the table exists ({@code users} or {@code sales.orders}) and moves to it.
     *
     * <pre><code class='java'>
     * assertThat(snapshot).table("users");        // passes when public.users exists
     * assertThat(snapshot).table("no_such_table"); // fails, listing the tables there are
     * </code></pre>
     */
    public TableAssert table(String name) {
        isNotNull();
        Optional<SchemaObject> table = actual.table(name);
        if (table.isEmpty()) {
            failWithMessage("Expecting the schema to have table %s but it has: %s", name, tables());
        }
        return new TableAssert(this, actual, table.get());
    }

    /** Asserts no table of that name exists. */
    public SchemaSnapshotAssert doesNotHaveTable(String name) {
        isNotNull();
        if (actual.table(name).isPresent()) {
            failWithMessage("Expecting the schema not to have table %s but it does", name);
        }
        return this;
    }

    /** Asserts an enum type exists with exactly these values, in this order. */
    public SchemaSnapshotAssert hasEnum(String name, String... values) {
        isNotNull();
        Optional<SchemaObject> type = actual.objects(ObjectType.ENUM).stream()
                .filter(t -> t.name().equals(name) || (t.schema() + "." + t.name()).equals(name)).findFirst();
        if (type.isEmpty()) {
            failWithMessage("Expecting the schema to have enum type %s but it has: %s", name,
                    names(ObjectType.ENUM));
        }
        String expected = java.util.Arrays.stream(values).map(v -> "'" + v.replace("'", "''") + "'")
                .collect(Collectors.joining(", "));
        String found = type.get().property("values").orElse("");
        if (!found.equals(expected)) {
            failWithActualExpectedAndMessage(found, expected,
                    "Expecting enum %s to have values%n  %s%nbut had%n  %s", type.get().qualifiedName(), expected, found);
        }
        return this;
    }

    private String tables() {
        return names(ObjectType.TABLE);
    }

    private String names(ObjectType type) {
        return actual.objects(type).stream().map(SchemaObject::qualifiedName).collect(Collectors.joining(", ", "[", "]"));
    }
}
