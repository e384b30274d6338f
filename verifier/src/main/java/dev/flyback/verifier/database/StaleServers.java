package dev.flyback.verifier.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a killed run left behind. Each embedded server's data directory is named after the JVM that started it
 * ({@code flyback-pg-<pid>-*} in the temporary directory); a SIGKILL runs no shutdown hook, so the next start finds
 * directories whose JVM is gone, stops the PostgreSQL server still running there and deletes the directory.
 */
final class StaleServers {
    private static final Logger LOG = LoggerFactory.getLogger(StaleServers.class);
    static final String PREFIX = "flyback-pg-";
    private static final Pattern OWNED = Pattern.compile("^" + PREFIX + "(\\d+)-.*");

    private StaleServers() {
    }

    /** A new data directory owned by this JVM. */
    static Path newDataDirectory() throws IOException {
        return Files.createTempDirectory(PREFIX + ProcessHandle.current().pid() + "-");
    }

    /** Stops and deletes every embedded server whose JVM no longer runs. */
    static void clean() {
        Path temp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> candidates;
        try (Stream<Path> entries = Files.list(temp)) {
            candidates = entries.filter(Files::isDirectory).filter(p -> OWNED.matcher(p.getFileName().toString())
                    .matches()).toList();
        } catch (IOException e) {
            return;
        }
        for (Path directory : candidates) {
            Matcher matcher = OWNED.matcher(directory.getFileName().toString());
            if (!matcher.matches() || ProcessHandle.of(Long.parseLong(matcher.group(1))).map(ProcessHandle::isAlive)
                    .orElse(false)) {
                continue;
            }
            postmaster(directory).ifPresent(StaleServers::stop);
            Optional<Path> claimed = claim(directory);
            if (claimed.isEmpty()) {
                continue;
            }
            DataDirectoryTemplate.delete(claimed.get());
            LOG.warn("Removed an embedded PostgreSQL left behind by a killed Flyback run (JVM {}): {}",
                    matcher.group(1), directory);
        }
    }

    /**
     * Takes a stale directory for this JVM to delete, by renaming it to a name of its own in one step; empty when
     * another run starting at the same time took it first. Two runs deleting the same folder at once saw its files
     * vanish under them, and one failed to start ({@code NoSuchFileException}, two test JVMs side by side).
     */
    private static Optional<Path> claim(Path directory) {
        Path claimed = directory.resolveSibling(PREFIX + ProcessHandle.current().pid() + "-stale-"
                + directory.getFileName().toString().substring(PREFIX.length()));
        try {
            return Optional.of(Files.move(directory, claimed, java.nio.file.StandardCopyOption.ATOMIC_MOVE));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Whether the process named in the directory's {@code postmaster.pid} still runs. */
    static boolean postmasterAlive(Path directory) {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return !lines.isEmpty() && ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                    .map(ProcessHandle::isAlive).orElse(false);
        } catch (IOException | NumberFormatException e) {
            return false;
        }
    }

    /** The postgres process running on {@code directory}, as its lock file and its command line say. */
    static Optional<ProcessHandle> postmaster(Path directory) {
        try {
            List<String> lines = Files.readAllLines(directory.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                    .filter(p -> p.info().commandLine().orElse("").contains(directory.toString()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static void stop(ProcessHandle server) {
        server.destroy();
        try {
            server.onExit().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            server.destroyForcibly();
        }
    }

}
