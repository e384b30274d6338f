package dev.flyback.verifier.database;

import static org.assertj.core.api.BDDAssertions.then;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Embedded starts copy a cluster made once by initdb: the first start makes it, later starts use it, a damaged one
 * is made again instead of failing the run, and no copy outlives its server.
 */
class DataDirectoryTemplateTests {
    private static final int MAJOR = 17;

    @TempDir
    Path cache;

    @Test
    void should_make_the_template_once_and_start_from_copies() throws Exception {
        List<Path> before = ownDataDirectories();
        answers(EmbeddedServer.start(MAJOR, cache));
        Path template = cache.resolve("postgres-" + MAJOR + "-data");
        then(template.resolve("PG_VERSION")).content(StandardCharsets.UTF_8).startsWith(String.valueOf(MAJOR));
        long made = Files.getLastModifiedTime(template.resolve("PG_VERSION")).toMillis();

        answers(EmbeddedServer.start(MAJOR, cache));

        then(Files.getLastModifiedTime(template.resolve("PG_VERSION")).toMillis()).as("the same template")
                .isEqualTo(made);
        then(ownDataDirectories()).as("every copied data directory is deleted with its server").isEqualTo(before);
        try (Stream<Path> entries = Files.list(cache)) {
            then(entries.map(p -> p.getFileName().toString())).as("no half-built template")
                    .containsExactly("postgres-" + MAJOR + "-data");
        }
    }

    @Test
    void should_make_a_damaged_template_again_instead_of_failing() throws Exception {
        Path template = cache.resolve("postgres-" + MAJOR + "-data");
        Files.createDirectories(template);
        Files.writeString(template.resolve("PG_VERSION"), "9\n");

        answers(EmbeddedServer.start(MAJOR, cache));

        then(template.resolve("PG_VERSION")).doesNotExist();
        answers(EmbeddedServer.start(MAJOR, cache));
        then(template.resolve("PG_VERSION")).content(StandardCharsets.UTF_8).startsWith(String.valueOf(MAJOR));
    }

    private static void answers(EmbeddedServer server) throws Exception {
        try (server; Connection connection = server.admin().dataSource().getConnection();
             ResultSet row = connection.createStatement().executeQuery("SELECT 1")) {
            then(row.next()).isTrue();
        }
    }

    private static List<Path> ownDataDirectories() throws Exception {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith(
                    StaleServers.PREFIX + ProcessHandle.current().pid() + "-")).sorted().toList();
        }
    }
}
