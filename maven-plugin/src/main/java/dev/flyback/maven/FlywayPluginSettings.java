package dev.flyback.maven;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;
import org.codehaus.plexus.util.xml.Xpp3Dom;

/**
 * The Flyway settings a pom already has: the {@code flyway-maven-plugin}'s configuration and {@code flyway.*}
 * properties, as Flyway's {@code flyway.*} keys. Connection settings are never taken: Flyback migrates only the
 * database it created.
 */
final class FlywayPluginSettings {
    private static final Set<String> IGNORED = Set.of("url", "user", "password", "driver", "skip", "configFiles",
            "workingDirectory", "cleanDisabled", "connectRetries", "connectRetriesInterval", "jdbcProperties",
            "serverId", "environment", "environments", "failOnMissingLocations");

    private FlywayPluginSettings() {
    }

    /**
     * The pom's settings, lowest precedence first: {@code flyway.*} properties of the pom, then the
     * {@code flyway-maven-plugin}'s configuration, then {@code -Dflyway.*} on the command line.
     */
    static Map<String, String> read(MavenProject project, Properties userProperties) {
        Map<String, String> settings = new LinkedHashMap<>();
        project.getProperties().forEach((key, value) -> flywayProperty(key.toString(), value.toString(), settings));
        for (Plugin plugin : project.getBuildPlugins()) {
            if ("org.flywaydb".equals(plugin.getGroupId()) && "flyway-maven-plugin".equals(plugin.getArtifactId())
                    && plugin.getConfiguration() instanceof Xpp3Dom configuration) {
                for (Xpp3Dom child : configuration.getChildren()) {
                    configurationEntry(child, settings);
                }
            }
        }
        userProperties.forEach((key, value) -> flywayProperty(key.toString(), value.toString(), settings));
        settings.computeIfPresent("flyway.locations", (key, value) -> resolve(value, project.getBasedir().toPath()));
        return settings;
    }

    private static void flywayProperty(String key, String value, Map<String, String> into) {
        if (key.startsWith("flyway.") && !IGNORED.contains(key.substring(7))) {
            into.put(key, value);
        }
    }

    private static void configurationEntry(Xpp3Dom entry, Map<String, String> into) {
        String name = entry.getName();
        if (IGNORED.contains(name)) {
            return;
        }
        if (name.equals("placeholders")) {
            for (Xpp3Dom placeholder : entry.getChildren()) {
                into.put("flyway.placeholders." + placeholder.getName(), value(placeholder));
            }
        } else if (entry.getChildCount() > 0) {
            List<String> items = new ArrayList<>();
            for (Xpp3Dom item : entry.getChildren()) {
                items.add(value(item));
            }
            into.put("flyway." + name, String.join(",", items));
        } else if (entry.getValue() != null) {
            into.put("flyway." + name, entry.getValue().trim());
        }
    }

    private static String value(Xpp3Dom node) {
        return node.getValue() == null ? "" : node.getValue().trim();
    }

    /** Relative {@code filesystem:} locations are the project's, wherever Maven was started. */
    static String resolve(String locations, Path basedir) {
        List<String> resolved = new ArrayList<>();
        for (String location : locations.split(",")) {
            String trimmed = location.trim();
            if (trimmed.startsWith("filesystem:") && !Path.of(trimmed.substring(11)).isAbsolute()) {
                trimmed = "filesystem:" + basedir.resolve(trimmed.substring(11)).normalize();
            }
            if (!trimmed.isEmpty()) {
                resolved.add(trimmed);
            }
        }
        return String.join(",", resolved);
    }
}
