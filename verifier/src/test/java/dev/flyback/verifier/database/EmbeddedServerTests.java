package dev.flyback.verifier.database;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Stopping the embedded server ({@link EmbeddedServer#close}). */
class EmbeddedServerTests {

    /**
     * A server that no longer answers (here frozen with SIGSTOP; after a migration sends it SIGQUIT, one on its way
     * down) is ended without {@code pg_ctl stop}, whose failure zonky logged as an ERROR with a stack trace, and
     * without leaving it running or its folder behind.
     */
    @Test
    void should_end_a_server_that_no_longer_answers_without_logging_an_error() throws Exception {
        EmbeddedServer server = EmbeddedServer.start(DatabaseSettings.DEFAULT_MAJOR);
        Path data = server.dataDirectory();
        ProcessHandle postmaster = StaleServers.postmaster(data).orElseThrow();
        PrintStream stderr = System.err;
        ByteArrayOutputStream logged = new ByteArrayOutputStream();
        try {
            then(new ProcessBuilder("kill", "-STOP", String.valueOf(postmaster.pid())).start().waitFor()).isZero();
            System.setErr(new PrintStream(logged, true, StandardCharsets.UTF_8));
            server.close();
        } finally {
            System.setErr(stderr);
            postmaster.destroyForcibly();
        }

        then(logged.toString(StandardCharsets.UTF_8)).doesNotContain("Could not stop postmaster")
                .doesNotContain("\tat ");
        then(postmaster.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS).isAlive()).isFalse();
        then(data).doesNotExist();
    }
}
