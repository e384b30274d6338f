package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flyback.verifier.TestDatabases;
import dev.flyback.verifier.database.ConnectionInfo;
import dev.flyback.verifier.database.DisposableDatabase;

/** A project's .env file names the database, so the workflow commands need no --url. */
class DotEnvTests {

    @AfterEach
    void forget() {
        System.clearProperty("FLYBACK_URL");
        System.clearProperty("FLYBACK_USER");
    }

    @Test
    void should_take_the_database_from_the_env_file_when_the_environment_does_not_name_one(@TempDir Path project)
            throws Exception {
        try (DisposableDatabase database = TestDatabases.fresh()) {
            ConnectionInfo connection = database.connectionInfo();
            Path env = project.resolve(".env");
            Files.writeString(env, "# the developer's database\nexport FLYBACK_URL=\"" + connection.jdbcUrl()
                    + "\"\nFLYBACK_USER=" + connection.user() + "\nOTHER_TOOL=ignored\n");
            DotEnv.load(Map.of("FLYBACK_ENV_FILE", env.toString())::get);
            StringWriter out = new StringWriter();

            int exit = FlybackCommand.commandLine().setOut(new PrintWriter(out, true))
                    .setErr(new PrintWriter(new StringWriter(), true))
                    .execute("history", "--locations", "filesystem:../sample-tests/src/main/resources/db/migration");

            then(exit).isEqualTo(0);
            then(out.toString()).contains("current: <none>").contains("1        pending");
            then(System.getProperty("OTHER_TOOL")).isNull();
        }
    }

    @Test
    void should_let_the_real_environment_win_and_name_a_broken_line(@TempDir Path project) throws Exception {
        Path env = project.resolve(".env");
        Files.writeString(env, "FLYBACK_URL=jdbc:postgresql://from-file/db\n");
        DotEnv.load(Map.of("FLYBACK_ENV_FILE", env.toString(), "FLYBACK_URL", "jdbc:postgresql://from-env/db")::get);
        then(System.getProperty("FLYBACK_URL")).isNull();

        Files.writeString(env, "FLYBACK_USER=app\nFLYBACK_PASSWORD\n");
        thenThrownBy(() -> DotEnv.load(Map.of("FLYBACK_ENV_FILE", env.toString())::get))
                .isInstanceOf(IllegalArgumentException.class).hasMessage(env + " line 2: 'FLYBACK_****' is not KEY=VALUE");
        thenThrownBy(() -> DotEnv.load(Map.of("FLYBACK_ENV_FILE", project.resolve("nope").toString())::get))
                .hasMessage("FLYBACK_ENV_FILE names " + project.resolve("nope") + ", which does not exist");
    }
}
