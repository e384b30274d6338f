package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.flyback.verifier.TestGit;

/** heads, conflicts, diff and snapshot on a disposable database, driven in-process like a user's shell. */
class InspectCommandsTests {
    private static final String SAMPLE = "filesystem:../sample-tests/src/main/resources/db/migration";

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return FlybackCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    @Test
    void should_diff_two_revisions_upwards_and_downwards_through_the_undo_scripts() {
        then(run("diff", "2", "4", "--locations", SAMPLE)).isEqualTo(0);
        then(out.toString()).isEqualTo("""
                + column "public"."team_members"."linkedin_url": character varying(500)
                + column "public"."users"."role": character varying(50)
                """);

        then(run("diff", "4", "3", "--locations", SAMPLE)).isEqualTo(0);
        then(out.toString()).isEqualTo("- column \"public\".\"users\".\"role\": character varying(50)\n");
        then(err.toString()).startsWith("Started database flyback_");
    }

    @Test
    void should_show_renames_as_renames_without_their_echoes() {
        then(run("diff", "1", "4", "--locations", "filesystem:src/test/resources/scenarios/renames")).isEqualTo(0);

        // The table's columns, keys and indexes, and the foreign key naming it, follow the table: not listed.
        then(out.toString()).isEqualTo("""
                ~ table "public"."clients" (renamed from "public"."customers")
                ~ column "public"."clients"."contact" (renamed from "public"."customers"."email")
                ~ column "public"."clients"."display_name" (renamed from "public"."customers"."full_name")
                ~ index "public"."clients"."ix_customers_contact" (renamed from "public"."customers"."ix_customers_email")
                """);
    }

    @Test
    void should_write_the_diff_as_json_and_refuse_an_unknown_version() throws Exception {
        then(run("diff", "base", "1", "--format", "json", "--locations", SAMPLE)).isEqualTo(0);
        JsonNode diff = new ObjectMapper().readTree(out.toString());
        then(diff.get("from").asText()).isEqualTo("base");
        then(diff.get("differences")).allSatisfy(d -> then(d.get("change").asText()).isEqualTo("added"));
        then(diff.get("differences")).anySatisfy(d -> then(d.get("object").get("name").asText())
                .isEqualTo("\"public\".\"users\""));

        then(run("diff", "1", "9", "--locations", SAMPLE)).isEqualTo(2);
        then(err.toString()).contains("flyback: No revision 9; the revisions are 1, 2, 3, 4");
    }

    @Test
    void should_write_the_same_snapshot_file_every_time(@TempDir Path folder) throws Exception {
        Path first = folder.resolve("golden").resolve("v2.json");
        then(run("snapshot", "2", "--output", first.toString(), "--locations", SAMPLE)).isEqualTo(0);
        then(out.toString()).isEqualTo("Wrote " + first + "\n");
        then(run("snapshot", "2", "--locations", SAMPLE)).isEqualTo(0);

        then(out.toString()).isEqualTo(Files.readString(first, StandardCharsets.UTF_8));
        JsonNode snapshot = new ObjectMapper().readTree(first.toFile());
        then(snapshot.get("version").asText()).isEqualTo("2");
        then(snapshot.get("objects")).anySatisfy(o -> then(o.get("name").asText())
                .isEqualTo("\"public\".\"research\""));
        then(snapshot.get("objects")).noneSatisfy(o -> then(o.get("name").asText()).contains("linkedin_url"));
    }

    @Test
    void should_show_two_heads_and_the_conflicts_when_a_branch_released_a_higher_version(@TempDir Path repository)
            throws Exception {
        Path migrations = repository.resolve("db");
        Files.createDirectories(migrations);
        Files.writeString(migrations.resolve("V1__users.sql"), "CREATE TABLE users (id int PRIMARY KEY);\n");
        Files.writeString(migrations.resolve("V3__teams.sql"), "CREATE TABLE teams (id int PRIMARY KEY);\n");
        TestGit.init(repository);
        TestGit.commitAll(repository, "release");
        Files.writeString(migrations.resolve("V2__tags.sql"), "CREATE TABLE tags (id int PRIMARY KEY);\n");
        Files.writeString(migrations.resolve("V4__notes.sql"), "CREATE TABLE notes (id int PRIMARY KEY);\n");
        String locations = "filesystem:" + migrations;

        then(run("heads", "--locations", locations, "--reference-history", "git:main")).isEqualTo(0);
        then(out.toString()).isEqualTo("""
                head          : V4__notes
                released head : V3 (git main)
                ahead         : V4__notes
                overtaken     : V2__tags (sort below the released head: two heads; renumber them above it, see \
                'flyback conflicts')
                """);

        then(run("conflicts", "--locations", locations, "--reference-history", "git:main")).isEqualTo(1);
        then(out.toString()).startsWith("error OUT_OF_ORDER V2__tags: V2__tags.sql is not in git main and sorts "
                + "below V3").endsWith("1 conflict(s)\n");

        Files.delete(migrations.resolve("V2__tags.sql"));
        then(run("conflicts", "--locations", locations, "--reference-history", "git:main")).isEqualTo(0);
        then(out.toString()).isEqualTo("No conflicts: every version is unique and fits git main\n");
    }

    @Test
    void should_report_two_files_with_one_version_as_a_conflict(@TempDir Path folder) throws Exception {
        Files.writeString(folder.resolve("V1__users.sql"), "CREATE TABLE users (id int);");
        Files.writeString(folder.resolve("V1__teams.sql"), "CREATE TABLE teams (id int);");

        then(run("conflicts", "--locations", "filesystem:" + folder)).isEqualTo(1);
        then(out.toString()).startsWith("Conflict: Found more than one migration with version 1")
                .contains(folder.resolve("V1__users.sql").toString()).contains(folder.resolve("V1__teams.sql").toString())
                .endsWith("Renumber one of them above the latest version.\n");
    }

    @Test
    void should_generate_bash_completion_for_every_command() {
        then(run("generate-completion")).isEqualTo(0);
        then(out.toString()).startsWith("#!/usr/bin/env bash")
                .contains("local commands=\"verify new current history up down stamp heads conflicts diff snapshot");
    }
}
