package dev.flyback.verifier.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.flyback.verifier.migration.FlywaySettings;

import picocli.CommandLine.Option;

/** The Flyway options every command takes: locations, configuration files, properties. */
final class FlywayOptions {

    @Option(names = "--locations", paramLabel = "LOCATION", split = ",",
            description = "Flyway locations (filesystem:<dir> or classpath:<package>); repeatable. "
                    + "Default: Flyway's configuration.")
    List<String> locations = new ArrayList<>();

    @Option(names = "--config-file", paramLabel = "FILE",
            description = "Configuration file(s) to read instead of the project's own: flyway.toml, flyway.conf, "
                    + "Spring Boot's application.yml/.properties, each read by its name. Default: the project's "
                    + "flyway.toml, flyway.conf and application.* (see --project-dir).")
    List<Path> configFiles = new ArrayList<>();

    @Option(names = "--environment", paramLabel = "NAME",
            description = "The [environments.<NAME>] of flyway.toml to use. Default: the one flyway.environment "
                    + "names, else default.")
    String environment;

    @Option(names = "--spring-profile", paramLabel = "PROFILE", split = ",",
            description = "Spring profiles whose application-<PROFILE>.yml/.properties apply. Default: "
                    + "SPRING_PROFILES_ACTIVE, else spring.profiles.active.")
    List<String> springProfiles = new ArrayList<>();

    @Option(names = "--project-dir", paramLabel = "DIR",
            description = "The project whose flyway.toml, flyway.conf and src/main/resources Flyback reads. "
                    + "Default: the working directory.")
    Path projectDirectory = Path.of("");

    @Option(names = {"-D", "--flyway"}, paramLabel = "KEY=VALUE",
            description = "A Flyway property, e.g. -Dflyway.placeholders.owner=app or -Dflyway.schemas=app.")
    Map<String, String> properties = new LinkedHashMap<>();

    /** The settings, with {@code FLYWAY_*} environment variables honoured. */
    FlywaySettings settings() {
        return new FlywaySettings(locations, properties, configFiles, true, java.util.Optional.ofNullable(environment),
                springProfiles, projectDirectory);
    }
}
