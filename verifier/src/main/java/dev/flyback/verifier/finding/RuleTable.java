package dev.flyback.verifier.finding;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apiguardian.api.API;

/**
 * The rules as tables, written from {@link FindingType}, the one registry of rules: the README's rule tables are these
 * (ReadmeRuleTableTests holds them to it), and {@code flyback rules} prints them.
 *
 * @since 0.4
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.4")
public final class RuleTable {

    private RuleTable() {
    }

    /** The rules of {@code checks} whose findings rest on {@code basis}, in the registry's order. */
    public static List<FindingType> rules(Set<Check> checks, FindingType.Basis basis) {
        return Arrays.stream(FindingType.values()).filter(t -> checks.contains(t.check()) && t.basis() == basis)
                .toList();
    }

    /** A Markdown table: rule, default severity, what it catches. */
    public static String markdown(List<FindingType> rules) {
        List<String> lines = new ArrayList<>();
        lines.add("| rule | severity | meaning |");
        lines.add("|---|---|---|");
        for (FindingType rule : rules) {
            lines.add("| `" + rule.displayId() + "` | " + rule.defaultSeverity().displayName() + " | "
                    + rule.description() + " |");
        }
        return String.join("\n", lines) + "\n";
    }

    /** Plain text, one rule per paragraph: id, check, default severity, what it catches (without Markdown). */
    public static String text(List<FindingType> rules) {
        StringBuilder out = new StringBuilder();
        for (FindingType rule : rules) {
            out.append(rule.displayId()).append("  (").append(rule.check().id()).append(", ")
                    .append(rule.defaultSeverity().displayName().toLowerCase(Locale.ROOT))
                    .append(rule.basis() == FindingType.Basis.SEEDED_ROWS ? ", measured with seeded rows" : "")
                    .append(")\n  ").append(plain(rule.description())).append("\n");
        }
        return out.toString();
    }

    /** A description without Markdown's backticks, for SARIF's and JUnit's plain text. */
    public static String plain(String description) {
        return description.replace("`", "");
    }
}
