package dev.flyback.junit.assertj;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apiguardian.api.API;
import org.assertj.core.api.AbstractObjectAssert;

import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * Assertions on one table of a snapshot: navigate to its columns, indexes and foreign keys.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class TableAssert extends AbstractObjectAssert<TableAssert, SchemaObject> {
    private final SchemaSnapshotAssert parent;
    private final SchemaSnapshot snapshot;

    TableAssert(SchemaSnapshotAssert parent, SchemaSnapshot snapshot, SchemaObject table) {
        super(table, TableAssert.class);
        this.parent = parent;
        this.snapshot = snapshot;
    }

    /** Asserts the column exists and moves to it. */
    public ColumnAssert column(String name) {
        return new ColumnAssert(this, child(ObjectType.COLUMN, name, "column"));
    }

    /** Asserts the index exists on this table and moves to it. */
    public IndexAssert index(String name) {
        return new IndexAssert(this, child(ObjectType.INDEX, name, "index"));
    }

    /** Asserts the foreign-key constraint exists on this table and moves to it. */
    public ForeignKeyAssert foreignKey(String name) {
        SchemaObject constraint = child(ObjectType.CONSTRAINT, name, "foreign key");
        if (!"FOREIGN KEY".equals(constraint.property("kind").orElse(""))) {
            failWithMessage("Expecting %s to be a foreign key but it is a %s", constraint.qualifiedName(),
                    constraint.property("kind").orElse("?"));
        }
        return new ForeignKeyAssert(this, constraint);
    }

    /** Asserts the table has a column of that name. */
    public TableAssert hasColumn(String name) {
        column(name);
        return this;
    }

    /** Asserts the table has no column of that name. */
    public TableAssert doesNotHaveColumn(String name) {
        if (find(ObjectType.COLUMN, name).isPresent()) {
            failWithMessage("Expecting table %s not to have column %s but it does", actual.qualifiedName(), name);
        }
        return this;
    }

    /** Back to the snapshot. */
    public SchemaSnapshotAssert returnToSnapshot() {
        return parent;
    }

    private SchemaObject child(ObjectType type, String name, String word) {
        isNotNull();
        Optional<SchemaObject> child = find(type, name);
        if (child.isEmpty()) {
            failWithMessage("Expecting table %s to have %s %s but it has: %s", actual.qualifiedName(), word, name,
                    children(type).stream().map(SchemaObject::name).collect(Collectors.joining(", ", "[", "]")));
        }
        return child.get();
    }

    private Optional<SchemaObject> find(ObjectType type, String name) {
        return children(type).stream().filter(o -> o.name().equals(name)).findFirst();
    }

    private List<SchemaObject> children(ObjectType type) {
        return snapshot.children(actual).stream().filter(o -> o.type() == type).toList();
    }
}
