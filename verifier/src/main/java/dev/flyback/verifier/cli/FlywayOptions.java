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
            description = "Flyway configuration file(s) (flyway.conf); default: Flyway's default files.")
    List<Path> configFiles = new ArrayList<>();

    @Option(names = {"-D", "--flyway"}, paramLabel = "KEY=VALUE",
            description = "A Flyway property, e.g. -Dflyway.placeholders.owner=app or -Dflyway.schemas=app.")
    Map<String, String> properties = new LinkedHashMap<>();

    /** The settings, with {@code FLYWAY_*} environment variables honoured. */
    FlywaySettings settings() {
        return new FlywaySettings(locations, properties, configFiles, true);
    }
}
