package dev.flyback.verifier.finding;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The README's rule tables are the user's reference, and they are written from the registry of rules
 * ({@link FindingType}): each {@code <!-- rules: CHECK... [BASIS] -->} block must be exactly what
 * {@code flyback rules --markdown --check CHECK... --basis BASIS} prints, and every rule must be in one block, so a rule
 * added, re-graded or re-described in the registry fails here until the README says the same (issue 16, item 2).
 */
class ReadmeRuleTableTests {
    private static final Pattern BLOCK = Pattern.compile("<!-- rules: ([a-z\\- ]+) -->\n(.*?)<!-- /rules -->",
            Pattern.DOTALL);

    @Test
    void should_hold_the_rule_tables_the_registry_writes() throws IOException {
        String readme = Files.readString(Path.of("../README.md"));
        List<FindingType> listed = new ArrayList<>();
        Matcher block = BLOCK.matcher(readme);
        while (block.find()) {
            List<String> words = List.of(block.group(1).split(" "));
            FindingType.Basis basis = words.contains("seeded-rows") ? FindingType.Basis.SEEDED_ROWS
                    : FindingType.Basis.SCHEMA;
            Set<Check> checks = EnumSet.noneOf(Check.class);
            words.stream().filter(w -> !w.equals("schema") && !w.equals("seeded-rows")).map(Check::parse)
                    .forEach(checks::add);
            List<FindingType> rules = RuleTable.rules(checks, basis);

            then(block.group(2)).as("the README's table for '%s' (flyback rules --markdown --check %s --basis %s)",
                    block.group(1), checks, basis).isEqualTo(RuleTable.markdown(rules));
            listed.addAll(rules);
        }

        then(listed).as("every rule in exactly one README table").containsExactlyInAnyOrder(FindingType.values());
    }

    @Test
    void should_describe_every_rule() {
        then(Arrays.stream(FindingType.values())).allSatisfy(type -> then(type.description())
                .as("%s's description", type).isNotBlank().doesNotContain("|").doesNotEndWith("."));
    }
}
