package dev.flyback.junit.assertj;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;
import org.assertj.core.api.AbstractObjectAssert;

import dev.flyback.verifier.snapshot.SchemaObject;

/**
 * Assertions on one foreign-key constraint.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ForeignKeyAssert extends AbstractObjectAssert<ForeignKeyAssert, SchemaObject> {
    private static final Pattern FOREIGN_KEY = Pattern.compile(
            "^FOREIGN KEY \\((.+?)\\) REFERENCES (.+?)\\((.+?)\\)(.*)$");
    private final TableAssert parent;

    ForeignKeyAssert(TableAssert parent, SchemaObject constraint) {
        super(constraint, ForeignKeyAssert.class);
        this.parent = parent;
    }

    /** Asserts the referencing columns, in order. */
    public ForeignKeyAssert isOn(String... columns) {
        return check(1, String.join(", ", columns), "to be on columns");
    }

    /** Asserts the referenced table and columns: {@code references("users", "id")}. */
    public ForeignKeyAssert references(String table, String... columns) {
        check(2, table, "to reference table");
        return columns.length == 0 ? this : check(3, String.join(", ", columns), "to reference columns");
    }

    /** Asserts the {@code ON DELETE} action: {@code CASCADE}, {@code SET NULL}, ... */
    public ForeignKeyAssert hasOnDelete(String action) {
        isNotNull();
        String definition = actual.property("definition").orElse("");
        if (!definition.contains("ON DELETE " + action)) {
            failWithMessage("Expecting foreign key %s to have ON DELETE %s but its definition is%n  %s",
                    actual.qualifiedName(), action, definition);
        }
        return this;
    }

    /** Back to the table. */
    public TableAssert returnToTable() {
        return parent;
    }

    private ForeignKeyAssert check(int group, String expected, String what) {
        isNotNull();
        String definition = actual.property("definition").orElse("");
        Matcher matcher = FOREIGN_KEY.matcher(definition);
        String found = matcher.matches() ? matcher.group(group) : definition;
        if (!found.equals(expected)) {
            failWithActualExpectedAndMessage(found, expected, "Expecting foreign key %s %s%n  %s%nbut was%n  %s%n(%s)",
                    actual.qualifiedName(), what, expected, found, definition);
        }
        return this;
    }
}
