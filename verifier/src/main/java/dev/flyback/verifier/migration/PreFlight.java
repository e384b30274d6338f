package dev.flyback.verifier.migration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flyback.verifier.internal.config.ProjectSettings;

/**
 * The checks of the migration files that need no database, run before any server starts, so that a typo costs no
 * server start (issue 16: one of the pieces {@link Migrations} is split into).
 */
final class PreFlight {

    private PreFlight() {
    }

    /**
     * Every {@code filesystem:} location must be a directory of readable scripts with versions Flyway can parse
     * (each once), and some location must hold a migration.
     *
     * @throws MigrationConfigurationException naming the file or location, which setting named it and where Flyback
     *         looked
     */
    static void check(FlywaySettings settings, ClassLoader classLoader) {
        EffectiveLocations where = EffectiveLocations.of(settings, classLoader);
        Map<String, String> properties = new LinkedHashMap<>(where.found().properties());
        properties.putAll(settings.properties());
        String encoding = properties.getOrDefault("flyway.encoding", "UTF-8");
        String check = where.origin().equals("--locations") ? "check --locations" : "check " + where.origin()
                + ", or name the folder with --locations";
        boolean found = false;
        for (String location : where.locations()) {
            if (location.startsWith("filesystem:")) {
                Path folder = Path.of(location.substring(11));
                if (!Files.isDirectory(folder)) {
                    throw new MigrationConfigurationException("Flyway could not read the migrations: location "
                            + location + " is not a directory; " + check, null);
                }
                if (encoding.equalsIgnoreCase("UTF-8")) {
                    checkUtf8(folder);
                }
                checkVersions(folder, properties.getOrDefault("flyway.sqlMigrationPrefix", "V"),
                        properties.getOrDefault("flyway.sqlMigrationSeparator", "__"));
                found |= holdsScripts(folder);
            } else if (location.startsWith("classpath:") || !location.contains(":")) {
                String path = location.substring(location.indexOf(':') + 1).replaceFirst("^/+", "");
                found |= classLoader.getResource(path) != null;
            } else {
                found = true; // a cloud location Flyway reads itself
            }
        }
        if (!found) {
            throw new MigrationConfigurationException("No migration found " + (where.locations().isEmpty()
                    ? "(nothing names a location, and there is no src/main/resources/" + ProjectSettings
                    .DEFAULT_LOCATION + ")" : "in " + String.join(", ", where.locations()) + " (from "
                    + where.origin() + ")") + ". " + where.looked() + ". Name the folder of your migrations with "
                    + "--locations filesystem:<folder>, flyway.locations in flyway.toml or flyway.conf, or "
                    + "spring.flyway.locations in application.yml", null);
        }
    }

    private static boolean holdsScripts(Path folder) {
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            return files.anyMatch(f -> f.toString().endsWith(".sql") && Files.isRegularFile(f));
        } catch (java.io.IOException e) {
            return true; // reported by Flyway, which reads it next
        }
    }

    /**
     * A script named like a migration whose version does not parse ({@code V2a__x.sql}) would be skipped by Flyway
     * without a word, and so would its proof: it is named instead.
     */
    private static void checkVersions(Path folder, String prefix, String separator) {
        Map<String, Path> seen = new java.util.HashMap<>();
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".sql")).sorted()::iterator) {
                String name = file.getFileName().toString();
                for (String kind : List.of(prefix, "U")) {
                    if (name.startsWith(kind) && name.contains(separator)) {
                        String version = name.substring(kind.length(), name.indexOf(separator));
                        if (!version.matches("\\d+([._]\\d+)*")) {
                            throw new MigrationConfigurationException(file + ": '" + version + "' is not a "
                                    + "version (digits separated by dots or underscores, e.g. " + kind + "2_1"
                                    + separator + "add_tags.sql); Flyway would skip this file without a word", null);
                        }
                        Path other = seen.putIfAbsent(kind + ":" + canonicalVersion(version), file);
                        if (other != null) {
                            throw new MigrationConfigurationException("Found more than one " + (kind.equals("U")
                                    ? "undo script" : "migration") + " with version " + version + ": " + other
                                    + " and " + file + "; give one of them another version", null);
                        }
                    }
                }
            }
        } catch (java.io.IOException e) {
            throw new MigrationConfigurationException("Flyway could not read the migrations in " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Every SQL script must decode as UTF-8 (Flyway's default), unless its own {@code <script>.conf} names another
     * encoding: a byte that does not is named by file and line.
     */
    private static void checkUtf8(Path folder) {
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".sql"))
                    .filter(f -> !declaresEncoding(f))::iterator) {
                byte[] bytes = Files.readAllBytes(file);
                java.nio.charset.CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
                java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
                java.nio.charset.CoderResult result = decoder.decode(buffer, java.nio.CharBuffer.allocate(
                        bytes.length + 1), true);
                if (result.isError()) {
                    int offset = buffer.position();
                    int line = 1;
                    for (int i = 0; i < offset; i++) {
                        if (bytes[i] == '\n') {
                            line++;
                        }
                    }
                    throw new MigrationConfigurationException(file + " line " + line + " is not valid UTF-8 (byte 0x"
                            + String.format("%02X", bytes[offset] & 0xff) + "): save the file as UTF-8, or set "
                            + "flyway.encoding to its encoding (-Dflyway.encoding=ISO-8859-1)", null);
                }
            }
        } catch (java.io.IOException e) {
            throw new MigrationConfigurationException("Flyway could not read the migrations in " + folder + ": "
                    + e.getMessage(), e);
        }
    }

    /** A version as Flyway compares it: {@code 2}, {@code 02}, {@code 2.0} and {@code 2_0} are one version. */
    private static String canonicalVersion(String version) {
        List<String> parts = new ArrayList<>(java.util.Arrays.stream(version.split("[._]"))
                .map(p -> new java.math.BigInteger(p).toString()).toList());
        while (parts.size() > 1 && parts.get(parts.size() - 1).equals("0")) {
            parts.remove(parts.size() - 1);
        }
        return String.join(".", parts);
    }

    /** Whether the script's own configuration file sets its encoding, as Flyway lets it. */
    private static boolean declaresEncoding(Path script) {
        Path conf = script.resolveSibling(script.getFileName() + ".conf");
        try {
            return Files.isRegularFile(conf) && Files.readAllLines(conf, StandardCharsets.ISO_8859_1).stream()
                    .anyMatch(line -> line.strip().startsWith("encoding"));
        } catch (IOException e) {
            return false;
        }
    }
}
