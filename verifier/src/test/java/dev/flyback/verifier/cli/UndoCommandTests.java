package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.flyback.verifier.MigrationVerifier;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.VerifierConfig;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.migration.FlywaySettings;

/**
 * {@code flyback undo}: for a {@code V} without a {@code U}, the undo written from what the revision changed, proven
 * on a disposable database, and what it cannot bring back said (issue 17, item 3).
 */
class UndoCommandTests {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return FlybackCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    /**
     * Golden scenarios whose undos are right, their undos thrown away: every undo Flyback writes passes the proof, and
     * the history proves reversible as it did with the hand-written ones.
     */
    @ParameterizedTest
    @ValueSource(strings = {"clean", "partitions", "leftover_publication", "leftover_operator", "changed_publication",
        "leftover_policy", "changed_enum_values"})
    void should_write_an_undo_that_passes_the_proof_for_each_revision(String scenario, @TempDir Path folder)
            throws IOException {
        List<Path> ups;
        try (Stream<Path> files = Files.list(Path.of("src/test/resources/scenarios", scenario))) {
            ups = files.filter(f -> f.getFileName().toString().startsWith("V")).sorted().toList();
        }
        for (Path up : ups) {
            Files.copy(up, folder.resolve(up.getFileName()));
        }

        for (Path up : ups) {
            String version = up.getFileName().toString().replaceFirst("^V([^_]+)__.*$", "$1");
            then(run("undo", version, "--locations", "filesystem:" + folder)).as("%s: %s", up, out).isZero();
            then(out.toString()).contains("Proven: " + version + " up, this undo, and up again");
        }

        VerificationResult result = MigrationVerifier.verify(VerifierConfig.builder()
                .flyway(FlywaySettings.of("filesystem:" + folder)).checks(EnumSet.of(Check.REVERSIBILITY, Check.REAPPLY))
                .seedRows(0).build());
        then(result.findings()).extracting(Finding::rule).isEmpty();
    }

    @Test
    void should_say_what_the_undo_of_a_dropped_column_cannot_bring_back(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("V1__notes.sql"), "CREATE TABLE notes (id int PRIMARY KEY, body text);");
        Files.writeString(folder.resolve("U1__notes.sql"), "DROP TABLE notes;");
        Files.writeString(folder.resolve("V2__drop_body.sql"), "ALTER TABLE notes DROP COLUMN body;");

        then(run("undo", "2", "--locations", "filesystem:" + folder)).isZero();

