package dev.flyback.verifier.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.flyback.verifier.MigrationVerifier;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.VerifierConfig;
import dev.flyback.verifier.finding.Baseline;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.RuleSeverities;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code flyback verify}: the up, down, up proof of every revision on a disposable database. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = "Applies every revision up, down and up again on a disposable PostgreSQL and reports "
                + "whatever is not reversible.")
final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    FlywayOptions flyway;

    @Mixin
    DatabaseOptions database;

    @Option(names = "--checks", paramLabel = "CHECK", split = ",", completionCandidates = RulesCommand.CheckIds.class,
            description = "Checks to run: ${COMPLETION-CANDIDATES} (default: all; history needs --reference-history; "
                    + "each check's rules: flyback rules --check CHECK).")
    List<String> checks = new ArrayList<>();

    @Option(names = "--whole-schema",
            description = "Judge every object with the schema checks, not only what each revision touched.")
    boolean wholeSchema;

    @Option(names = "--seed-rows", paramLabel = "N", defaultValue = "10",
            description = "Synthetic rows each table holds before a revision runs, for the data-loss and online "
                    + "checks; 0 turns seeding off (default: ${DEFAULT-VALUE}).")
    int seedRows;

    @Option(names = "--seed-fixtures", paramLabel = "DIR",
            description = "Folder of data scripts: V<version>__*.sql runs on the schema before that version, "
                    + "ahead of the synthetic rows.")
    Path seedFixtures;

    @Mixin
    ReferenceOptions reference;

    @Option(names = "--statement-timeout", paramLabel = "DURATION", defaultValue = "5m",
            description = "Longest a migration statement may run before PostgreSQL cancels it, e.g. 30s, 2m; 0 for "
                    + "no limit (default: ${DEFAULT-VALUE}).")
    String statementTimeout;

    @Option(names = "--revision-timeout", paramLabel = "DURATION", defaultValue = "15m",
            description = "Longest one step of a revision (up, undo, re-up) may run before Flyback cancels it; 0 for "
                    + "no limit (default: ${DEFAULT-VALUE}).")
    String revisionTimeout;

    @Option(names = "--since", paramLabel = "GIT_REF",
            description = "Judge only the migrations added since this git reference (e.g. origin/main); the whole "
                    + "history is still replayed.")
    String since;

    @Option(names = "--severity", paramLabel = "RULE=LEVEL", split = ",",
            description = "Another severity for a rule (error, warning, info, off), e.g. UNDO_MISSING=warning or "
                    + "LEFTOVER_INDEX=info; repeatable.")
    List<String> severities = new ArrayList<>();

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Known findings: written on the first run, then only new findings count.")
    Path baseline;

    @Mixin
    ReportOptions report;

    @Option(names = "--verbose", description = "Also print Flyway's and the database's own log (quiet by default).")
    boolean verbose;

    @Option(names = "--snapshot-reader", paramLabel = "READER", defaultValue = "catalog",
            description = "Which reader's snapshots judge the undo and the second up: catalog (default: one query "
                    + "of PostgreSQL's catalog, followed step by step) or schemacrawler (SchemaCrawler's crawl: "
                    + "slower, coarser, independent).")
    String snapshotReader;

    @Option(names = "--diagrams", paramLabel = "N",
            description = "With --format html: how many revisions with a warning or an error get SchemaCrawler's "
                    + "drawing of their tables (needs Graphviz's dot on the PATH; default: "
                    + VerifierConfig.DEFAULT_DIAGRAMS + "; 0: none).")
    Integer diagrams;

    @Option(names = "--jobs", paramLabel = "N",
            description = "How many scratch databases prove the history at once, each a range of the revisions "
                    + "(default: the cores, at most " + VerifierConfig.MAX_AUTOMATIC_JOBS + ", and one per "
                    + VerifierConfig.REVISIONS_PER_AUTOMATIC_JOB + " revisions); the findings are those of one.")
    Integer jobs;

    @Option(names = "--shard", paramLabel = "I/N",
            description = "Prove only part I of N of the history, for one job of a CI matrix: every job divides it "
                    + "the same way, by the scripts' size; join the jobs' JSON reports with merge-reports.")
    String shard;

    /** The snapshot reader a name picks. */
    static dev.flyback.verifier.snapshot.SnapshotReader reader(String name) {
        for (dev.flyback.verifier.snapshot.SnapshotReader reader : List.of(
                dev.flyback.verifier.snapshot.CatalogReader.READER,
                dev.flyback.verifier.internal.schemacrawler.SchemaCrawlerReader.READER)) {
            if (reader.id().equalsIgnoreCase(name.strip())) {
                return reader;
            }
        }
        throw new IllegalArgumentException("Unknown snapshot reader '" + name + "'; allowed values: catalog, "
                + "schemacrawler");
    }

    private int diagramCount() {
        if (diagrams != null && diagrams < 0) {
            throw new IllegalArgumentException("--diagrams must be 0 or more, was " + diagrams);
        }
        return diagrams == null ? VerifierConfig.DEFAULT_DIAGRAMS : diagrams;
    }

    @Override
    public Integer call() {
        report.validate();
        ProgressLines progress = ProgressLines.of(spec.commandLine().getErr());
        VerifierConfig.Builder builder = VerifierConfig.builder();
        if (seedFixtures != null) {
            builder.seedFixtures(seedFixtures);
        }
        if (since != null && !since.isBlank()) {
            builder.since(since.strip());
        }
        reference.source().ifPresent(builder::reference);
        if (jobs != null) {
            if (jobs < 1) {
                throw new IllegalArgumentException("--jobs must be 1 or more, was " + jobs);
            }
            builder.jobs(jobs);
        }
        if (shard != null) {
            builder.shard(dev.flyback.verifier.Shard.parse(shard));
        }
        VerifierConfig config = builder
                .flyway(flyway.settings())
                .database(database.settings())
                .progress(progress)
                .checks(checks.isEmpty() ? EnumSet.allOf(Check.class)
                        : checks.stream().map(Check::parse).collect(Collectors.toCollection(() -> EnumSet.noneOf(Check.class))))
                .wholeSchema(wholeSchema)
                .seedRows(seedRows)
                .statementTimeout(duration(statementTimeout, "--statement-timeout"))
                .revisionTimeout(duration(revisionTimeout, "--revision-timeout"))
                .severities(RuleSeverities.parse(severities))
                .snapshotReader(reader(snapshotReader))
                .diagrams(report.html() ? diagramCount() : 0)
                .build();
        VerificationResult result;
        try {
            result = applyBaseline(MigrationVerifier.verify(config));
        } finally {
            progress.finish();
        }
        return report.report(spec, result);
    }

    private VerificationResult applyBaseline(VerificationResult result) {
        if (baseline == null) {
            return result;
        }
        if (!Files.exists(baseline)) {
            Baseline.write(baseline, result.findings());
            spec.commandLine().getErr().println("Wrote the baseline " + baseline + " with " + result.findings().size()
                    + " known finding(s); later runs fail only on new ones");
            return result.filtered(finding -> false);
        }
        Baseline known = Baseline.read(baseline);
        VerificationResult fresh = result.filtered(finding -> !known.contains(finding));
        spec.commandLine().getErr().println((result.findings().size() - fresh.findings().size())
                + " known finding(s) from the baseline " + baseline + " left out");
        return fresh;
    }

    /** {@code 30s}, {@code 2m}, {@code 1h}, {@code 500ms}, {@code 0}, or ISO-8601 ({@code PT30S}). */
    static java.time.Duration duration(String value, String option) {
        java.util.regex.Matcher matcher = java.util.regex.Pattern.compile("^(\\d+)(ms|s|m|h)?$")
                .matcher(value.strip());
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            String unit = matcher.group(2) == null ? "s" : matcher.group(2);
            return switch (unit) {
                case "ms" -> java.time.Duration.ofMillis(amount);
                case "m" -> java.time.Duration.ofMinutes(amount);
                case "h" -> java.time.Duration.ofHours(amount);
                default -> java.time.Duration.ofSeconds(amount);
            };
        }
        try {
            return java.time.Duration.parse(value.strip());
        } catch (java.time.format.DateTimeParseException e) {
            throw new IllegalArgumentException(option + " '" + value + "' is not a duration; write e.g. 30s, 2m, 1h, "
                    + "500ms or 0 for no limit", e);
        }
    }
}
