package dev.flyback.verifier.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.report.GithubAnnotations;
import dev.flyback.verifier.report.ReportFiles;
import dev.flyback.verifier.report.TextReport;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of a command that reports a result ({@code verify}, {@code merge-reports}): what fails it, what the
 * text lists one by one, and which report files it writes where; and the reporting itself, so that both print and
 * write a result alike.
 */
final class ReportOptions {
    @Option(names = "--fail-on", defaultValue = "error",
            description = "Lowest severity that fails the run: error, warning or info (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--show", paramLabel = "SEVERITY", defaultValue = "warning",
            description = "Lowest severity the report lists one by one; below it findings are only counted: error, "
                    + "warning or info (default: ${DEFAULT-VALUE}).")
    String show;

    @Option(names = "--format", paramLabel = "FORMAT", split = ",",
            description = "Report files to write into --output: text, json, junit, markdown, sarif, html; repeatable.")
    List<String> formats = new ArrayList<>();

    @Option(names = "--output", paramLabel = "DIR", defaultValue = ".",
            description = "Where report files go (default: the working directory).")
    Path output;

    /** Checks every option before the work starts, so that a typo does not cost a whole run. */
    void validate() {
        Severity.parse(failOn);
        Severity.parse(show);
        formats.forEach(ReportFiles.Format::parse);
    }

    /** Whether an HTML report is asked for. */
    boolean html() {
        return formats.stream().anyMatch(f -> ReportFiles.Format.parse(f) == ReportFiles.Format.HTML);
    }

    /**
     * Prints the result as text (with GitHub's annotations when running in GitHub Actions), writes the report files
     * asked for, and returns the exit code: 0 when it passes, {@link FlybackCommand#FINDINGS} when it fails.
     */
    int report(CommandSpec spec, VerificationResult result) {
        Severity threshold = Severity.parse(failOn);
        Severity shown = Severity.parse(show);
        spec.commandLine().getOut().print(TextReport.render(result, threshold, shown));
        if ("true".equals(System.getenv("GITHUB_ACTIONS"))) {
            spec.commandLine().getOut().print(GithubAnnotations.render(result));
        }
        spec.commandLine().getOut().flush();
        String version = new FlybackCommand.Version().getVersion()[0].replaceFirst("^flyback ", "");
        for (String format : formats) {
            Path file = ReportFiles.write(ReportFiles.Format.parse(format), result, threshold, shown, version, output);
            spec.commandLine().getErr().println("Wrote " + file);
        }
        return result.passes(threshold) ? 0 : FlybackCommand.FINDINGS;
    }
}
