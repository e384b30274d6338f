package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell step of docs/ci/github-actions.yml, run the way the workflow runs it: the real script, the real CLI in
 * its own JVM, a job summary file as GitHub gives one.
 */
class FlybackGateScriptTests {

    @Test
    void should_write_sarif_junit_and_the_job_summary_and_exit_with_verifys_code(@TempDir Path job) throws Exception {
        Path script = Path.of("..", "docs", "ci", "flyback-gate.sh").toAbsolutePath().normalize();
        Path summary = job.resolve("summary.md");
        Files.writeString(summary, "# earlier steps\n", StandardCharsets.UTF_8);
        ProcessBuilder gate = new ProcessBuilder("bash", script.toString(), "--locations",
                "filesystem:" + Path.of("src/test/resources/scenarios/leftover_index").toAbsolutePath(),
                "--checks", "reversibility").directory(job.toFile()).redirectErrorStream(true)
                .redirectOutput(job.resolve("console.txt").toFile());
        gate.environment().put("FLYBACK_COMMAND", Path.of(System.getProperty("java.home"), "bin", "java") + " "
                + "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir") + " -cp "
                + System.getProperty("java.class.path") + " dev.flyback.verifier.cli.Main");
        gate.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
        Process process = gate.start();

        then(process.waitFor(5, TimeUnit.MINUTES)).as("the gate finished").isTrue();
        then(process.exitValue()).as("verify's exit code for findings").isEqualTo(1);
        Path reports = job.resolve("flyback-reports");
        then(reports.resolve("flyback-report.sarif")).content(StandardCharsets.UTF_8).contains("LEFTOVER_INDEX");
        then(reports.resolve("flyback-report.xml")).content(StandardCharsets.UTF_8).contains("V2__index_email");
        then(summary).content(StandardCharsets.UTF_8).startsWith("# earlier steps\n").contains("LEFTOVER_INDEX")
                .contains("V2__index_email");
    }
}
