package dev.flyback.verifier;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.internal.bench.SyntheticHistory;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.report.JsonReport;
import dev.flyback.verifier.report.JunitXmlReport;
import dev.flyback.verifier.report.MarkdownReport;
import dev.flyback.verifier.report.SarifReport;
import dev.flyback.verifier.report.TextReport;

/**
 * {@code --shard I/N} and {@code merge-reports} (issue 18): the shards of a history, each proved alone and read back
 * from its JSON report, join into the reports one run gives, for one to four shards; and so do the ranges
 * {@code --jobs} proves at once.
 */
class ShardTests {

    @Test
    void should_join_one_to_four_shards_or_databases_into_the_single_runs_reports_over_a_long_history(
            @TempDir Path folder) throws IOException {
        SyntheticHistory.write(folder, 16, 20);

        String single = reports(run(folder, null, 1));

        then(single).contains("V16__");
        for (int count = 1; count <= 4; count++) {
            List<VerificationResult> shards = shards(folder, count);
            then(reports(ShardMerge.merge(shards))).as(count + " shards").isEqualTo(single);
            then(ShardMerge.caveats(shards)).as("every shard starts where the one before ended").isEmpty();
        }
        // --jobs: the ranges on databases of one server, in one run, saying what they do in revision order.
        List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());
        then(parallel(folder, 2, progress)).as("--jobs 2").isEqualTo(single);
        then(progress.get(0)).startsWith("Proving on 2 databases at once: V1__");
        then(progress).noneMatch(line -> line.contains("proved again"));
        then(progress.stream().filter(line -> line.matches("V\\d+__.*")).map(line -> line.replaceFirst("__.*", ""))
                .toList()).isEqualTo(java.util.stream.IntStream.rangeClosed(1, 16).mapToObj(n -> "V" + n).toList());
        then(reports(run(folder, null, 4))).as("--jobs 4").isEqualTo(single);
    }

    @Test
    void should_report_a_key_an_earlier_shard_added_and_the_last_found_never_validated(@TempDir Path folder)
            throws IOException {
        Files.writeString(folder.resolve("V1__tables.sql"), "CREATE TABLE users (id bigint PRIMARY KEY);\n"
                + "CREATE TABLE orders (id bigint PRIMARY KEY, user_id bigint);\n"
                + "CREATE INDEX ix_orders_user ON orders (user_id);");
        Files.writeString(folder.resolve("U1__tables.sql"), "DROP TABLE orders;\nDROP TABLE users;");
        Files.writeString(folder.resolve("V2__key.sql"), "ALTER TABLE orders ADD CONSTRAINT orders_user_fk\n"
                + "    FOREIGN KEY (user_id) REFERENCES users (id) NOT VALID;");
        Files.writeString(folder.resolve("U2__key.sql"), "ALTER TABLE orders DROP CONSTRAINT orders_user_fk;");
        for (int n = 3; n <= 6; n++) {
            Files.writeString(folder.resolve("V" + n + "__notes.sql"), "CREATE TABLE notes_" + n
                    + " (id bigint PRIMARY KEY);");
            Files.writeString(folder.resolve("U" + n + "__notes.sql"), "DROP TABLE notes_" + n + ";");
        }
        VerificationResult single = run(folder, null, 1);
        then(single.findings()).filteredOn(f -> f.rule().equals("FK_NOT_VALIDATED")).extracting(Finding::version)
                .containsExactly("2");

        VerificationResult last = run(folder, new Shard(3, 3), 1);

        then(last.revisions()).extracting(r -> r.revision().version()).doesNotContain("2");
        then(last.part().orElseThrow().notValidatedAtHead().orElseThrow()).extracting(k -> k.name())
                .containsExactly("orders_user_fk");
        then(reports(merged(folder, 3))).isEqualTo(reports(single));
    }

    @Test
    void should_join_shards_as_one_run_over_scenarios_of_findings_at_the_head_failed_ups_and_no_revision() {
        for (String scenario : List.of("fk_not_validated", "up_failed", "orphan_undo", "suppressed", "data_loss")) {
            Path folder = Scenarios.folder(scenario);
            String single = reports(run(folder, null, 1));
            then(reports(merged(folder, 3))).as(scenario + " in 3 shards").isEqualTo(single);
        }
        // What they are about, so that the comparison above compares something.
        then(run(Scenarios.folder("fk_not_validated"), null, 1).findings()).extracting(Finding::rule)
                .contains("FK_NOT_VALIDATED");
        then(run(Scenarios.folder("up_failed"), null, 1).revisions()).hasSize(2);
    }

    @Test
    void should_say_which_shard_is_missing_doubled_or_of_another_history(@TempDir Path folder) throws IOException {
        Path clean = Scenarios.folder("clean");
        VerificationResult first = roundTrip(run(clean, new Shard(1, 3), 1));
        VerificationResult second = roundTrip(run(clean, new Shard(2, 3), 1));
        VerificationResult third = roundTrip(run(clean, new Shard(3, 3), 1));
        SyntheticHistory.write(folder, 3, 0);
        VerificationResult other = roundTrip(run(folder, new Shard(2, 3), 1));

        thenThrownBy(() -> ShardMerge.merge(List.of(first, third))).hasMessage("shard 2/3 is missing: merge the JSON "
                + "report of every shard");
        thenThrownBy(() -> ShardMerge.merge(List.of(first, second, second, third))).hasMessage("shard 2/3 is given "
                + "twice");
        thenThrownBy(() -> ShardMerge.merge(List.of(first, other, third))).hasMessageStartingWith("shard 2/3 proved "
                + "another history than shard 1/3");
        thenThrownBy(() -> ShardMerge.merge(List.of(run(clean, null, 1)))).hasMessageStartingWith("a report is of a "
                + "whole run, not of a shard");
        thenThrownBy(() -> JsonReport.read("{\"tool\": \"other\"}")).hasMessageStartingWith("is not a Flyback JSON "
                + "report");
    }

    @Test
    void should_prove_again_a_range_whose_start_an_undo_that_loses_data_made_differ(@TempDir Path folder)
            throws IOException {
        // V2's undo does not take its change back, so after its proof the counts are 2 ahead where V2 alone leaves
        // them 1 ahead; V4 then turns what it finds into a key, which only the run on one database sees collide.
        Files.writeString(folder.resolve("V1__counts.sql"), "CREATE TABLE counts (id bigint PRIMARY KEY, n int);");
        Files.writeString(folder.resolve("U1__counts.sql"), "DROP TABLE counts;");
        Files.writeString(folder.resolve("V2__bump.sql"), "UPDATE counts SET n = n + 1;");
        Files.writeString(folder.resolve("U2__bump.sql"), "SELECT 1;");
        for (int n = 3; n <= 6; n++) {
            Files.writeString(folder.resolve("V" + n + "__notes.sql"), "CREATE TABLE notes_" + n
                    + " (id bigint PRIMARY KEY, n int);\nINSERT INTO notes_" + n + " SELECT id, n FROM counts;");
            Files.writeString(folder.resolve("U" + n + "__notes.sql"), "DROP TABLE notes_" + n + ";");
        }
        String single = reports(run(folder, null, 1));
        List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());

        String parallel = parallel(folder, 2, progress);

        then(parallel).isEqualTo(single);
        then(progress).anyMatch(line -> line.contains("proved again after V4__notes on the database before, since "
                + "the proof of V2__bump (DATA_REWRITTEN) left it in another state"));
        // Each revision said once: the lines of the range thrown away are not printed.
        then(progress.stream().filter(line -> line.matches("V\\d+__\\w+: up .*")).map(line -> line.replaceFirst(
                "__.*", "")).toList()).containsExactly("V1", "V2", "V3", "V4", "V5", "V6");
        then(ShardMerge.caveats(shards(folder, 2))).singleElement().asString().startsWith("shard 2/2 started from "
                + "another state than shard 1/2 ended in");
    }

    @Test
    void should_reach_a_range_with_the_sequences_one_database_leaves_shared_or_made_by_a_revision(
            @TempDir Path folder) throws IOException {
        // Rows seeded into V2's table before its undo take ids from V1's sequence, which the undo leaves advanced;
        // V3's own sequence and serial are dropped by its undo and made again by its second up. A range reached
        // without proving them must hold the sequences as the proof on one database left them (3 shards and 3
        // databases each reach two ranges, V2 and V3 among the revisions before them).
        Files.writeString(folder.resolve("V1__ids.sql"), "CREATE SEQUENCE shared_ids;\n"
                + "CREATE TABLE a (id bigint PRIMARY KEY DEFAULT nextval('shared_ids'), name text);");
        Files.writeString(folder.resolve("U1__ids.sql"), "DROP TABLE a;\nDROP SEQUENCE shared_ids;");
        Files.writeString(folder.resolve("V2__b.sql"), "CREATE TABLE b (id bigint PRIMARY KEY "
                + "DEFAULT nextval('shared_ids'), name text);");
        Files.writeString(folder.resolve("U2__b.sql"), "DROP TABLE b;");
        Files.writeString(folder.resolve("V3__c.sql"), "CREATE SEQUENCE c_ids START 100;\n"
                + "CREATE TABLE c (id bigint PRIMARY KEY DEFAULT nextval('c_ids'), n serial, name text);");
        Files.writeString(folder.resolve("U3__c.sql"), "DROP TABLE c;\nDROP SEQUENCE c_ids;");
        for (int n = 4; n <= 8; n++) {
            Files.writeString(folder.resolve("V" + n + "__notes.sql"), "CREATE TABLE notes_" + n
                    + " (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY, ref bigint DEFAULT "
                    + "nextval('shared_ids'), c_ref bigint DEFAULT nextval('c_ids'));");
            Files.writeString(folder.resolve("U" + n + "__notes.sql"), "DROP TABLE notes_" + n + ";");
        }
        String single = reports(run(folder, null, 1));
        List<String> progress = java.util.Collections.synchronizedList(new ArrayList<>());

        String parallel = parallel(folder, 3, progress);

        then(parallel).isEqualTo(single);
        then(progress.get(0)).startsWith("Proving on 3 databases at once: V1__");
        then(progress).noneMatch(line -> line.contains("proved again"));
        List<VerificationResult> shards = shards(folder, 3);
        then(ShardMerge.caveats(shards)).as("each shard starts where the one before ended").isEmpty();
        then(reports(ShardMerge.merge(shards))).as("3 shards").isEqualTo(single);
    }

    private static VerificationResult merged(Path folder, int count) {
        return ShardMerge.merge(shards(folder, count));
    }

    private static List<VerificationResult> shards(Path folder, int count) {
        List<VerificationResult> shards = new ArrayList<>();
        for (int index = count; index >= 1; index--) {
            shards.add(roundTrip(run(folder, new Shard(index, count), 1)));
        }
        return shards;
    }

    /** The reports of one run on {@code jobs} databases at once, its progress lines into {@code progress}. */
    private static String parallel(Path folder, int jobs, List<String> progress) {
        return reports(Scenarios.verify(VerifierConfig.builder().flyway(FlywaySettings.of("filesystem:" + folder))
                .jobs(jobs).progress(progress::add)));
    }

    /** As merge-reports has it: written to JSON and read back. */
    private static VerificationResult roundTrip(VerificationResult shard) {
        return JsonReport.read(JsonReport.render(shard));
    }

    private static VerificationResult run(Path folder, Shard shard, int jobs) {
        VerifierConfig.Builder config = VerifierConfig.builder().flyway(FlywaySettings.of("filesystem:" + folder))
                .jobs(jobs);
        if (shard != null) {
            config.shard(shard);
        }
        return Scenarios.verify(config);
    }

    /** Every report, timings and the database's name left out. */
    private static String reports(VerificationResult result) {
        String all = JsonReport.render(result) + SarifReport.render(result, "test")
                + JunitXmlReport.render(result, Severity.ERROR) + MarkdownReport.render(result, Severity.ERROR)
                + TextReport.render(result, Severity.ERROR, Severity.INFO);
        return all.replaceAll("\"durationMillis\" : \\d+", "\"durationMillis\" : 0")
                .replaceAll("time=\"[0-9.]+\"", "time=\"0\"").replaceAll("\\(\\d+ ms\\)", "(0 ms)")
                .replaceAll("(?m)^Flyback .* on .*$", "Flyback on the database")
                .replaceAll("\\d+(\\.\\d+)? s\\b", "0 s");
    }
}
