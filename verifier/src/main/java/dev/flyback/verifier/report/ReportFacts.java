package dev.flyback.verifier.report;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.flyback.verifier.RevisionResult;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.Severity;

/** What every CI report needs from a result: findings per revision and check, and paths relative to the project. */
final class ReportFacts {

    private ReportFacts() {
    }

    /** The findings about one revision raised by one check (an up failure belongs to every check). */
    static List<Finding> findings(VerificationResult result, RevisionResult revision, Check check) {
        return revision.findings().stream()
                .filter(f -> f.type().check() == check || f.type() == dev.flyback.verifier.finding.FindingType.UP_FAILED)
                .toList();
    }

    /** Findings that belong to no revision (an undo script without its migration). */
    static List<Finding> historyFindings(VerificationResult result) {
        return result.historyFindings();
    }

    static boolean failing(List<Finding> findings, Severity failOn) {
        return findings.stream().anyMatch(f -> f.severity().isAtLeast(failOn));
    }

    /** The finding's file relative to the working directory, with forward slashes, as CI systems expect. */
    static Optional<String> relativePath(VerificationResult result, Finding finding) {
        return result.fileOf(finding).map(file -> {
            Path absolute = file.toAbsolutePath().normalize();
            Path base = Path.of("").toAbsolutePath();
            Path relative = absolute.startsWith(base) ? base.relativize(absolute) : absolute;
            return relative.toString().replace('\\', '/');
        });
    }

    /** SARIF and GitHub levels: error, warning, note. */
    static String level(Severity severity) {
        return severity == Severity.INFO ? "note" : severity.displayName();
    }
}
