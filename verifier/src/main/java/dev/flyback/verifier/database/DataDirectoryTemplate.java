package dev.flyback.verifier.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An initialised data directory per PostgreSQL major, made once by {@code initdb} and copied for every later start:
 * {@code initdb} runs a bootstrap backend and is most of an embedded start, copying a fresh cluster is not.
 *
 * <p>It lives in the user's cache ({@code ~/.cache/flyback/postgres-<major>-data}, or under {@code $XDG_CACHE_HOME});
 * it is built in a temporary folder next to it and moved into place in one step, so that parallel runs never see
 * half a template. When the cache cannot be written, or a copy does not start, every start runs {@code initdb}.
 */
final class DataDirectoryTemplate {
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectoryTemplate.class);

    private DataDirectoryTemplate() {
    }

    /**
     * The template for {@code major}, made first when there is none ({@code makeCluster} runs {@code initdb} in the
     * folder it is given, starts the server and stops it); empty when it cannot be made.
     */
    static Optional<Path> forMajor(Path cache, int major, Consumer<Path> makeCluster) {
        Path template = location(cache, major);
        if (Files.isRegularFile(template.resolve("PG_VERSION"))) {
            return Optional.of(template);
        }
        Path building = null;
        try {
            Files.createDirectories(template.getParent());
            building = Files.createTempDirectory(template.getParent(), "building-");
            makeCluster.accept(building);
            Files.deleteIfExists(building.resolve("postmaster.pid"));
            Files.move(building, template, StandardCopyOption.ATOMIC_MOVE);
            return Optional.of(template);
        } catch (FileAlreadyExistsException e) {
            return Optional.of(template);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            LOG.debug("No data directory template for PostgreSQL {}: {}", major, e.getMessage());
            return Files.isRegularFile(template.resolve("PG_VERSION")) ? Optional.of(template) : Optional.empty();
        } finally {
            if (building != null) {
                delete(building);
            }
        }
    }

    /** Forgets a template that did not start, so that the next start makes a new one. */
    static void discard(Path cache, int major) {
        delete(location(cache, major));
    }

    /** Copies the template into {@code target}, an empty directory, keeping the files' permissions. */
    static void copy(Path template, Path target) throws IOException {
        try (Stream<Path> files = Files.walk(template)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path destination = target.resolve(template.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(destination);
                } else {
                    Files.copy(source, destination, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /** Deletes a folder with everything in it; what cannot be deleted is left for the stale-server cleaning. */
    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A file gone while walking: another run deletes the same folder (a stale server's); what is left is
            // left for the stale-server cleaning.
            LOG.debug("Could not delete {}: {}", directory, e.getMessage());
        }
    }

    /** The user's cache folder for Flyback: {@code $XDG_CACHE_HOME/flyback}, else {@code ~/.cache/flyback}. */
    static Path userCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("flyback");
    }

    private static Path location(Path cache, int major) {
        return cache.resolve("postgres-" + major + "-data");
    }
}
