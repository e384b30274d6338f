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
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the JSON report", e);
        }
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
        return revision;
    }

    private static Map<String, Object> finding(Finding finding) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("rule", finding.rule());
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
