package dev.flyback.verifier.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.finding.RuleTable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code flyback rules}: every rule Flyback can raise, with its check, default severity and what it catches, written
 * from the registry ({@link FindingType}); {@code --markdown} gives the README's tables.
 */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = "Lists the rules Flyback can raise: id, check, default severity, what each catches.")
final class RulesCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--check", paramLabel = "CHECK", split = ",", completionCandidates = CheckIds.class,
            description = "Only the rules of these checks: ${COMPLETION-CANDIDATES} (default: all).")
    List<String> checks = new ArrayList<>();

    @Option(names = "--basis", paramLabel = "BASIS", completionCandidates = Bases.class,
            description = "Only the rules whose findings rest on ${COMPLETION-CANDIDATES}.")
    String basis;

    @Option(names = "--markdown", description = "A Markdown table, as in the README.")
    boolean markdown;

    @Override
    public Integer call() {
        Set<Check> chosen = checks.isEmpty() ? EnumSet.allOf(Check.class)
                : checks.stream().map(Check::parse).collect(Collectors.toCollection(() -> EnumSet.noneOf(Check.class)));
        List<FindingType> rules = basis == null
                ? java.util.Arrays.stream(FindingType.values()).filter(t -> chosen.contains(t.check())).toList()
                : RuleTable.rules(chosen, parseBasis(basis));
        spec.commandLine().getOut().print(markdown ? RuleTable.markdown(rules) : RuleTable.text(rules));
        spec.commandLine().getOut().flush();
        return 0;
    }

    private static FindingType.Basis parseBasis(String value) {
        for (FindingType.Basis basis : FindingType.Basis.values()) {
            if (id(basis).equalsIgnoreCase(value.trim())) {
                return basis;
            }
        }
        throw new IllegalArgumentException("Unknown basis '" + value + "'; allowed values: "
                + String.join(", ", new Bases()));
    }

    private static String id(FindingType.Basis basis) {
        return basis.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The checks' ids, as users type them, from {@link Check}. */
    static final class CheckIds implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return java.util.Arrays.stream(Check.values()).map(Check::id).iterator();
        }
    }

    /** The bases' ids. */
    static final class Bases implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return java.util.Arrays.stream(FindingType.Basis.values()).map(RulesCommand::id).iterator();
        }
    }
}
