package dev.flyback.verifier.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.RuleTable;

/**
 * SARIF 2.1.0, for code scanning: one rule per rule id with help text, one result per finding located at the
 * migration file and line, so the pull request's diff is annotated.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class SarifReport {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SarifReport() {
    }

    /** Renders the report. */
    public static String render(VerificationResult result, String toolVersion) {
        Map<String, Map<String, Object>> rules = new TreeMap<>();
        List<Object> results = new ArrayList<>();
        List<Finding> all = new ArrayList<>(result.findingsBySeverity());
        Map<Finding, String> reasons = new java.util.IdentityHashMap<>();
        result.suppressed().forEach(s -> {
            all.add(s.finding());
            reasons.put(s.finding(), s.reason());
        });
        for (Finding finding : all) {
            rules.computeIfAbsent(finding.rule(), id -> rule(finding));
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("ruleId", finding.rule());
            item.put("level", ReportFacts.level(finding.severity()));
            item.put("message", Map.of("text", FindingMessages.render(finding)));
            ReportFacts.relativePath(result, finding).ifPresent(path -> {
                Map<String, Object> physical = new LinkedHashMap<>();
                physical.put("artifactLocation", Map.of("uri", path));
                physical.put("region", Map.of("startLine", finding.line().orElse(1)));
                item.put("locations", List.of(Map.of("physicalLocation", physical)));
            });
            finding.object().ifPresent(object -> item.put("partialFingerprints",
                    Map.of("flybackFinding/v1", finding.rule() + " " + object + " V" + finding.version())));
            if (reasons.containsKey(finding)) {
                // SARIF's own field: code scanning shows the result as dismissed, with the reason, instead of losing it.
                item.put("suppressions", List.of(Map.of("kind", "inSource", "justification",
                        reasons.get(finding))));
            }
            results.add(item);
        }
        Map<String, Object> driver = new LinkedHashMap<>();
        driver.put("name", "Flyback");
        driver.put("version", toolVersion);
        driver.put("informationUri", "https://github.com/flyback-dev/flyback");
        driver.put("rules", new ArrayList<>(rules.values()));
        Map<String, Object> run = new LinkedHashMap<>();
        run.put("tool", Map.of("driver", driver));
        run.put("results", results);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        root.put("runs", List.of(run));
        try {
            return MAPPER.writeValueAsString(root) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the SARIF report", e);
        }
    }

    private static Map<String, Object> rule(Finding finding) {
        Map<String, Object> rule = new LinkedHashMap<>();
        rule.put("id", finding.rule());
        rule.put("name", finding.rule());
        rule.put("shortDescription", Map.of("text", finding.type().name().replace('_', ' ').toLowerCase()));
        // What the rule catches comes from the registry (FindingType), the same words as the README's rule tables.
        rule.put("fullDescription", Map.of("text", RuleTable.plain(finding.type().description())));
        rule.put("help", Map.of("text", finding.fix().orElse(finding.summary()),
                "markdown", finding.type().description()));
        rule.put("defaultConfiguration", Map.of("level", ReportFacts.level(finding.type().defaultSeverity())));
        return rule;
    }
}
