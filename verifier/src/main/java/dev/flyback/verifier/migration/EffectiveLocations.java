package dev.flyback.verifier.migration;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.flyback.verifier.internal.config.ConfigurationFileException;
import dev.flyback.verifier.internal.config.ProjectSettings;
import dev.flyback.verifier.internal.config.SettingsSource;

/**
 * Where the migrations are and which setting said so, decided before any database starts, in the documented order:
 * an explicit option, then {@code FLYWAY_LOCATIONS}, then the project's files, then the default folder.
 *
 * @param locations Flyway locations; empty when nothing names one and the default folder does not exist
 * @param origin which setting gave them, for messages ({@code --locations}, {@code flyway.toml}, ...)
 * @param found the project's settings files, as read
 */
record EffectiveLocations(List<String> locations, String origin, ProjectSettings.Found found) {

    static EffectiveLocations of(FlywaySettings settings, ClassLoader classLoader) {
        ProjectSettings.Found found = read(settings, classLoader);
        if (!settings.locations().isEmpty()) {
            return new EffectiveLocations(settings.locations(), "--locations", found);
        }
        if (settings.properties().containsKey("flyway.locations")) {
            return new EffectiveLocations(split(settings.properties().get("flyway.locations")), "flyway.locations",
                    found);
        }
        String fromEnvironment = settings.environment() ? System.getenv("FLYWAY_LOCATIONS") : null;
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new EffectiveLocations(split(fromEnvironment), "FLYWAY_LOCATIONS", found);
        }
        if (found.properties().containsKey("flyway.locations")) {
            String origin = found.sources().stream().filter(s -> s.properties().containsKey("flyway.locations"))
                    .reduce((first, second) -> second).map(SettingsSource::where).orElse("a settings file");
            // a project's file names folders relative to the project, wherever Flyback runs from
            List<String> locations = split(found.properties().get("flyway.locations")).stream()
                    .map(location -> location.startsWith("filesystem:") ? "filesystem:" + settings.projectDirectory()
                            .resolve(location.substring(11)) : location).toList();
            return new EffectiveLocations(locations, origin, found);
        }
        Optional<String> fallback = ProjectSettings.defaultLocation(settings.projectDirectory(), classLoader);
        return new EffectiveLocations(fallback.map(List::of).orElse(List.of()), "the default location, as nothing "
                + "names one", found);
    }

    static ProjectSettings.Found read(FlywaySettings settings, ClassLoader classLoader) {
        try {
            return ProjectSettings.read(new ProjectSettings.Request(settings.projectDirectory(), settings.configFiles(),
                    settings.flywayEnvironment(), settings.springProfiles(), settings.environment() ? System.getenv()
                            : Map.of()), classLoader);
        } catch (ConfigurationFileException e) {
            throw new MigrationConfigurationException(e.getMessage(), e);
        }
    }

    /** The places a message tells the user Flyback looked at. */
    String looked() {
        return "Flyback looked for settings in " + found.describeSources() + ", and in FLYWAY_LOCATIONS";
    }

    private static List<String> split(String value) {
        return java.util.Arrays.stream(value.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
