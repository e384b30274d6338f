package dev.flyback.verifier.report;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

import dev.flyback.verifier.RevisionResult;
import dev.flyback.verifier.Shard;
import dev.flyback.verifier.ShardPart;
import dev.flyback.verifier.StepOutcome;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.finding.SuppressedFinding;
import dev.flyback.verifier.internal.check.NotValidatedKey;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;

/**
 * The parts of the JSON report that only {@code flyback merge-reports} reads (issue 18), written and read back here:
 * a shard's {@link ShardPart}, each revision's schema differences whole, and the result from the report's fields.
 */
final class ShardJson {

    private ShardJson() {
    }

    static Map<String, Object> write(ShardPart part) {
        Map<String, Object> shard = new LinkedHashMap<>();
        shard.put("index", part.shard().index());
        shard.put("count", part.shard().count());
        shard.put("history", part.history());
        shard.put("unreachable", part.unreachable().orElse(null));
        shard.put("notValidatedAtHead", part.notValidatedAtHead().map(keys -> keys.stream().map(key -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("schema", key.schema());
            item.put("table", key.table());
            item.put("name", key.name());
            item.put("definition", key.definition());
            return item;
        }).toList()).orElse(null));
        Map<String, Object> severities = new TreeMap<>();
        part.severities().forEach((rule, severity) -> severities.put(rule, severity.map(Severity::displayName)
                .orElse("off")));
        shard.put("severities", severities);
        shard.put("notJudged", part.notJudged().stream().sorted().toList());
        shard.put("startState", part.startState().orElse(null));
        shard.put("endState", part.endState().orElse(null));
        return shard;
    }

    static List<Object> differences(List<SchemaDifference> changes) {
        List<Object> entries = new ArrayList<>();
        for (SchemaDifference difference : changes) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("change", difference instanceof SchemaDifference.Added ? "added"
                    : difference instanceof SchemaDifference.Removed ? "removed" : "changed");
            entry.put("object", object(difference.subject()));
            if (difference instanceof SchemaDifference.Changed changed) {
                entry.put("before", object(changed.before()));
                Map<String, Object> properties = new LinkedHashMap<>();
                changed.changes().forEach((key, change) -> {
                    Map<String, Object> values = new LinkedHashMap<>();
                    values.put("before", change.before());
                    values.put("after", change.after());
                    properties.put(key, values);
                });
                entry.put("properties", properties);
            }
            entries.add(entry);
        }
        return entries;
    }

    /** The object without its identity: PostgreSQL's numbers differ from run to run and mean nothing elsewhere. */
    private static Map<String, Object> object(SchemaObject object) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("type", object.type().name());
        entry.put("schema", object.schema());
        entry.put("table", object.table().orElse(null));
        entry.put("name", object.name());
        entry.put("arguments", object.arguments().orElse(null));
        entry.put("properties", object.properties());
        return entry;
    }

    /**
     * The result a JSON report describes.
     *
     * @throws IllegalArgumentException when a field the reader needs is missing, naming it
     */
    static VerificationResult read(JsonNode root) {
        List<RevisionResult> revisions = new ArrayList<>();
        for (JsonNode revision : array(root, "revisions")) {
            revisions.add(revision(revision));
        }
        List<SuppressedFinding> suppressed = new ArrayList<>();
        for (JsonNode item : array(root, "suppressed")) {
            suppressed.add(new SuppressedFinding(finding(item), text(item, "reason").orElse("")));
        }
        Map<String, Duration> profile = new LinkedHashMap<>();
        for (JsonNode item : array(root, "profile")) {
            profile.put(required(item, "phase").asText(), Duration.ofMillis(required(item, "durationMillis").asLong()));
        }
        List<Check> checks = new ArrayList<>();
        array(root, "checks").forEach(check -> checks.add(Check.valueOf(check.asText())));
        Optional<Set<String>> released = root.hasNonNull("released")
                ? Optional.of(Set.copyOf(strings(root.get("released")))) : Optional.empty();
        VerificationResult result = new VerificationResult("the shards' databases", revisions,
                array(root, "historyFindings").stream().map(ShardJson::finding).toList(),
                text(root, "currentVersion"), Duration.ofMillis(root.path("durationMillis").asLong()),
                checks.isEmpty() ? Set.of() : java.util.EnumSet.copyOf(checks), profile, suppressed, released);
        return root.hasNonNull("shard") ? result.withPart(part(root.get("shard"))) : result;
    }

    private static ShardPart part(JsonNode shard) {
        Optional<List<NotValidatedKey>> keys = Optional.empty();
        if (shard.hasNonNull("notValidatedAtHead")) {
            List<NotValidatedKey> read = new ArrayList<>();
            for (JsonNode key : shard.get("notValidatedAtHead")) {
                read.add(new NotValidatedKey(required(key, "schema").asText(), required(key, "table").asText(),
                        required(key, "name").asText(), required(key, "definition").asText()));
            }
            keys = Optional.of(read);
        }
        Map<String, Optional<Severity>> severities = new TreeMap<>();
        shard.path("severities").properties().forEach(entry -> severities.put(entry.getKey(),
                "off".equals(entry.getValue().asText()) ? Optional.empty()
                        : Optional.of(Severity.parse(entry.getValue().asText()))));
        return new ShardPart(new Shard(required(shard, "index").asInt(), required(shard, "count").asInt()),
                strings(required(shard, "history")), text(shard, "unreachable"), keys, severities,
                Set.copyOf(strings(shard.path("notJudged"))), text(shard, "startState"), text(shard, "endState"));
    }

    private static RevisionResult revision(JsonNode node) {
        String script = required(node, "script").asText();
        Optional<Revision.Undo> undo = text(node, "undoScript").map(name -> new Revision.Undo(name,
                text(node, "undoFile").map(Path::of), node.path("undoJava").asBoolean()));
        Revision revision = new Revision(required(node, "version").asText(), required(node, "description").asText(),
                script, text(node, "file").map(Path::of), node.path("java").asBoolean(), undo,
                node.hasNonNull("checksum") ? Optional.of(node.get("checksum").asInt()) : Optional.empty());
        List<StepOutcome> steps = new ArrayList<>();
        for (JsonNode step : array(node, "steps")) {
            steps.add(new StepOutcome(StepOutcome.Step.valueOf(required(step, "step").asText().toUpperCase(
                    java.util.Locale.ROOT)), StepOutcome.Status.valueOf(required(step, "outcome").asText()
                    .toUpperCase(java.util.Locale.ROOT)), Duration.ofMillis(step.path("durationMillis").asLong())));
        }
        List<SchemaDifference> changes = new ArrayList<>();
        for (JsonNode difference : array(node, "differences")) {
            changes.add(difference(difference));
        }
        return new RevisionResult(revision, steps, changes, array(node, "findings").stream()
                .map(ShardJson::finding).toList(), text(node, "diagram"));
    }

    private static SchemaDifference difference(JsonNode node) {
        SchemaObject subject = object(required(node, "object"));
        return switch (required(node, "change").asText()) {
            case "added" -> new SchemaDifference.Added(subject);
            case "removed" -> new SchemaDifference.Removed(subject);
            default -> {
                TreeMap<String, SchemaDifference.PropertyChange> properties = new TreeMap<>();
                node.path("properties").properties().forEach(entry -> properties.put(entry.getKey(),
                        new SchemaDifference.PropertyChange(required(entry.getValue(), "before").asText(),
                                required(entry.getValue(), "after").asText())));
                yield new SchemaDifference.Changed(object(required(node, "before")), subject, properties);
            }
        };
    }

    private static SchemaObject object(JsonNode node) {
        TreeMap<String, String> properties = new TreeMap<>();
        node.path("properties").properties().forEach(entry -> properties.put(entry.getKey(),
                entry.getValue().asText()));
        return new SchemaObject(ObjectType.valueOf(required(node, "type").asText()), required(node, "schema")
                .asText(), text(node, "table"), required(node, "name").asText(), text(node, "arguments"), properties);
    }

    private static Finding finding(JsonNode node) {
        return new Finding(required(node, "rule").asText(), FindingType.valueOf(required(node, "type").asText()),
                Severity.parse(required(node, "severity").asText()), required(node, "version").asText(),
                required(node, "migration").asText(), text(node, "file"),
                node.hasNonNull("line") ? Optional.of(node.get("line").asInt()) : Optional.empty(),
                text(node, "object"), required(node, "message").asText(), text(node, "expected"),
                text(node, "actual"), text(node, "fix"));
    }

    private static List<JsonNode> array(JsonNode node, String field) {
        List<JsonNode> items = new ArrayList<>();
        required(node, field).forEach(items::add);
        return items;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static Optional<String> text(JsonNode node, String field) {
        return node.hasNonNull(field) ? Optional.of(node.get(field).asText()) : Optional.empty();
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            throw new IllegalArgumentException("has no \"" + field + "\": it is not a JSON report of this Flyback "
                    + "version (write it again with --format json)");
        }
        return value;
    }
}
