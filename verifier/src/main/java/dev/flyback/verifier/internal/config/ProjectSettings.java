package dev.flyback.verifier.internal.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

import org.apiguardian.api.API;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the Flyway settings a project already keeps, in one documented order, lowest precedence first:
 * Spring Boot's {@code spring.flyway.*} ({@code application.properties}/{@code .yml}/{@code .yaml}, then the files of
 * the active profiles), {@code flyway.conf}, {@code flyway.toml} ({@code [flyway]}, then the chosen
 * {@code [environments.<name>]}), then {@code SPRING_FLYWAY_*} environment variables. Flyway's own {@code FLYWAY_*}
 * variables and the caller's explicit options come after all of these (they are applied where Flyway is configured).
 *
 * <p>Connection settings ({@code url}, {@code user}, {@code password}) are never taken: Flyback migrates only the
 * disposable database it created.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ProjectSettings {
    /** Where Spring Boot and Flyway look for migrations when nothing names a location. */
    public static final String DEFAULT_LOCATION = "db/migration";
    private static final Set<String> CONNECTION_KEYS = Set.of("url", "user", "password", "driver", "driverClassName",
            "enabled", "cleanDisabled", "cleanOnValidationError", "failOnMissingLocations", "checkLocation",
            "connectRetries", "connectRetriesInterval", "jdbcProperties");

    private ProjectSettings() {
    }

    /**
     * What to read.
     *
     * @param projectDirectory where {@code flyway.toml}, {@code flyway.conf} and {@code src/main/resources} are
     * @param files the files to read instead of looking for them (Flyway's {@code --config-file}), in order; each is
     *              read by its name: {@code *.toml} as Flyway TOML, {@code application*.properties}/{@code *.yml}/
     *              {@code *.yaml} as Spring Boot, anything else as a Flyway {@code .conf} file
     * @param flywayEnvironment the {@code [environments.<name>]} of {@code flyway.toml} to use; default: the one its
     *                          {@code flyway.environment} names, else {@code default}
     * @param springProfiles the Spring profiles whose {@code application-<profile>} files apply; default:
     *                       {@code SPRING_PROFILES_ACTIVE}, else {@code spring.profiles.active} of the base files
     * @param environmentVariables the process environment (for {@code SPRING_FLYWAY_*} and
     *                             {@code SPRING_PROFILES_ACTIVE})
     */
    public record Request(Path projectDirectory, List<Path> files, Optional<String> flywayEnvironment,
                          List<String> springProfiles, Map<String, String> environmentVariables) {
        public Request {
            requireNonNull(projectDirectory, "projectDirectory must not be null");
            files = List.copyOf(requireNonNull(files, "files must not be null"));
            requireNonNull(flywayEnvironment, "flywayEnvironment must not be null");
            springProfiles = List.copyOf(requireNonNull(springProfiles, "springProfiles must not be null"));
            environmentVariables = Map.copyOf(requireNonNull(environmentVariables,
                    "environmentVariables must not be null"));
        }
    }

    /**
     * What was found.
     *
     * @param properties Flyway's {@code flyway.*} properties, every source merged (a later source wins)
     * @param sources every place looked at, in the order they apply
     */
    public record Found(Map<String, String> properties, List<SettingsSource> sources) {
        public Found {
            properties = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(properties));
            sources = List.copyOf(sources);
        }

        /** The places looked at, for a message: {@code flyway.toml (none), flyway.conf (none), ...}. */
        public String describeSources() {
            return String.join(", ", sources.stream().map(SettingsSource::describe).toList());
        }
    }

    /**
     * Reads the request's files, or finds them in the project and on the class path (a test's
     * {@code application.yml} there shadows the main one, as in Spring Boot).
     *
     * @throws ConfigurationFileException naming a file that exists but cannot be read
     */
    public static Found read(Request request, ClassLoader classLoader) {
        List<SettingsSource> sources = new ArrayList<>();
        if (!request.files().isEmpty()) {
            for (Path file : request.files()) {
                String name = file.getFileName().toString();
                if (!Files.isRegularFile(file)) {
                    throw new ConfigurationFileException("The configuration file " + file + " does not exist; check "
                            + "--config-file (or drop it: Flyback finds flyway.toml, flyway.conf and Spring Boot's "
                            + "application.yml in the project itself)", null);
                }
                if (name.endsWith(".toml")) {
                    sources.addAll(toml(file, file.toString(), request));
                } else if (isSpring(name)) {
                    sources.addAll(spring(List.of(new Located(file.toString(), file.toUri())), request, List.of()));
                } else {
                    sources.add(conf(file, file.toString()));
                }
            }
        } else {
            sources.addAll(springFiles(request, classLoader));
            Path conf = request.projectDirectory().resolve("flyway.conf");
            sources.add(Files.isRegularFile(conf) ? conf(conf, shown(request, conf))
                    : SettingsSource.missing(shown(request, conf)));
            Path toml = request.projectDirectory().resolve("flyway.toml");
            if (Files.isRegularFile(toml)) {
                sources.addAll(toml(toml, shown(request, toml), request));
            } else {
                sources.add(SettingsSource.missing(shown(request, toml)));
            }
        }
        Map<String, String> fromEnvironment = new LinkedHashMap<>();
        request.environmentVariables().forEach((name, value) -> {
            if (name.startsWith("SPRING_FLYWAY_") && !value.isBlank()) {
                String key = name.substring("SPRING_FLYWAY_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
                springKey(key.startsWith("placeholders-") ? "placeholders." + key.substring(13) : key, value)
                        .ifPresent(e -> fromEnvironment.put(e.getKey(), e.getValue()));
            }
        });
        sources.add(new SettingsSource("SPRING_FLYWAY_* environment variables", !fromEnvironment.isEmpty(),
                fromEnvironment));
        Map<String, String> merged = new LinkedHashMap<>();
        sources.forEach(source -> merged.putAll(source.properties()));
        return new Found(merged, sources);
    }

    /**
     * The location of a project that names none: Flyway's {@code classpath:db/migration} when the class path has
     * it, else the project's {@code src/main/resources/db/migration} folder (the CLI and the Maven plugin do not run
     * on the project's class path), else nothing.
     */
    public static Optional<String> defaultLocation(Path projectDirectory, ClassLoader classLoader) {
        if (classLoader.getResource(DEFAULT_LOCATION) != null) {
            return Optional.of("classpath:" + DEFAULT_LOCATION);
        }
        Path resources = projectDirectory.resolve("src/main/resources").resolve(DEFAULT_LOCATION);
        return Files.isDirectory(resources) ? Optional.of("filesystem:" + resources) : Optional.empty();
    }

    private static boolean isSpring(String name) {
        return name.endsWith(".yml") || name.endsWith(".yaml")
                || (name.startsWith("application") && name.endsWith(".properties"));
    }

    private record Located(String shown, java.net.URI uri) {
    }

    private static List<SettingsSource> springFiles(Request request, ClassLoader classLoader) {
        List<Located> base = locate("application", request, classLoader);
        List<String> profiles = request.springProfiles();
        if (profiles.isEmpty()) {
            String active = request.environmentVariables().get("SPRING_PROFILES_ACTIVE");
            if (active == null) {
                Map<String, String> raw = new LinkedHashMap<>();
                for (Located file : base) {
                    for (Map<String, String> document : documents(file)) {
                        raw.putAll(document);
                    }
                }
                active = raw.get("spring.profiles.active");
            }
            profiles = active == null ? List.of() : split(active);
        }
        List<Located> files = new ArrayList<>(base);
        for (String profile : profiles) {
            files.addAll(locate("application-" + profile, request, classLoader));
        }
        List<SettingsSource> sources = spring(files, request, profiles);
        if (files.isEmpty()) {
            sources = List.of(SettingsSource.missing("application.properties/.yml"));
        }
        return sources;
    }

    /** {@code name.properties}, {@code .yml}, {@code .yaml}: from the class path if there, else the project. */
    private static List<Located> locate(String name, Request request, ClassLoader classLoader) {
        List<Located> found = new ArrayList<>();
        for (String extension : List.of(".properties", ".yml", ".yaml")) {
            URL resource = classLoader.getResource(name + extension);
            Path file = request.projectDirectory().resolve("src/main/resources").resolve(name + extension);
            try {
                if (resource != null) {
                    found.add(new Located("classpath:" + name + extension, resource.toURI()));
                } else if (Files.isRegularFile(file)) {
                    found.add(new Located(shown(request, file), file.toUri()));
                }
            } catch (java.net.URISyntaxException e) {
                // a resource URL that is no URI is no file of the project's
            }
        }
        return found;
    }

    private static List<SettingsSource> spring(List<Located> files, Request request, List<String> profiles) {
        List<SettingsSource> sources = new ArrayList<>();
        for (Located file : files) {
            Map<String, String> flyway = new LinkedHashMap<>();
            for (Map<String, String> document : documents(file)) {
                String onProfile = document.getOrDefault("spring.config.activate.on-profile",
                        document.get("spring.profiles"));
                if (onProfile != null && !activeFor(onProfile, profiles)) {
                    continue;
                }
                document.forEach((key, value) -> {
                    if (key.startsWith("spring.flyway.")) {
                        springKey(key.substring("spring.flyway.".length()), value)
                                .ifPresent(e -> flyway.put(e.getKey(), e.getValue()));
                    }
                });
            }
            sources.add(new SettingsSource(file.shown(), true, flyway));
        }
        return sources;
    }

    private static boolean activeFor(String expression, List<String> profiles) {
        for (String wanted : split(expression)) {
            boolean negated = wanted.startsWith("!");
            String name = negated ? wanted.substring(1).trim() : wanted;
            if (profiles.contains(name) != negated) {
                return true;
            }
        }
        return false;
    }

    /** A Spring Boot file's documents, flattened to dotted keys (YAML lists joined with commas). */
    private static List<Map<String, String>> documents(Located file) {
        try (InputStream in = file.uri().toURL().openStream()) {
            if (file.shown().endsWith(".properties")) {
                Properties properties = new Properties();
                try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.UTF_8)) {
                    properties.load(reader);
                }
                Map<String, String> flat = new LinkedHashMap<>();
                properties.forEach((key, value) -> flat.put(key.toString(), value.toString()));
                return List.of(flat);
            }
            List<Map<String, String>> documents = new ArrayList<>();
            try (MappingIterator<JsonNode> all = new YAMLMapper().readerFor(JsonNode.class).readValues(in)) {
                while (all.hasNextValue()) {
                    Map<String, String> flat = new LinkedHashMap<>();
                    flatten("", all.nextValue(), flat);
                    documents.add(flat);
                }
            }
            return documents;
        } catch (JsonProcessingException e) {
            throw unreadable(file.shown(), e);
        } catch (IOException | RuntimeException e) {
            throw new ConfigurationFileException("Could not read " + file.shown() + ": " + e.getMessage(), e);
        }
    }

    /** A Spring Boot {@code spring.flyway.} key (after the prefix) as Flyway's key, or nothing for ignored ones. */
    private static Optional<Map.Entry<String, String>> springKey(String key, String value) {
        if (key.startsWith("placeholders.")) {
            return Optional.of(Map.entry("flyway." + key, value));
        }
        String normal = key.replace("_", "-");
        if (normal.equals("init-sqls")) {
            return Optional.of(Map.entry("flyway.initSql", value.replace(",", "\n")));
        }
        if (normal.equals("postgresql.transactional-lock")) {
            return Optional.of(Map.entry("flyway.postgresql.transactional.lock", value));
        }
        StringBuilder camel = new StringBuilder();
        boolean upper = false;
        for (char c : normal.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                camel.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        String flywayKey = camel.toString();
        if (CONNECTION_KEYS.contains(flywayKey) || flywayKey.startsWith("clean")) {
            return Optional.empty();
        }
        // Spring Boot replaces {vendor} in a location with the database's; Flyback's is always PostgreSQL
        String shown = flywayKey.equals("locations") ? value.replace("{vendor}", "postgresql") : value;
        return Optional.of(Map.entry("flyway." + flywayKey, shown));
    }

    private static SettingsSource conf(Path file, String shown) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigurationFileException("Could not read the Flyway configuration file " + shown + ": "
                    + e.getMessage(), e);
        }
        Map<String, String> flyway = new LinkedHashMap<>();
        properties.forEach((key, value) -> {
            String name = key.toString();
            if (name.startsWith("flyway.") && !CONNECTION_KEYS.contains(name.substring(7))) {
                flyway.put(name, value.toString());
            }
        });
        return new SettingsSource(shown, true, flyway);
    }

    /** {@code [flyway]}, then the chosen environment's {@code schemas} and {@code [environments.<name>.flyway]}. */
    private static List<SettingsSource> toml(Path file, String shown, Request request) {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw unreadable(shown, e);
        } catch (IOException e) {
            throw new ConfigurationFileException("Could not read " + shown + ": " + e.getMessage(), e);
        }
        Map<String, String> flyway = new LinkedHashMap<>();
        JsonNode top = root.path("flyway");
        flattenFlyway(top, flyway);
        List<SettingsSource> sources = new ArrayList<>();
        sources.add(new SettingsSource(shown, true, flyway));
        JsonNode environments = root.path("environments");
        Optional<String> named = request.flywayEnvironment().or(() -> Optional.ofNullable(top.get("environment"))
                .map(JsonNode::asText));
        String name = named.orElse("default");
        JsonNode environment = environments.path(name);
        if (environment.isMissingNode()) {
            if (named.isPresent()) {
                List<String> known = new ArrayList<>();
                environments.fieldNames().forEachRemaining(known::add);
                throw new ConfigurationFileException(shown + " has no [environments." + name + "]"
                        + (known.isEmpty() ? "" : "; it has " + String.join(", ", known)) + " (chosen by "
                        + (request.flywayEnvironment().isPresent() ? "--environment" : "flyway.environment") + ")",
                        null);
            }
            return sources;
        }
        Map<String, String> chosen = new LinkedHashMap<>();
        if (environment.has("schemas")) {
            chosen.put("flyway.schemas", text(environment.get("schemas")));
        }
        flattenFlyway(environment.path("flyway"), chosen);
        sources.add(new SettingsSource(shown + " [environments." + name + "]", true, chosen));
        return sources;
    }

    private static void flattenFlyway(JsonNode table, Map<String, String> into) {
        Map<String, String> flat = new LinkedHashMap<>();
        flatten("", table, flat);
        flat.forEach((key, value) -> {
            if (!key.equals("environment") && !CONNECTION_KEYS.contains(key)) {
                into.put("flyway." + key, value);
            }
        });
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return;
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                flatten(prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey(), field.getValue(), into);
            }
        } else if (!prefix.isEmpty()) {
            into.put(prefix, text(node));
        }
    }

    private static String text(JsonNode node) {
        if (node.isArray()) {
            List<String> items = new ArrayList<>();
            node.forEach(item -> items.add(item.asText()));
            return String.join(",", items);
        }
        return node.asText();
    }

    private static ConfigurationFileException unreadable(String shown, JsonProcessingException e) {
        var location = e.getLocation();
        return new ConfigurationFileException(shown + (location != null && location.getLineNr() > 0 ? " line "
                + location.getLineNr() : "") + ": " + e.getOriginalMessage() + "; fix the file or name another "
                + "with --config-file", e);
    }

    private static String shown(Request request, Path file) {
        Path project = request.projectDirectory().toAbsolutePath().normalize();
        Path absolute = file.toAbsolutePath().normalize();
        return absolute.startsWith(project) ? project.relativize(absolute).toString() : absolute.toString();
    }

    private static List<String> split(String value) {
        List<String> parts = new ArrayList<>();
        for (String part : value.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        return parts;
    }
}