        then(Files.readString(folder.resolve("U2__drop_body.sql"))).contains("ALTER TABLE public.notes ADD COLUMN body text;")
                .contains("-- What this undo cannot bring back:")
                .contains("column public.notes.body: the undo adds it again empty; its values cannot come back");
        then(out.toString()).contains("Wrote " + folder.resolve("U2__drop_body.sql") + " (1 statement(s))")
                .contains("its values cannot come back").contains("Proven: 2 up");
    }

    @Test
    void should_write_every_missing_undo_in_one_pass_and_prove_them_together(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("V1__teams.sql"), "CREATE TABLE teams (id int PRIMARY KEY, name text);");
        Files.writeString(folder.resolve("U1__teams.sql"), "DROP TABLE teams;");
        Files.writeString(folder.resolve("V2__members.sql"), "CREATE TABLE members (id int PRIMARY KEY, "
                + "team_id int REFERENCES teams);\nCREATE INDEX ix_members_team_id ON members (team_id);");
        Files.writeString(folder.resolve("V3__rename.sql"), "ALTER TABLE teams RENAME COLUMN name TO title;\n"
                + "COMMENT ON TABLE teams IS 'who works together';");

        then(run("undo", "--all", "--locations", "filesystem:" + folder)).as("%s", out).isZero();

        then(Files.readString(folder.resolve("U1__teams.sql"))).as("an undo already there").isEqualTo("DROP TABLE teams;");
        then(Files.readString(folder.resolve("U2__members.sql"))).contains("DROP TABLE IF EXISTS public.members;")
                .doesNotContain("ix_members_team_id");
        then(Files.readString(folder.resolve("U3__rename.sql")))
                .contains("ALTER TABLE public.teams RENAME COLUMN title TO name;")
                .contains("COMMENT ON TABLE public.teams IS NULL;");
        then(out.toString()).contains("Proven: 2 of 2 written undo(s)");
    }

    @Test
    void should_say_that_rows_the_revision_changes_in_an_existing_table_stay(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("V1__metadata.sql"), "CREATE TABLE metadata (total bigint);\n"
                + "INSERT INTO metadata VALUES (0);");
        Files.writeString(folder.resolve("V2__count.sql"), "UPDATE metadata SET total = 2;");

        then(run("undo", "--all", "--locations", "filesystem:" + folder)).isZero();

        then(Files.readString(folder.resolve("U1__metadata.sql"))).as("rows go with the table the revision creates")
                .doesNotContain("changes rows");
        then(Files.readString(folder.resolve("U2__count.sql"))).contains("the revision changes rows (line 1: UPDATE "
                + "metadata): a schema difference does not show that, so the undo does not take it back");
    }

    /**
     * Constant rows inserted into a table that existed are taken back, one equal row each, even where an equal row was
     * there before (crates.io's metadata row kept 133 later undos from being proven, docs/undo.md); rows made by a
     * function stay the author's to take back.
     */
    @Test
    void should_take_back_constant_rows_inserted_into_an_existing_table(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("V1__settings.sql"), "CREATE TABLE settings (key text, value text, n int);\n"
                + "INSERT INTO settings (key, value, n) VALUES ('theme', 'dark', 1);");
        Files.writeString(folder.resolve("U1__settings.sql"), "DROP TABLE settings;");
        Files.writeString(folder.resolve("V2__defaults.sql"), "INSERT INTO settings (key, value, n)\n"
                + "VALUES ('theme', 'dark', 1), ('it''s', NULL, -2::int);\n"
                + "INSERT INTO settings (key, value) VALUES ('at', now()::text);\n");

        then(run("undo", "2", "--locations", "filesystem:" + folder)).as("%s", out).isZero();

        then(Files.readString(folder.resolve("U2__defaults.sql")))
                .contains("-- takes back the rows inserted at line 1: one equal row deleted for each\n"
                        + "DELETE FROM settings WHERE ctid = (SELECT ctid FROM settings WHERE key IS NOT DISTINCT FROM "
                        + "'theme' AND value IS NOT DISTINCT FROM 'dark' AND n IS NOT DISTINCT FROM 1 LIMIT 1);\n"
                        + "DELETE FROM settings WHERE ctid = (SELECT ctid FROM settings WHERE key IS NOT DISTINCT FROM "
                        + "'it''s' AND value IS NOT DISTINCT FROM NULL AND n IS NOT DISTINCT FROM -2::int LIMIT 1);")
                .contains("the revision changes rows (line 3: INSERT INTO settings): a schema difference does not "
                        + "show that");
        then(out.toString()).contains("Proven: 2 up");
    }

    /** {@code CREATE OR REPLACE FUNCTION} cannot change a function's return type: it is dropped first. */
    @Test
    void should_drop_a_function_whose_return_type_changed_before_creating_it_again(@TempDir Path folder)
            throws IOException {
        Files.writeString(folder.resolve("V1__rank.sql"), "CREATE FUNCTION hot_rank(score int) RETURNS int "
                + "LANGUAGE sql IMMUTABLE AS $$ SELECT score * 2 $$;");
        Files.writeString(folder.resolve("U1__rank.sql"), "DROP FUNCTION hot_rank(int);");
        Files.writeString(folder.resolve("V2__float_rank.sql"), "DROP FUNCTION hot_rank(int);\n"
                + "CREATE FUNCTION hot_rank(score int) RETURNS float LANGUAGE sql IMMUTABLE AS $$ SELECT score * 2.5 $$;");

        then(run("undo", "2", "--locations", "filesystem:" + folder)).as("%s", out).isZero();

        then(Files.readString(folder.resolve("U2__float_rank.sql"))).contains("DROP FUNCTION public.hot_rank;\n"
                + "CREATE OR REPLACE FUNCTION public.hot_rank(score integer)\n RETURNS integer");
        then(out.toString()).contains("Proven: 2 up");
    }

    @Test
    void should_take_a_changed_primary_key_back_as_a_constraint(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("V1__devices.sql"), "CREATE TABLE devices (id text, owner text, "
                + "CONSTRAINT devices_pkey PRIMARY KEY (id));");
        Files.writeString(folder.resolve("U1__devices.sql"), "DROP TABLE devices;");
        Files.writeString(folder.resolve("V2__key.sql"), "ALTER TABLE devices DROP CONSTRAINT devices_pkey;\n"
                + "ALTER TABLE devices ALTER COLUMN owner SET NOT NULL;\n"
                + "ALTER TABLE devices ADD CONSTRAINT devices_pkey PRIMARY KEY (id, owner);");

        then(run("undo", "2", "--locations", "filesystem:" + folder)).as("%s", out).isZero();

        then(Files.readString(folder.resolve("U2__key.sql"))).contains("DROP CONSTRAINT IF EXISTS devices_pkey")
                .contains("ADD CONSTRAINT devices_pkey PRIMARY KEY (id)").doesNotContain("DROP INDEX");
        then(out.toString()).contains("Proven: 2 up");
    }

    @Test
    void should_ask_for_a_version_or_all() {
        then(run("undo", "--locations", "filesystem:/nowhere")).isEqualTo(FlybackCommand.USAGE);

        then(err.toString()).contains("give a VERSION or --all (one of them)");
    }

    @Test
    void should_print_the_undo_and_write_nothing_on_a_dry_run(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("V1__tags.sql"), "CREATE TABLE tags (id int PRIMARY KEY);\n"
                + "CREATE INDEX ix_tags ON tags (id);");

        then(run("undo", "1", "--dry-run", "--locations", "filesystem:" + folder)).isZero();

        then(out.toString()).contains("DROP TABLE IF EXISTS public.tags;").doesNotContain("ix_tags")
                .doesNotContain("Proven");
        try (Stream<Path> files = Files.list(folder)) {
            then(files.map(f -> f.getFileName().toString())).containsExactly("V1__tags.sql");
        }
    }

    @Test
    void should_refuse_a_revision_that_has_an_undo(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("V1__tags.sql"), "CREATE TABLE tags (id int);");
        Files.writeString(folder.resolve("U1__tags.sql"), "DROP TABLE tags;");

        then(run("undo", "1", "--locations", "filesystem:" + folder)).isEqualTo(FlybackCommand.USAGE);

        then(err.toString()).contains("V1__tags.sql has an undo already: U1__tags.sql; delete it first to write "
                + "another");
        then(Files.readString(folder.resolve("U1__tags.sql"))).isEqualTo("DROP TABLE tags;");
    }

    /**
     * A view reading a column stands in the way of dropping or retyping it, and {@code CREATE OR REPLACE VIEW} cannot
     * drop a view's column: the views (and the views on them) are dropped before and created again after, with their
     * comment and grants (Lemmy's largest class of failing undos, docs/undo.md).
     */
    @Test
    void should_drop_and_create_again_the_views_in_the_way(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("V1__posts.sql"), """
                CREATE TABLE posts (id int PRIMARY KEY, title text NOT NULL);
                CREATE VIEW post_view AS SELECT id, title FROM posts;
                CREATE VIEW post_titles AS SELECT title FROM post_view;
                COMMENT ON VIEW post_titles IS 'Titles only';
                GRANT SELECT ON post_titles TO PUBLIC;
                """);
        Files.writeString(folder.resolve("U1__posts.sql"), "DROP VIEW post_titles;\nDROP VIEW post_view;\n"
                + "DROP TABLE posts;");
        Files.writeString(folder.resolve("V2__nsfw.sql"), "ALTER TABLE posts ADD COLUMN nsfw boolean NOT NULL "
                + "DEFAULT false;\nCREATE OR REPLACE VIEW post_view AS SELECT id, title, nsfw FROM posts;");
        // PostgreSQL refuses to retype a column a view reads: the up drops the views and creates them again.
        Files.writeString(folder.resolve("V3__longer_titles.sql"), """
                DROP VIEW post_titles;
                DROP VIEW post_view;
                ALTER TABLE posts ALTER COLUMN title TYPE varchar(300);
                CREATE VIEW post_view AS SELECT id, title, nsfw FROM posts;
                CREATE VIEW post_titles AS SELECT title FROM post_view;
                COMMENT ON VIEW post_titles IS 'Titles only';
                GRANT SELECT ON post_titles TO PUBLIC;
                """);

        then(run("undo", "--all", "--locations", "filesystem:" + folder)).as("%s%s", out, err).isZero();

        then(out.toString()).contains("Proven: 2 of 2 written undo(s)");
        then(Files.readString(folder.resolve("U2__nsfw.sql"))).contains("DROP VIEW post_titles;\n"
                + "DROP VIEW post_view;\nALTER TABLE public.posts DROP COLUMN IF EXISTS nsfw;\n"
                + "CREATE VIEW post_view AS\nSELECT id,\n    title\n   FROM posts;\nCREATE VIEW post_titles AS\n")
                .as("the view's restore is taken into the statement it stood in the way of")
                .doesNotContain("CREATE OR REPLACE VIEW");
        then(Files.readString(folder.resolve("U3__longer_titles.sql"))).contains("DROP VIEW post_titles;\n"
                        + "DROP VIEW post_view;\nALTER TABLE public.posts ALTER COLUMN title TYPE text;\n"
                        + "CREATE VIEW post_view AS\n")
                .contains("COMMENT ON VIEW post_titles IS 'Titles only';\nGRANT SELECT ON post_titles TO PUBLIC;");
    }

    /** A materialized view redefined is dropped and created again, with its index and comment. */
    @Test
    void should_make_a_redefined_materialized_view_again_with_its_indexes(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("V1__totals.sql"), """
                CREATE TABLE sales (region text, amount int);
                CREATE MATERIALIZED VIEW totals AS SELECT region, sum(amount) AS total FROM sales GROUP BY region;
                CREATE UNIQUE INDEX ix_totals_region ON totals (region);
                COMMENT ON MATERIALIZED VIEW totals IS 'Per region';
                """);
        Files.writeString(folder.resolve("U1__totals.sql"), "DROP MATERIALIZED VIEW totals;\nDROP TABLE sales;");
        Files.writeString(folder.resolve("V2__counts.sql"), """
                DROP MATERIALIZED VIEW totals;
                CREATE MATERIALIZED VIEW totals AS
                    SELECT region, sum(amount) AS total, count(*) AS sales FROM sales GROUP BY region;
                CREATE UNIQUE INDEX ix_totals_region ON totals (region);
                COMMENT ON MATERIALIZED VIEW totals IS 'Per region';
                """);

        then(run("undo", "2", "--locations", "filesystem:" + folder)).as("%s%s", out, err).isZero();

        then(Files.readString(folder.resolve("U2__counts.sql"))).contains("DROP MATERIALIZED VIEW totals;\n"
                        + "CREATE MATERIALIZED VIEW totals AS\n")
                .contains("CREATE UNIQUE INDEX ix_totals_region ON public.totals USING btree (region);\n"
                        + "COMMENT ON MATERIALIZED VIEW totals IS 'Per region';");
        then(out.toString()).contains("Proven: 2 up");
    }

    /** A table and its column renamed: the column's rename back runs while the table still has its new name. */
    @Test
    void should_rename_a_column_back_before_its_table(@TempDir Path folder) throws IOException {
        Files.writeString(folder.resolve("V1__profile.sql"), "CREATE TABLE profile_requests (id int PRIMARY KEY, "
                + "profile_id int);");
        Files.writeString(folder.resolve("U1__profile.sql"), "DROP TABLE profile_requests;");
        Files.writeString(folder.resolve("V2__settings.sql"), "ALTER TABLE profile_requests RENAME TO "
                + "settings_requests;\nALTER TABLE settings_requests RENAME COLUMN profile_id TO settings_id;");

        then(run("undo", "2", "--locations", "filesystem:" + folder)).as("%s%s", out, err).isZero();

        then(Files.readString(folder.resolve("U2__settings.sql"))).contains("ALTER TABLE public.settings_requests "
                + "RENAME COLUMN settings_id TO profile_id;\nALTER TABLE public.settings_requests RENAME TO "
                + "profile_requests;");
        then(out.toString()).contains("Proven: 2 up");
    }
}
