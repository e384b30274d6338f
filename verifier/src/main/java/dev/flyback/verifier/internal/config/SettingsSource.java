package dev.flyback.verifier.internal.config;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import java.util.TreeMap;

import org.apiguardian.api.API;

/**
 * One place Flyback looked for settings, and what it found there.
 *
 * @param where a file (relative to the project where it is inside it), a classpath resource, or an environment
 *              variable prefix
 * @param found whether the place exists
 * @param properties the {@code flyway.*} properties it gave, with Flyway's own keys
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record SettingsSource(String where, boolean found, Map<String, String> properties) {

    public SettingsSource {
        requireNonNull(where, "where must not be null");
        properties = java.util.Collections.unmodifiableMap(new TreeMap<>(requireNonNull(properties,
                "properties must not be null")));
    }

    static SettingsSource missing(String where) {
        return new SettingsSource(where, false, Map.of());
    }

    /** How a message shows it: {@code flyway.toml (flyway.locations=filesystem:sql)}, {@code flyway.conf (none)}. */
    public String describe() {
        if (!found) {
            return where + " (none)";
        }
        if (properties.isEmpty()) {
            return where + " (no Flyway setting)";
        }
        String locations = properties.get("flyway.locations");
        return where + " (" + (locations != null ? "flyway.locations=" + locations
                : properties.size() + " Flyway setting" + (properties.size() == 1 ? "" : "s") + ", no locations")
                + ")";
    }
}
