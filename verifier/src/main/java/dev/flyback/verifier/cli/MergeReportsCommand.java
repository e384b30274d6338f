package dev.flyback.verifier.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.flyback.verifier.ShardMerge;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.report.GithubAnnotations;
import dev.flyback.verifier.report.JsonReport;
import dev.flyback.verifier.report.ReportFiles;
import dev.flyback.verifier.report.TextReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code flyback merge-reports}: the JSON reports of every shard of a CI matrix ({@code verify --shard I/N}) joined
 * into the result one run over the whole history gives, written in every format (issue 18).
 */
@Command(name = "merge-reports", mixinStandardHelpOptions = true,
        description = "Joins the JSON reports of every shard of a CI matrix (flyback verify --shard I/N --format "
                + "json) into one result: prints it as verify does, writes the formats asked for (one SARIF run, one "
                + "JUnit XML, ...), and exits 1 when it fails.")
final class MergeReportsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "REPORT", arity = "1..*",
            description = "The shards' JSON reports (flyback-report.json of each), in any order.")
    List<Path> reports = new ArrayList<>();

    @Option(names = "--format", paramLabel = "FORMAT", split = ",",
            description = "Report files to write into --output: text, json, junit, markdown, sarif, html; repeatable.")
    List<String> formats = new ArrayList<>();

    @Option(names = "--output", paramLabel = "DIR", defaultValue = ".",
            description = "Where report files go (default: the working directory).")
    Path output;

    @Option(names = "--fail-on", defaultValue = "error",
            description = "Lowest severity that fails the run: error, warning or info (default: ${DEFAULT-VALUE}).")
    String failOn;

    @Option(names = "--show", paramLabel = "SEVERITY", defaultValue = "warning",
            description = "Lowest severity the report lists one by one (default: ${DEFAULT-VALUE}).")
    String show;

    @Override
    public Integer call() {
        Severity threshold = Severity.parse(failOn);
        Severity shown = Severity.parse(show);
        formats.forEach(ReportFiles.Format::parse);
        List<VerificationResult> shards = new ArrayList<>();
        for (Path report : reports) {
            shards.add(read(report));
        }
        VerificationResult result = ShardMerge.merge(shards);
        ShardMerge.caveats(shards).forEach(caveat -> spec.commandLine().getErr().println("note: " + caveat));
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

    private static VerificationResult read(Path report) {
        if (!Files.isRegularFile(report)) {
            throw new IllegalArgumentException("There is no report " + report + ": give the JSON report of every "
                    + "shard (flyback-report.json in the --output of each flyback verify --shard I/N --format json)");
        }
        try {
            return JsonReport.read(Files.readString(report));
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read the report " + report + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(report + " " + e.getMessage(), e);
        }
    }
}
