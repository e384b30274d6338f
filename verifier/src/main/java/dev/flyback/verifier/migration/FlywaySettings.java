package dev.flyback.verifier.migration;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apiguardian.api.API;

/**
 * What Flyback tells Flyway: locations, Flyway's own properties, configuration files and whether to read
 * {@code FLYWAY_*} environment variables. Anything left out is read the way Flyway reads it.
 *
 * @param locations Flyway locations ({@code classpath:db/migration}, {@code filesystem:src/main/resources/db/migration})
 * @param properties Flyway properties by their {@code flyway.*} keys (placeholders, schemas, table, callbacks, ...)
 * @param configFiles Flyway {@code .conf} files, read in order before {@code properties}
 * @param environment whether {@code FLYWAY_*} environment variables apply
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FlywaySettings(List<String> locations, Map<String, String> properties, List<Path> configFiles,
                             boolean environment) {

    public FlywaySettings {
        locations = List.copyOf(requireNonNull(locations, "locations must not be null"));
        properties = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(properties,
                "properties must not be null")));
        configFiles = List.copyOf(requireNonNull(configFiles, "configFiles must not be null"));
    }

    /** Just these locations, Flyway's defaults otherwise, environment variables honoured. */
    public static FlywaySettings of(String... locations) {
        return new FlywaySettings(List.of(locations), Map.of(), List.of(), true);
    }

    @Override
    public String toString() {
        Map<String, String> shown = new TreeMap<>(properties);
        shown.replaceAll((key, value) -> key.toLowerCase(java.util.Locale.ROOT).contains("password") ? "****" : value);
        return "FlywaySettings[locations=" + locations + ", properties=" + shown + ", configFiles=" + configFiles
                + ", environment=" + environment + "]";
    }
}
