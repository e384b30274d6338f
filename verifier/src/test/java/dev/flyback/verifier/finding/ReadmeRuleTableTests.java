package dev.flyback.verifier.finding;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's rule tables are the user's reference: every rule Flyback can raise has a row there, with its default
 * severity first ({@code LEFTOVER}, {@code MISSING} and {@code CHANGED} as {@code LEFTOVER_<KIND>} and so on), so that a
 * rule added without its documentation, or a severity changed in one place only, fails here.
 */
class ReadmeRuleTableTests {
    private static final Pattern ROW = Pattern.compile("^\\| ((?:`[A-Z_<>]+`(?:, )?)+) \\| ([^|]+)\\|",
            Pattern.MULTILINE);

    @Test
    void should_list_every_rule_with_its_default_severity() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        Map<String, String> severities = new HashMap<>();
        Matcher row = ROW.matcher(readme);
        while (row.find()) {
            for (String rule : row.group(1).split(", ")) {
                severities.put(rule.replace("`", ""), row.group(2).strip());
            }
        }

        for (FindingType type : FindingType.values()) {
            String rule = switch (type) {
                case LEFTOVER, MISSING, CHANGED -> type.name() + "_<KIND>";
                default -> type.name();
            };
            then(severities).as("a README row for %s", rule).containsKey(rule);
            then(severities.get(rule)).as("the default severity of %s in the README", rule)
                    .startsWith(type.defaultSeverity().displayName());
        }
    }
}
