package dev.flyback.verifier.migration;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.resource.LoadableResource;

/**
 * The files of the configured locations, listed once, so that each step of a proof hands Flyway only the scripts
 * it needs instead of letting it scan and read every migration again: a step then costs the same at revision 1000
 * as at revision 10. Only for locations on the file system; for classpath locations Flyway scans as usual.
 */
final class ScriptFiles {
    private final List<FileResource> files;

    private ScriptFiles(List<FileResource> files) {
        this.files = files;
    }

    /** The files, or empty when a location is not a plain folder on the file system. */
    static Optional<ScriptFiles> list(Location[] locations, Charset encoding) {
        List<FileResource> files = new ArrayList<>();
        for (Location location : locations) {
            if (!location.getDescriptor().startsWith("filesystem:") || location.getPathRegex() != null) {
                return Optional.empty();
            }
            Path root = Path.of(location.getRootPath());
            if (!Files.isDirectory(root)) {
                return Optional.empty();
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).sorted().forEach(file -> files.add(new FileResource(file,
                        root.relativize(file).toString().replace('\\', '/'), ownEncoding(file).orElse(encoding))));
            } catch (IOException e) {
                return Optional.empty();
            }
        }
        return Optional.of(new ScriptFiles(files));
    }

    /**
     * The encoding a script's own {@code <script>.conf} declares ({@code encoding=ISO-8859-1}), which Flyway reads
     * the script with instead of the configured one.
     */
    private static Optional<Charset> ownEncoding(Path file) {
        Path conf = file.resolveSibling(file.getFileName() + ".conf");
        if (!file.toString().endsWith(".sql") || !Files.isRegularFile(conf)) {
            return Optional.empty();
        }
        try (Reader reader = Files.newBufferedReader(conf, java.nio.charset.StandardCharsets.ISO_8859_1)) {
            java.util.Properties properties = new java.util.Properties();
            properties.load(reader);
            return Optional.ofNullable(properties.getProperty("encoding")).map(String::strip).map(Charset::forName);
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The names of the files. */
    List<String> names() {
        return files.stream().map(FileResource::getFilename).toList();
    }

    /** A provider that shows Flyway only the files whose name {@code keep} accepts. */
    ResourceProvider only(Predicate<String> keep) {
        List<LoadableResource> kept = files.stream().filter(f -> keep.test(f.getFilename()))
                .map(f -> (LoadableResource) f).toList();
        return new ResourceProvider() {
            @Override
            public LoadableResource getResource(String name) {
                return kept.stream().filter(r -> r.getRelativePath().equals(name) || r.getFilename().equals(name))
                        .findFirst().orElse(null);
            }

            @Override
            public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
                return kept.stream().filter(r -> r.getFilename().startsWith(prefix))
                        .filter(r -> Stream.of(suffixes).anyMatch(s -> r.getFilename().endsWith(s))).toList();
            }
        };
    }

    /** A script file, read with the configured encoding each time Flyway asks. */
    private static final class FileResource extends LoadableResource {
        private final Path file;
        private final String relativePath;
        private final Charset encoding;

        FileResource(Path file, String relativePath, Charset encoding) {
            this.file = file;
            this.relativePath = relativePath;
            this.encoding = encoding;
        }

        @Override
        public Reader read() {
            try {
                return Files.newBufferedReader(file, encoding);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + file, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return file.toAbsolutePath().toString();
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return file.toAbsolutePath().toString();
        }

        @Override
        public String getFilename() {
            return file.getFileName().toString();
        }

        @Override
        public String getRelativePath() {
            return relativePath;
        }
    }
}
