package dev.flyback.verifier;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.flyback.verifier.finding.Finding;

/**
 * Every scenario folder with an {@code expected-findings.txt} (one {@code RULE VERSION OBJECT} line per finding,
 * {@code -} for no object) must raise exactly those findings, in that order, with every check enabled. Adding a
 * scenario is adding a folder.
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

        VerificationResult result = Scenarios.verifyAll(scenario);

        then(result.findings()).extracting(GoldenScenarioTests::line).containsExactlyElementsOf(expected);
    }

    private static String line(Finding finding) {
        return finding.rule() + " " + finding.version() + " " + finding.object().orElse("-");
    }
}
