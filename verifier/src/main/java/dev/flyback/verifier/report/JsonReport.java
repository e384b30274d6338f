package dev.flyback.verifier.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.flyback.verifier.RevisionResult;
import dev.flyback.verifier.StepOutcome;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;

/**
 * The machine report: {@code schemaVersion}, {@code revisions} and {@code findings}, keys in a fixed order so that
 * the same input gives the same file (timings aside).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class JsonReport {
    /** The version of this report's shape. */
    public static final int SCHEMA_VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private JsonReport() {
    }

    /** Renders the report as JSON. */
    public static String render(VerificationResult result) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("tool", "flyback");
        root.put("currentVersion", result.currentVersion().orElse(null));
        root.put("durationMillis", result.duration().toMillis());
        List<Object> revisions = new ArrayList<>();
        result.revisions().forEach(r -> revisions.add(revision(r)));
        root.put("revisions", revisions);
        List<Object> findings = new ArrayList<>();
        result.findingsBySeverity().forEach(f -> findings.add(finding(f)));
        root.put("findings", findings);
        List<Object> suppressed = new ArrayList<>();
        result.suppressed().forEach(s -> {
            Map<String, Object> item = finding(s.finding());
            item.put("reason", s.reason());
            suppressed.add(item);
        });
        root.put("suppressed", suppressed);
        // What flyback merge-reports reads back (issue 18): the rest of the result, whole.
        root.put("checks", result.checks().stream().map(Enum::name).sorted().toList());
        root.put("released", result.released().map(versions -> versions.stream().sorted().toList()).orElse(null));
        List<Object> profile = new ArrayList<>();
        result.profile().forEach((phase, time) -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("phase", phase);
            item.put("durationMillis", time.toMillis());
            profile.add(item);
        });
        root.put("profile", profile);
        root.put("historyFindings", result.historyFindings().stream().map(JsonReport::finding).toList());
        result.part().ifPresent(part -> root.put("shard", ShardJson.write(part)));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the JSON report", e);
        }
    }

    /**
     * The result a JSON report of this version describes, as {@code flyback merge-reports} reads a shard's report
     * back: revisions, their steps, changes and findings, the findings about no revision, the suppressed ones, and
     * the shard's part. Timings are as the report rounded them; PostgreSQL's object numbers are not kept.
     *
     * @throws IllegalArgumentException when the text is not such a report, saying what is wrong
     */
    public static VerificationResult read(String json) {
        com.fasterxml.jackson.databind.JsonNode root;
        try {
            root = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("is not JSON: " + e.getOriginalMessage(), e);
        }
        if (root == null || !"flyback".equals(root.path("tool").asText())
                || root.path("schemaVersion").asInt() != SCHEMA_VERSION) {
            throw new IllegalArgumentException("is not a Flyback JSON report (schemaVersion " + SCHEMA_VERSION + ")");
        }
        return ShardJson.read(root);
    }

    private static Map<String, Object> revision(RevisionResult result) {
        Map<String, Object> revision = new LinkedHashMap<>();
        revision.put("version", result.revision().version());
        revision.put("description", result.revision().description());
        revision.put("script", result.revision().script());
        revision.put("undoScript", result.revision().undo().map(u -> u.script()).orElse(null));
        revision.put("applied", result.applied());
        List<Object> steps = new ArrayList<>();
        for (StepOutcome step : result.steps()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("step", step.step().displayName());
            item.put("outcome", step.status().displayName());
            item.put("durationMillis", step.duration().toMillis());
            steps.add(item);
        }
        revision.put("steps", steps);
        revision.put("changes", TextReport.summary(result.changes()));
        revision.put("file", result.revision().file().map(Object::toString).orElse(null));
        revision.put("java", result.revision().java());
        revision.put("checksum", result.revision().checksum().orElse(null));
        revision.put("undoFile", result.revision().undo().flatMap(u -> u.file()).map(Object::toString).orElse(null));
        revision.put("undoJava", result.revision().undo().map(u -> u.java()).orElse(false));
        revision.put("findings", result.findings().stream().map(JsonReport::finding).toList());
        revision.put("differences", ShardJson.differences(result.changes()));
        revision.put("diagram", result.diagram().orElse(null));
        return revision;
    }

    private static Map<String, Object> finding(Finding finding) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("rule", finding.rule());
        item.put("type", finding.type().name());
        item.put("severity", finding.severity().displayName());
        item.put("version", finding.version());
        item.put("migration", finding.migration());
        item.put("object", finding.object().orElse(null));
        item.put("file", finding.file().orElse(null));
        item.put("line", finding.line().orElse(null));
        item.put("message", finding.summary());
        item.put("expected", finding.expected().orElse(null));
        item.put("actual", finding.actual().orElse(null));
        item.put("fix", finding.fix().orElse(null));
        item.put("rendered", FindingMessages.render(finding));
        return item;
    }
}
