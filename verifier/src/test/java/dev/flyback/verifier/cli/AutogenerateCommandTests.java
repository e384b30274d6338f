package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code flyback new MESSAGE --autogenerate}: the next revision and its undo written from the difference between the
 * head of the history and a target, then proven, and reported as the team guide asks (issue 17, item 2).
 */
class AutogenerateCommandTests {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        return FlybackCommand.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
    }

    private static Path history(Path folder) throws IOException {
        Path migrations = Files.createDirectories(folder.resolve("db"));
        Files.writeString(migrations.resolve("V1__notes.sql"), "CREATE TABLE notes (id bigint GENERATED ALWAYS AS "
                + "IDENTITY PRIMARY KEY, body text NOT NULL);");
        Files.writeString(migrations.resolve("U1__notes.sql"), "DROP TABLE notes;");
        return migrations;
    }

    @Test
    void should_write_the_pair_prove_it_and_report_what_the_guide_asks(@TempDir Path folder) throws IOException {
        Path migrations = history(folder);
        Path target = Files.writeString(folder.resolve("schema.sql"), """
                CREATE TYPE note_state AS ENUM ('draft', 'final');
                CREATE TABLE notes (id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL,
                                    state note_state NOT NULL DEFAULT 'draft');
                CREATE TABLE tags (id int PRIMARY KEY, note_id bigint NOT NULL REFERENCES notes (id), label text);
                CREATE INDEX ix_tags_note_id ON tags (note_id);
                """);

        then(run("new", "Tag notes", "--autogenerate", "--target-schema", target.toString(), "--locations",
                "filesystem:" + migrations)).as("%s%s", out, err).isZero();

        Path up = migrations.resolve("V2__tag_notes.sql");
        Path down = migrations.resolve("U2__tag_notes.sql");
        then(Files.readString(up)).startsWith("-- Tag notes\n-- Written by flyback from the difference between V1 and "
                        + target + ". Review it before you commit it.\n")
                .contains("SET lock_timeout = '5s';", "CREATE TYPE public.note_state AS ENUM ('draft', 'final');",
                        "ALTER TABLE public.notes ADD COLUMN state note_state DEFAULT 'draft'::note_state NOT NULL;",
                        "CREATE TABLE public.tags (\n    id integer NOT NULL,\n    note_id bigint NOT NULL,\n"
                                + "    label text\n);",
                        "CREATE INDEX ix_tags_note_id ON public.tags USING btree (note_id);");
        then(Files.readString(down)).contains("DROP TABLE IF EXISTS public.tags;",
                "ALTER TABLE public.notes DROP COLUMN IF EXISTS state;", "DROP TYPE IF EXISTS public.note_state;");
        then(out.toString()).contains("File created    : " + up + " (", "                  " + down + " (",
                "Changes         :\n  + table tags (id, label, note_id)\n",
                "  + column notes.state\n", "  + enum note_state\n", "  + foreign key tags.tags_note_id_fkey\n",
                "Applied         : yes: up, its undo and up again, on a disposable database, leave the schema as "
                        + "expected",
                "Current version : V2 is the new head", "Warnings        : none");
        // What it wrote is what verify proves.
        then(run("verify", "--locations", "filesystem:" + migrations)).as("%s", out).isZero();
        // And the target is reached: nothing is left to write.
        then(run("new", "again", "--autogenerate", "--target-schema", target.toString(), "--locations",
                "filesystem:" + migrations)).isZero();
        then(out.toString()).isEqualTo("No changes: the migrations at V2 already give " + target
                + "; nothing written\n");
    }

    @Test
    void should_warn_in_the_script_and_the_report_where_the_difference_cannot_know_the_intent(@TempDir Path folder)
            throws IOException {
        Path migrations = history(folder);
        Path target = Files.writeString(folder.resolve("schema.sql"), "CREATE TABLE notes (id bigint GENERATED "
                + "ALWAYS AS IDENTITY PRIMARY KEY, content text NOT NULL);");

        // Written, and not applied: the proof seeds rows, on which the new NOT NULL column fails, as in production.
        then(run("new", "rename body", "--autogenerate", "--target-schema", target.toString(), "--locations",
                "filesystem:" + migrations)).as("%s%s", out, err).isEqualTo(FlybackCommand.FINDINGS);

        String rename = "column public.notes.body is dropped: its values are lost, and the undo adds it again empty; "
                + "if it was renamed to content, write ALTER TABLE public.notes RENAME COLUMN body TO content instead "
                + "of the DROP and the ADD, which keeps the values";
        String notNull = "column public.notes.content is added NOT NULL without a default: on a table with rows the "
                + "statement fails; give it a default, or add it nullable, fill it and SET NOT NULL";
        then(Files.readString(migrations.resolve("V2__rename_body.sql")))
                .contains("-- Decide before you commit (Flyback cannot know the intent):\n--   " + rename + "\n--   "
                        + notNull + "\n");
        then(out.toString()).contains("Changes         :\n  - column notes.body\n  + column notes.content\n",
                "Applied         : no: 1 error(s) below", "Warnings        : 5\n", "  - " + rename, "  - " + notNull,
                "  - undo: column public.notes.body: the undo adds it again empty; its values cannot come back",
                "  error UP_FAILS_WITH_ROWS V2__rename_body: V2__rename_body.sql fails at line 11 once the tables "
                        + "hold rows", "  warning DROPS_COLUMN V2__rename_body");
    }

    @Test
    void should_print_both_scripts_and_write_nothing_on_a_dry_run(@TempDir Path folder) throws IOException {
        Path migrations = history(folder);
        Path target = Files.writeString(folder.resolve("schema.sql"), "CREATE TABLE notes (id bigint GENERATED "
                + "ALWAYS AS IDENTITY PRIMARY KEY, body text NOT NULL, pinned boolean NOT NULL DEFAULT false);");

        then(run("new", "pin notes", "--autogenerate", "--dry-run", "--target-schema", target.toString(),
                "--locations", "filesystem:" + migrations)).isZero();

        then(out.toString()).contains("== V2__pin_notes.sql\n", "ALTER TABLE public.notes ADD COLUMN pinned boolean "
                + "DEFAULT false NOT NULL;", "== U2__pin_notes.sql\n", "ALTER TABLE public.notes DROP COLUMN IF "
                + "EXISTS pinned;");
        try (Stream<Path> files = Files.list(migrations)) {
            then(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("V1__notes.sql",
                    "U1__notes.sql");
        }
    }

    @Test
    void should_write_the_pair_from_jpa_entities_on_the_classpath_given(@TempDir Path folder) throws IOException {
        Path migrations = history(folder);

        then(run("new", "orders", "--autogenerate", "--target-entities", "dev.flyback.verifier.model.shop",
                "--classpath", "target/test-classes", "--locations", "filesystem:" + migrations))
                .as("%s%s", out, err).isZero();

        then(Files.readString(migrations.resolve("V2__orders.sql")))
                .contains("CREATE TABLE public.customers (", "CREATE TYPE public.orderstatus AS ENUM",
                        "ADD CONSTRAINT purchase_orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES "
                                + "customers(id);")
                // The entities say nothing of notes: what they do not describe is not dropped... unless it is a table
                // they could describe, which is.
                .contains("DROP TABLE IF EXISTS public.notes;");
        then(out.toString()).contains("Applied         : yes", "  - table public.notes is dropped: its rows are "
                + "lost, and the undo creates it again empty");
    }

    @Test
    void should_name_the_line_of_a_target_schema_that_fails(@TempDir Path folder) throws IOException {
        Path migrations = history(folder);
        Path target = Files.writeString(folder.resolve("schema.sql"), "CREATE TABLE a (id int);\nCREATE TABLE b (\n"
                + "  id int REFERENCES nowhere (id)\n);\n");

        then(run("new", "b", "--autogenerate", "--target-schema", target.toString(), "--locations",
                "filesystem:" + migrations)).isEqualTo(FlybackCommand.FINDINGS);

        then(err.toString()).isEqualTo("flyback: schema.sql line 2: ERROR: relation \"nowhere\" does not exist\n"
                + "  statement: CREATE TABLE b (\n");
        then(out.toString()).isEmpty();
    }

    @Test
    void should_refuse_a_target_without_autogenerate_and_autogenerate_without_one(@TempDir Path folder)
            throws IOException {
        Path migrations = history(folder);

        then(run("new", "x", "--target-schema", "schema.sql", "--locations", "filesystem:" + migrations))
                .isEqualTo(FlybackCommand.USAGE);
        then(err.toString()).isEqualTo("flyback: --target-schema and --target-entities go with --autogenerate (one "
                + "of them)\n");
        then(run("new", "x", "--autogenerate", "--locations", "filesystem:" + migrations))
                .isEqualTo(FlybackCommand.USAGE);
        then(err.toString()).isEqualTo("flyback: --autogenerate needs one target: --target-schema FILE or "
                + "--target-entities PACKAGE\n");
        then(run("new", "x", "--autogenerate", "--target-entities", "dev.flyback.verifier.model.empty",
                "--locations", "filesystem:" + migrations)).isEqualTo(FlybackCommand.USAGE);
        then(err.toString()).startsWith("flyback: No JPA @Entity in dev.flyback.verifier.model.empty on the "
                + "classpath given;");
        then(run("new", "x", "--autogenerate", "--target-entities", "a.b", "--classpath", "no/such/folder",
                "--locations", "filesystem:" + migrations)).isEqualTo(FlybackCommand.USAGE);
        then(err.toString()).startsWith("flyback: --classpath names no/such/folder, which does not exist;");
        try (Stream<Path> files = Files.list(migrations)) {
            then(files).hasSize(2);
        }
    }
}
