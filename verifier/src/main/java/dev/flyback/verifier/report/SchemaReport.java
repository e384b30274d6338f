package dev.flyback.verifier.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.flyback.verifier.diff.SchemaDiff;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.snapshot.SchemaObject;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * Schemas and schema differences for people and files: a snapshot as JSON (sorted, so that a committed golden file
 * changes only when the schema does) and a diff as text or JSON.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class SchemaReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SchemaReport() {
    }

    /** The snapshot as JSON: {@code schemaVersion}, {@code version} and the objects with their properties. */
    public static String snapshotJson(String version, SchemaSnapshot snapshot) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", JsonReport.SCHEMA_VERSION);
        root.put("version", version);
        root.put("objects", snapshot.objects().stream().map(SchemaReport::object).toList());
        return write(root);
    }

    /** The differences as JSON: each with its kind ({@code added}, {@code removed}, {@code changed}). */
    public static String diffJson(String from, String to, List<SchemaDifference> differences) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", JsonReport.SCHEMA_VERSION);
        root.put("from", from);
        root.put("to", to);
        List<Object> entries = new ArrayList<>();
        for (SchemaDifference difference : differences) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("change", kind(difference));
            entry.put("object", object(difference.subject()));
            if (difference instanceof SchemaDifference.Changed changed) {
                Map<String, Object> properties = new LinkedHashMap<>();
                changed.changes().forEach((key, change) -> properties.put(key, Map.of("before", change.before(),
                        "after", change.after())));
                entry.put("properties", properties);
            }
            entries.add(entry);
        }
        root.put("differences", entries);
        return write(root);
    }

    /**
     * The differences for people, one per line: {@code + index "public"."users"."ix_x"}, {@code - column ...},
     * {@code ~ column ... type: integer -> bigint}.
     */
    public static String diffText(List<SchemaDifference> differences) {
        StringBuilder text = new StringBuilder();
        for (SchemaDifference difference : differences) {
            if (difference instanceof SchemaDifference.Added added) {
                text.append("+ ").append(added.subject().describe()).append(brief(added.subject()));
            } else if (difference instanceof SchemaDifference.Removed removed) {
                text.append("- ").append(removed.subject().describe()).append(brief(removed.subject()));
            } else {
                SchemaDifference.Changed changed = (SchemaDifference.Changed) difference;
                text.append("~ ").append(changed.subject().describe());
                if (changed.renamed()) {
                    text.append(" (renamed from ").append(changed.before().qualifiedName()).append(')');
                }
                changed.changes().forEach((key, change) -> {
                    if (!changed.renamed() || !List.of(SchemaDiff.NAME, SchemaDiff.TABLE, SchemaDiff.SCHEMA)
                            .contains(key)) {
                        text.append("\n    ").append(key).append(": ").append(change.before().strip())
                                .append(" -> ").append(change.after().strip());
                    }
                });
            }
            text.append('\n');
        }
        return text.toString();
    }

    /** The one property that says most about an object: a definition, else a column's type. */
    private static String brief(SchemaObject object) {
        return object.property("definition").or(() -> object.property("type"))
                .map(value -> ": " + value.strip().replaceAll("\\s+", " ")).orElse("");
    }

    private static String kind(SchemaDifference difference) {
        if (difference instanceof SchemaDifference.Added) {
            return "added";
        }
        return difference instanceof SchemaDifference.Removed ? "removed" : "changed";
    }

    private static Map<String, Object> object(SchemaObject object) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", object.type().displayName());
        entry.put("name", object.qualifiedName());
        entry.put("properties", object.properties());
        return entry;
    }

    private static String write(Object root) {
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write JSON: " + e.getMessage(), e);
        }
    }
}
