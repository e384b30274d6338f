package dev.flyback.verifier;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.migration.FlywaySettings;

/**
 * Every scenario folder with an {@code expected-findings.txt} (one {@code RULE VERSION OBJECT} line per finding,
 * {@code -} for no object) must raise exactly those findings, in that order, with the checks its {@code checks.txt}
 * names (default: reversibility, reapply, indexes). Adding a scenario is adding a folder.
 */
class GoldenScenarioTests {

    static Stream<String> scenarios() throws IOException {
        try (Stream<Path> folders = Files.list(Scenarios.folder(""))) {
            return folders.filter(f -> Files.exists(f.resolve("expected-findings.txt")))
                    .map(f -> f.getFileName().toString()).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void should_raise_exactly_the_expected_findings(String scenario) throws IOException {
        List<String> expected = Files.readAllLines(Scenarios.folder(scenario).resolve("expected-findings.txt"))
                .stream().filter(line -> !line.isBlank()).collect(Collectors.toList());

        Path checksFile = Scenarios.folder(scenario).resolve("checks.txt");
        Set<Check> checks = Files.exists(checksFile)
                ? Arrays.stream(Files.readString(checksFile).strip().split("\\s*,\\s*")).map(Check::parse)
                        .collect(Collectors.toCollection(() -> EnumSet.noneOf(Check.class)))
                : EnumSet.of(Check.REVERSIBILITY, Check.REAPPLY, Check.INDEXES);

        VerificationResult result = Scenarios.verify(FlywaySettings.of("filesystem:" + Scenarios.folder(scenario)),
                checks, false);

        then(result.findings()).extracting(GoldenScenarioTests::line).containsExactlyElementsOf(expected);
    }

    private static String line(Finding finding) {
        return finding.rule() + " " + finding.version() + " " + finding.object().orElse("-");
    }
}
