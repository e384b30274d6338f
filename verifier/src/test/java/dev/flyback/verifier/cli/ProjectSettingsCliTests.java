package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/**
 * {@code flyback verify} in a project that names its migrations only where its team already does: Spring Boot's
 * {@code application.yml}, {@code flyway.toml}; and what it says, before any database starts, when it finds none.
 */
class ProjectSettingsCliTests {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path project;

    private int run(String... args) {
        CommandLine commandLine = FlybackCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void should_verify_the_migrations_that_only_spring_flyway_locations_names() throws IOException {
        // GIVEN a Spring Boot layout whose migrations are in a folder of its own, named only in application.yml
        write("src/main/resources/application.yml", """
                spring:
                  flyway:
                    locations: filesystem:db/changes
                """);
        write("db/changes/V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY, email text);");
        write("db/changes/U1__create_users.sql", "DROP TABLE users;");
        write("db/changes/V2__index_email.sql", "CREATE INDEX ix_users_email ON users (email);");
        write("db/changes/U2__index_email.sql", "SELECT 1;");

        int exit = run("verify", "--project-dir", project.toString(), "--checks", "reversibility");

        // THEN the undo that forgets the index is caught, in the right revision
        then(exit).isEqualTo(1);
        then(out.toString()).contains("error LEFTOVER_INDEX V2__index_email");
    }

    @Test
    void should_take_the_locations_of_the_flyway_toml_environment_named_on_the_command_line() throws IOException {
        write("flyway.toml", """
                [flyway]
                locations = ["filesystem:%s"]
                [environments.ci.flyway]
                locations = ["filesystem:%s"]
                """.formatted(project.resolve("missing"), project.resolve("sql")));
        write("sql/V1__create_users.sql", "CREATE TABLE users (id bigint PRIMARY KEY);");
        write("sql/U1__create_users.sql", "DROP TABLE users;");

        then(run("verify", "--project-dir", project.toString(), "--environment", "ci", "--checks",
                "reversibility")).isEqualTo(0);
        then(out.toString()).contains("PASSED: 1 revision(s)");
    }

    @Test
    void should_say_where_it_looked_before_starting_a_database_when_no_migration_is_found() throws IOException {
        write("src/main/resources/application.properties", "spring.application.name=portal\n");

        int exit = run("verify", "--project-dir", project.toString());

        then(exit).isEqualTo(2);
        then(err.toString()).doesNotContain("Started").doesNotContain("\tat ")
                .contains("No migration found (nothing names a location, and there is no "
                        + "src/main/resources/db/migration). Flyback looked for settings in "
                        + "src/main/resources/application.properties (no Flyway setting), flyway.conf (none), "
                        + "flyway.toml (none), SPRING_FLYWAY_* environment variables (none), and in FLYWAY_LOCATIONS. "
                        + "Name the folder of your migrations with --locations filesystem:<folder>, flyway.locations "
                        + "in flyway.toml or flyway.conf, or spring.flyway.locations in application.yml");
    }

    @Test
    void should_name_the_setting_that_gave_a_location_which_does_not_exist() throws IOException {
        write("flyway.conf", "flyway.locations=filesystem:" + project.resolve("nowhere") + "\n");

        then(run("verify", "--project-dir", project.toString())).isEqualTo(2);
        then(err.toString()).doesNotContain("Started").contains("location filesystem:" + project.resolve("nowhere")
                + " is not a directory; check flyway.conf, or name the folder with --locations");
    }

    private void write(String name, String content) throws IOException {
        Path file = project.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }
}
