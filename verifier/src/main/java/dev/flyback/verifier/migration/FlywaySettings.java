package dev.flyback.verifier.migration;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.apiguardian.api.API;

/**
 * What Flyback tells Flyway: locations, Flyway's own properties, configuration files and whether to read
 * {@code FLYWAY_*} environment variables. Anything left out is read the way Flyway reads it.
 *
 * @param locations Flyway locations ({@code classpath:db/migration}, {@code filesystem:src/main/resources/db/migration})
 * @param properties Flyway properties by their {@code flyway.*} keys (placeholders, schemas, table, callbacks, ...)
 * @param configFiles configuration files read in order before {@code properties} ({@code flyway.toml},
 *                    {@code flyway.conf}, Spring Boot's {@code application.yml}, each read by its name); when empty,
 *                    Flyback finds the project's own (see {@link dev.flyback.verifier.internal.config.ProjectSettings})
 * @param environment whether {@code FLYWAY_*} and {@code SPRING_FLYWAY_*} environment variables apply
 * @param flywayEnvironment the {@code [environments.<name>]} of {@code flyway.toml} to use
 * @param springProfiles the Spring profiles whose {@code application-<profile>} files apply
 * @param projectDirectory where the project's {@code flyway.toml}, {@code flyway.conf} and
 *                         {@code src/main/resources} are
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record FlywaySettings(List<String> locations, Map<String, String> properties, List<Path> configFiles,
                             boolean environment, Optional<String> flywayEnvironment, List<String> springProfiles,
                             Path projectDirectory) {

    public FlywaySettings {
        locations = List.copyOf(requireNonNull(locations, "locations must not be null"));
        properties = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(properties,
                "properties must not be null")));
        configFiles = List.copyOf(requireNonNull(configFiles, "configFiles must not be null"));
        requireNonNull(flywayEnvironment, "flywayEnvironment must not be null");
        springProfiles = List.copyOf(requireNonNull(springProfiles, "springProfiles must not be null"));
        requireNonNull(projectDirectory, "projectDirectory must not be null");
    }

    /** These settings, the project in the working directory, no environment or profile named. */
    public FlywaySettings(List<String> locations, Map<String, String> properties, List<Path> configFiles,
                          boolean environment) {
        this(locations, properties, configFiles, environment, Optional.empty(), List.of(), Path.of(""));
    }

    /** The same settings, with the project in another directory. */
    public FlywaySettings withProjectDirectory(Path directory) {
        return new FlywaySettings(locations, properties, configFiles, environment, flywayEnvironment, springProfiles,
                directory);
    }

    /** The same settings, reading {@code [environments.<name>]} of {@code flyway.toml}. */
    public FlywaySettings withFlywayEnvironment(Optional<String> name) {
        return new FlywaySettings(locations, properties, configFiles, environment, name, springProfiles,
                projectDirectory);
    }

    /** The same settings, reading the files of these Spring profiles too. */
    public FlywaySettings withSpringProfiles(List<String> profiles) {
        return new FlywaySettings(locations, properties, configFiles, environment, flywayEnvironment, profiles,
                projectDirectory);
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
                + ", environment=" + environment + ", flywayEnvironment=" + flywayEnvironment.orElse("")
                + ", springProfiles=" + springProfiles + ", projectDirectory=" + projectDirectory + "]";
    }
}
