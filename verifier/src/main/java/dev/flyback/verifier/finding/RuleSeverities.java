package dev.flyback.verifier.finding;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.flyback.verifier.snapshot.ObjectType;

/**
 * The severity a team gives a rule instead of its default, or {@code off} to drop its findings:
 * {@code UNDO_MISSING=warning}, {@code LEFTOVER=error} (every {@code LEFTOVER_*}), {@code LEFTOVER_INDEX=info},
 * {@code MISSING_FOREIGN_KEY=off}. A rule id wins over its kind.
 *
 * @param overrides the severity per rule id or kind; an empty value means off
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record RuleSeverities(Map<String, Optional<Severity>> overrides) {

    /** No override: every rule at its default severity. */
    public static final RuleSeverities DEFAULTS = new RuleSeverities(Map.of());

    public RuleSeverities {
        overrides = Collections.unmodifiableMap(new TreeMap<>(overrides));
    }

    /**
     * Parses {@code RULE=level} entries, level one of error, warning, info, off.
     *
     * @throws IllegalArgumentException naming the entry and the allowed rules or levels
     */
    public static RuleSeverities parse(List<String> entries) {
        Map<String, Optional<Severity>> overrides = new TreeMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("severity override '" + entry + "' must look like RULE=level, "
                        + "e.g. UNDO_MISSING=warning");
            }
            String rule = entry.substring(0, equals).trim().toUpperCase(Locale.ROOT);
            String level = entry.substring(equals + 1).trim();
            if (!known(rule)) {
                throw new IllegalArgumentException("unknown rule '" + rule + "' in severity override '" + entry
                        + "'; rules: " + Arrays.stream(FindingType.values()).map(Enum::name)
                        .collect(Collectors.joining(", ")) + " (LEFTOVER, MISSING and CHANGED also per kind, "
                        + "e.g. LEFTOVER_INDEX)");
            }
            Optional<Severity> severity;
            if (level.equalsIgnoreCase("off")) {
                if (kindOf(rule).map(FindingType::alwaysReported).orElse(false)) {
                    throw new IllegalArgumentException(rule + " cannot be turned off: the run stops there and you "
                            + "must hear why; give it a severity instead");
                }
                severity = Optional.empty();
            } else {
                try {
                    severity = Optional.of(Severity.parse(level));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("unknown level '" + level + "' in severity override '"
                            + entry + "'; allowed values: error, warning, info, off", e);
                }
            }
            overrides.put(rule, severity);
        }
        return new RuleSeverities(overrides);
    }

    /** The finding at its configured severity, or empty when its rule is off. */
    public Optional<Finding> apply(Finding finding) {
        Optional<Severity> override = overrides.containsKey(finding.rule()) ? overrides.get(finding.rule())
                : overrides.getOrDefault(finding.type().name(), Optional.of(finding.severity()));
        return override.map(finding::withSeverity);
    }

    private static boolean known(String rule) {
        return kindOf(rule).isPresent();
    }

    private static Optional<FindingType> kindOf(String rule) {
        for (FindingType type : FindingType.values()) {
            if (type.name().equals(rule)) {
                return Optional.of(type);
            }
        }
        for (FindingType type : List.of(FindingType.LEFTOVER, FindingType.MISSING, FindingType.CHANGED)) {
            for (ObjectType object : ObjectType.values()) {
                if (rule.equals(type.name() + "_" + object.name())) {
                    return Optional.of(type);
                }
            }
        }
        return Optional.empty();
    }
}
