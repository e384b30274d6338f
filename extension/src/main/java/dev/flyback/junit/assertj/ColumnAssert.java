package dev.flyback.junit.assertj;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;
import org.assertj.core.api.AbstractObjectAssert;

import dev.flyback.verifier.snapshot.SchemaObject;

/**
 * Assertions on one column.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class ColumnAssert extends AbstractObjectAssert<ColumnAssert, SchemaObject> {
    private static final Map<String, String> ALIASES = Map.ofEntries(
            Map.entry("varchar", "character varying"), Map.entry("char", "character"),
            Map.entry("int", "integer"), Map.entry("int4", "integer"), Map.entry("int8", "bigint"),
            Map.entry("int2", "smallint"), Map.entry("bool", "boolean"), Map.entry("float8", "double precision"),
            Map.entry("float4", "real"), Map.entry("decimal", "numeric"),
            Map.entry("timestamptz", "timestamp with time zone"), Map.entry("timestamp", "timestamp without time zone"),
            Map.entry("timetz", "time with time zone"), Map.entry("time", "time without time zone"));
    private static final Pattern TYPE = Pattern.compile("^([a-z0-9 ]+?)\\s*(\\(.*\\))?$");

    private final TableAssert parent;

    ColumnAssert(TableAssert parent, SchemaObject column) {
        super(column, ColumnAssert.class);
        this.parent = parent;
    }

    /**
     * Asserts the column's type, in PostgreSQL's words or a common alias: {@code varchar(50)} matches
     * {@code character varying(50)}, {@code timestamptz} matches {@code timestamp with time zone}.
     */
    public ColumnAssert hasType(String expected) {
        isNotNull();
        String type = actual.property("type").orElse("");
        if (!normalise(expected).equals(normalise(type))) {
            failWithActualExpectedAndMessage(type, expected, "Expecting column %s to have type%n  %s%nbut was%n  %s",
                    actual.qualifiedName(), expected, type);
        }
        return this;
    }

    /** Asserts the column is NOT NULL. */
    public ColumnAssert isNotNullable() {
        isNotNull();
        if (!"false".equals(actual.property("nullable").orElse(""))) {
            failWithMessage("Expecting column %s to be NOT NULL but it is nullable", actual.qualifiedName());
        }
        return this;
    }

    /** Asserts the column accepts NULL. */
    public ColumnAssert isNullable() {
        isNotNull();
        if (!"true".equals(actual.property("nullable").orElse(""))) {
            failWithMessage("Expecting column %s to be nullable but it is NOT NULL", actual.qualifiedName());
        }
        return this;
    }

    /** Asserts the column's default expression as PostgreSQL prints it, e.g. {@code 'member'::character varying}. */
    public ColumnAssert hasDefault(String expected) {
        isNotNull();
        String found = actual.property("default").orElse("<none>");
        if (!found.equals(expected)) {
            failWithActualExpectedAndMessage(found, expected, "Expecting column %s to have default%n  %s%nbut had%n  %s",
                    actual.qualifiedName(), expected, found);
        }
        return this;
    }

    /** Back to the table. */
    public TableAssert returnToTable() {
        return parent;
    }

    static String normalise(String type) {
        String lower = type.trim().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        Matcher matcher = TYPE.matcher(lower);
        if (!matcher.matches()) {
            return lower;
        }
        String base = ALIASES.getOrDefault(matcher.group(1), matcher.group(1));
        return matcher.group(2) == null ? base : base + matcher.group(2).replace(" ", "");
    }
}
