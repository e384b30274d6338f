package dev.flyback.verifier.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import dev.flyback.verifier.ShardMerge;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.report.JsonReport;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() {
        report.validate();
        List<VerificationResult> shards = new ArrayList<>();
        for (Path report : reports) {
            shards.add(read(report));
        }
        VerificationResult result = ShardMerge.merge(shards);
        ShardMerge.caveats(shards).forEach(caveat -> spec.commandLine().getErr().println("note: " + caveat));
        return report.report(spec, result);
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
