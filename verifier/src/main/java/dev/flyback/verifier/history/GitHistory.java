package dev.flyback.verifier.history;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.migration.Revision;

/**
 * The migration folders as a git reference has them: each folder's files are read with {@code git show} into a
 * temporary folder, and Flyway reads them there, so versions and checksums are Flyway's own. The temporary folder
 * is always deleted.
 */
final class GitHistory {
    private static final long TIMEOUT_SECONDS = 60;

    private GitHistory() {
    }

    static List<Released> read(String ref, Migrations migrations) {
        List<Path> locations = migrations.filesystemLocations();
        if (locations.isEmpty()) {
            throw new IllegalArgumentException("a git reference history needs filesystem: locations; the "
                    + "configured ones are all on the classpath");
        }
        Path copy;
        try {
            // named after this JVM, as the embedded servers' data directories are, so a test or a CI check can tell
            // its own copies from those of another build running on the machine
            copy = Files.createTempDirectory("flyback-reference-" + ProcessHandle.current().pid() + "-");
        } catch (IOException e) {
            throw new IllegalStateException("Could not create a temporary folder: " + e.getMessage(), e);
        }
        try {
            List<Released> released = new ArrayList<>();
            for (int i = 0; i < locations.size(); i++) {
                Path target = copy.resolve(Integer.toString(i));
                extract(ref, locations.get(i), target);
                for (Revision script : migrations.scriptsIn(target)) {
                    released.add(new Released(script.version(), script.script(), script.checksum(), false));
                }
            }
            return released;
        } finally {
            delete(copy);
        }
    }

    private static void extract(String ref, Path location, Path target) {
        Path folder = location.toAbsolutePath().normalize();
        String top = git(folder, "rev-parse", "--show-toplevel").strip();
        String prefix = git(folder, "rev-parse", "--show-prefix").strip();
        if (run(folder, "rev-parse", "--verify", "--quiet", ref + "^{commit}").exit() != 0) {
            throw new IllegalArgumentException("git reference '" + ref + "' not found in " + top + "; fetch it "
                    + "first (git fetch origin) or name a branch, tag or commit that exists");
        }
        String listing = git(Path.of(top), "ls-tree", "-r", "-z", "--name-only", ref, "--", prefix.isEmpty() ? "."
                : prefix);
        try {
            Files.createDirectories(target);
            for (String path : listing.split("\0")) {
                if (path.isEmpty()) {
                    continue;
                }
                Path file = target.resolve(path.substring(prefix.length()));
                Files.createDirectories(file.getParent());
                Files.write(file, run(Path.of(top), "show", ref + ":" + path).output());
            }
        } catch (IOException e) {
            throw new IllegalStateException("Could not copy the migrations of " + ref + ": " + e.getMessage(), e);
        }
    }

    private static String git(Path directory, String... arguments) {
        Result result = run(directory, arguments);
        if (result.exit() != 0) {
            throw new IllegalArgumentException("git " + String.join(" ", arguments) + " failed in " + directory
                    + ": " + result.error().strip() + (result.error().contains("not a git repository")
                    ? "; a git reference history needs the migrations in a git repository" : ""));
        }
        return new String(result.output(), StandardCharsets.UTF_8);
    }

    private static Result run(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git", "-C", directory.toString()));
        command.addAll(List.of(arguments));
        try {
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.PIPE).start();
            process.getOutputStream().close();
            CompletableFuture<byte[]> output = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
            CompletableFuture<byte[]> error = CompletableFuture.supplyAsync(() -> readAll(process.getErrorStream()));
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("git " + String.join(" ", arguments) + " did not finish within "
                        + TIMEOUT_SECONDS + " s");
            }
            return new Result(process.exitValue(), output.join(), new String(error.join(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalArgumentException("could not run git (" + e.getMessage() + "); a git reference "
                    + "history needs git on the PATH", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while running git", e);
        }
    }

    private static byte[] readAll(InputStream stream) {
        try (stream) {
            return stream.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void delete(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // Best effort: the folder is under the system's temporary directory.
        }
    }

    private record Result(int exit, byte[] output, String error) {
    }
}
