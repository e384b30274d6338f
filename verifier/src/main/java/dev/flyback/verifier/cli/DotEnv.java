package dev.flyback.verifier.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A project's {@code .env} file: {@code FLYBACK_*} settings (a database URL, a user) kept next to the project
 * rather than typed on every command. A variable set in the real environment wins over the file, as with Docker
 * Compose and most tools; the file's values reach the options as system properties, which picocli's
 * {@code ${FLYBACK_URL}} defaults read before the environment.
 */
final class DotEnv {

    private DotEnv() {
    }

    /**
     * Reads {@code FLYBACK_ENV_FILE}, else {@code .env} in the working directory, if there is one, and publishes its
     * {@code FLYBACK_*} entries that the environment does not set.
     *
     * @throws IllegalArgumentException naming the file and line of an entry that is not KEY=VALUE
     */
    static void load(Function<String, String> environment) {
        String named = environment.apply("FLYBACK_ENV_FILE");
        Path file = Path.of(named == null || named.isBlank() ? ".env" : named);
        if (!Files.isRegularFile(file)) {
            if (named != null && !named.isBlank()) {
                throw new IllegalArgumentException("FLYBACK_ENV_FILE names " + file + ", which does not exist");
            }
            return;
        }
        parse(file).forEach((key, value) -> {
            if (key.startsWith("FLYBACK_") && environment.apply(key) == null && System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
    }

    static Map<String, String> parse(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> entries = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("export ")) {
                line = line.substring("export ".length()).strip();
            }
            int equals = line.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException(file + " line " + (i + 1) + ": '" + line.replaceAll("(?i)(pass"
                        + "word.*)", "****") + "' is not KEY=VALUE");
            }
            String value = line.substring(equals + 1).strip();
            if (value.length() >= 2 && (value.startsWith("\"") && value.endsWith("\"")
                    || value.startsWith("'") && value.endsWith("'"))) {
                value = value.substring(1, value.length() - 1);
            }
            entries.put(line.substring(0, equals).strip(), value);
        }
        return entries;
    }
}
