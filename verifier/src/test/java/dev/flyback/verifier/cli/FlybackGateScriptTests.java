package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shell steps of docs/ci/github-actions.yml and github-actions-sharded.yml, run the way the workflows run them:
 * the real scripts, the real CLI in its own JVM, a job summary file as GitHub gives one.
 */
class FlybackGateScriptTests {

    @Test
    void should_write_sarif_junit_and_the_job_summary_and_exit_with_verifys_code(@TempDir Path job) throws Exception {
        Path summary = job.resolve("summary.md");
        Files.writeString(summary, "# earlier steps\n", StandardCharsets.UTF_8);

        int exit = step(job, summary, "flyback-gate.sh", LEFTOVER_INDEX, "--checks", "reversibility");

        then(exit).as("verify's exit code for findings").isEqualTo(1);
        Path reports = job.resolve("flyback-reports");
        then(reports.resolve("flyback-report.sarif")).content(StandardCharsets.UTF_8).contains("LEFTOVER_INDEX");
        then(reports.resolve("flyback-report.xml")).content(StandardCharsets.UTF_8).contains("V2__index_email");
        then(summary).content(StandardCharsets.UTF_8).startsWith("# earlier steps\n").contains("LEFTOVER_INDEX")
                .contains("V2__index_email");
    }

    /**
     * The shell steps of docs/ci/github-actions-sharded.yml: each shard job's, then the merge job's over the reports
     * the shard jobs left, as the workflow's glob hands them over.
     */
    @Test
    void should_prove_shards_apart_and_merge_them_into_one_sarif_run_and_the_job_summary(@TempDir Path job)
            throws Exception {
        Path summary = job.resolve("summary.md");
        Files.writeString(summary, "# earlier steps\n", StandardCharsets.UTF_8);

        for (int shard = 1; shard <= 2; shard++) {
            then(step(job, summary, "flyback-shard.sh", LEFTOVER_INDEX, String.valueOf(shard), "2"))
                    .as("a shard's findings are the merge's to judge").isZero();
            then(job.resolve("flyback-shard-" + shard).resolve("flyback-report.json")).exists();
        }
        then(step(job, summary, "flyback-merge.sh", null, "flyback-shard-2/flyback-report.json")).as("shard 1 missing")
                .isEqualTo(2);
        then(job.resolve("console.txt")).content(StandardCharsets.UTF_8).contains("shard 1/2 is missing");

        int exit = step(job, summary, "flyback-merge.sh", null, "flyback-shard-1/flyback-report.json",
                "flyback-shard-2/flyback-report.json");

        then(exit).as("merge-reports' exit code for findings").isEqualTo(1);
        Path reports = job.resolve("flyback-reports");
        String sarif = Files.readString(reports.resolve("flyback-report.sarif"), StandardCharsets.UTF_8);
        then(sarif).contains("LEFTOVER_INDEX");
        then(new com.fasterxml.jackson.databind.ObjectMapper().readTree(sarif).get("runs")).hasSize(1);
        then(reports.resolve("flyback-report.xml")).content(StandardCharsets.UTF_8).contains("V1__create_users")
                .contains("V2__index_email");
        then(reports.resolve("flyback-report.json")).content(StandardCharsets.UTF_8).doesNotContain("\"shard\"");
        then(summary).content(StandardCharsets.UTF_8).startsWith("# earlier steps\n").contains("LEFTOVER_INDEX");
    }

    private static final String LEFTOVER_INDEX = "leftover_index";

    /**
     * Runs a script of docs/ci in {@code job} as the workflow does: the real CLI in its own JVM, a job summary file
     * as GitHub gives one, {@code --locations} of the scenario when one is named.
     */
    private static int step(Path job, Path summary, String script, String scenario, String... arguments)
            throws Exception {
        java.util.List<String> command = new java.util.ArrayList<>(java.util.List.of("bash",
                Path.of("..", "docs", "ci", script).toAbsolutePath().normalize().toString()));
        command.addAll(java.util.List.of(arguments));
        if (scenario != null) {
            command.addAll(java.util.List.of("--locations", "filesystem:"
                    + Path.of("src/test/resources/scenarios", scenario).toAbsolutePath()));
        }
        ProcessBuilder gate = new ProcessBuilder(command).directory(job.toFile()).redirectErrorStream(true)
                .redirectOutput(job.resolve("console.txt").toFile());
        gate.environment().put("FLYBACK_COMMAND", Path.of(System.getProperty("java.home"), "bin", "java") + " "
                + "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir") + " -cp "
                + System.getProperty("java.class.path") + " dev.flyback.verifier.cli.Main");
        gate.environment().put("GITHUB_STEP_SUMMARY", summary.toString());
        Process process = gate.start();
        then(process.waitFor(5, TimeUnit.MINUTES)).as(script + " finished").isTrue();
        return process.exitValue();
    }
}
