package dev.flyback.maven;

import java.io.File;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

import dev.flyback.verifier.MigrationVerifier;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.VerifierConfig;
import dev.flyback.verifier.database.DatabaseStartException;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.RuleSeverities;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.history.HistorySource;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.migration.MigrationConfigurationException;
import dev.flyback.verifier.report.ReportFiles;
import dev.flyback.verifier.report.TextReport;

/**
 * Proves every revision of the project's Flyway migrations: up, undo ({@code U<n>__*.sql}), up again on a disposable
 * PostgreSQL, with the data, index, foreign-key and lock checks; writes the reports to {@code target/flyback} and
 * fails the build on findings at {@code failOn} or above.
 *
 * <p>With no {@code locations} of its own it takes the pom's {@code flyway-maven-plugin} configuration and
 * {@code flyway.*} properties, then the project's {@code flyway.toml}, {@code flyway.conf} and Spring Boot
 * {@code spring.flyway.*}, then Flyway's {@code db/migration} of the project's resources.
 */
@Mojo(name = "verify", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true,
        requiresDependencyResolution = ResolutionScope.RUNTIME)
public class VerifyMojo extends AbstractFlybackMojo {

    /** The checks: reversibility, reapply, indexes, data-loss, online, history. Default: all. */
    @Parameter(property = "flyback.checks")
    private List<String> checks = new ArrayList<>();

    /** The lowest severity that fails the build: error, warning or info. */
    @Parameter(property = "flyback.failOn", defaultValue = "error")
    private String failOn;

    /** The lowest severity the build log lists one by one; below it findings are counted. */
    @Parameter(property = "flyback.show", defaultValue = "warning")
    private String show;

    /** Synthetic rows per table for the data checks; 0 turns seeding off. */
    @Parameter(property = "flyback.seedRows", defaultValue = "" + VerifierConfig.DEFAULT_SEED_ROWS)
    private int seedRows;

    /** A folder of your data scripts: {@code V<version>__*.sql} runs on the schema before that version. */
    @Parameter(property = "flyback.seedFixtures")
    private File seedFixtures;

    /** Rule severities, {@code RULE=severity} ({@code NO_LOCK_TIMEOUT=info}). */
    @Parameter(property = "flyback.severities")
    private List<String> severities = new ArrayList<>();

    /** The released history: {@code git:<ref>}, a JDBC URL, or a file. */
    @Parameter(property = "flyback.referenceHistory")
    private String referenceHistory;

    /** Checks only the revisions added since this git ref. */
    @Parameter(property = "flyback.since")
    private String since;

    /** Report files to write: text, json, junit, markdown, sarif, html. */
    @Parameter(property = "flyback.formats", defaultValue = "html,junit,text,sarif,markdown")
    private List<String> formats = new ArrayList<>();

    /**
     * With the HTML report: how many revisions with a warning or an error get SchemaCrawler's drawing of their
     * tables (needs Graphviz's {@code dot} on the PATH; 0: none).
     */
    @Parameter(property = "flyback.diagrams", defaultValue = "20")
    private int diagrams;

    /**
     * How many scratch databases prove the history at once, each a range of the revisions (0, the default: the
     * cores, at most 4, and one per 40 revisions); the findings are those of one.
     */
    @Parameter(property = "flyback.jobs", defaultValue = "0")
    private int jobs;

    /** Where the report files go. */
    @Parameter(property = "flyback.outputDirectory", defaultValue = "${project.build.directory}/flyback")
    private File outputDirectory;



























    @Override
    public void execute() throws MojoExecutionException, MojoFailureException {
        if (skipped()) {
            return;
        }
        Severity threshold = option(() -> Severity.parse(failOn), "failOn (flyback.failOn)");
        Severity shown = option(() -> Severity.parse(show), "show (flyback.show)");
        List<ReportFiles.Format> reportFormats = new ArrayList<>();
        for (String format : formats) {
            reportFormats.add(option(() -> ReportFiles.Format.parse(format), "formats (flyback.formats)"));
        }
        FlywaySettings settings = flywaySettings();
        try (URLClassLoader classLoader = projectClassLoader()) {
            VerifierConfig.Builder builder = VerifierConfig.builder().flyway(settings).database(databaseSettings())
                    .classLoader(classLoader).checks(checks()).seedRows(seedRows)
                    .severities(option(() -> RuleSeverities.parse(severities), "severities (flyback.severities)"))
                    .progress(line -> getLog().debug(line))
                    .diagrams(reportFormats.contains(ReportFiles.Format.HTML)
                            ? option(() -> {
                                if (diagrams < 0) {
                                    throw new IllegalArgumentException("must be 0 or more, was " + diagrams);
                                }
                                return diagrams;
                            }, "diagrams (flyback.diagrams)") : 0);
            if (seedFixtures != null) {
                builder.seedFixtures(seedFixtures.toPath());
            }
            builder.jobs(option(() -> {
                if (jobs < 0) {
                    throw new IllegalArgumentException("must be 1 or more (0: automatic), was " + jobs);
                }
                return jobs;
            }, "jobs (flyback.jobs)"));
            if (since != null && !since.isBlank()) {
                builder.since(since.strip());
            }
            if (referenceHistory != null && !referenceHistory.isBlank()) {
                builder.reference(option(() -> HistorySource.parse(referenceHistory, Optional.empty(),
                        Optional.empty()), "referenceHistory (flyback.referenceHistory)"));
            }
            VerificationResult result = MigrationVerifier.verify(builder.build());
            for (ReportFiles.Format format : reportFormats) {
                Path file = ReportFiles.write(format, result, threshold, shown, version(), outputDirectory.toPath());
                getLog().debug("Wrote " + file);
            }
            List<Finding> listed = result.findingsBySeverity().stream().filter(f -> f.severity().isAtLeast(shown))
                    .toList();
            String findings = String.join("\n", listed.stream().map(FindingMessages::render).toList());
            String verdict = TextReport.verdict(result, threshold);
            if (!result.passes(threshold)) {
                throw new MojoFailureException(findings + "\n" + verdict + "\nReports: " + outputDirectory);
            }
            findings.lines().filter(line -> !line.isEmpty()).forEach(line -> getLog().warn(line));
            getLog().info(verdict);
            getLog().info("Reports: " + outputDirectory);
        } catch (MigrationConfigurationException | DatabaseStartException | IllegalArgumentException e) {
            throw new MojoExecutionException("Flyback: " + e.getMessage(), e);
        } catch (java.io.IOException e) {
            throw new MojoExecutionException("Flyback could not close the project's class loader: " + e.getMessage(),
                    e);
        }
    }


    private Set<Check> checks() throws MojoExecutionException {
        if (checks.isEmpty()) {
            return EnumSet.allOf(Check.class);
        }
        Set<Check> parsed = EnumSet.noneOf(Check.class);
        for (String check : checks) {
            parsed.add(option(() -> Check.parse(check), "checks (flyback.checks)"));
        }
        return parsed;
    }



    private static String version() {
        String version = VerifyMojo.class.getPackage().getImplementationVersion();
        return version == null ? "0.1.0-SNAPSHOT" : version;
    }
}
