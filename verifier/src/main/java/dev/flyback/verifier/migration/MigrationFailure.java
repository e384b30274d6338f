package dev.flyback.verifier.migration;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

/**
 * Why a migration step failed: the script, the line and statement where it did, and PostgreSQL's message.
 *
 * @param script the script that failed
 * @param line the line of the failing statement, when known
 * @param statement the failing statement, when known
 * @param message the error, in PostgreSQL's or Flyway's words
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MigrationFailure(String script, Optional<Integer> line, Optional<String> statement, String message) {
    private static final Pattern LINE = Pattern.compile("(?m)^Line\\s*:\\s*(\\d+)");
    private static final Pattern STATEMENT = Pattern.compile("(?ms)^Statement\\s*:\\s*(.+?)\\s*\\z");
    private static final Pattern ERROR = Pattern.compile("(?m)^Message\\s*:\\s*(.+)$");

    public MigrationFailure {
        requireNonNull(script, "script must not be null");
        requireNonNull(line, "line must not be null");
        requireNonNull(statement, "statement must not be null");
        requireNonNull(message, "message must not be null");
    }

    /** Reads Flyway's error report (its {@code Line :} and {@code Statement :} fields). */
    static MigrationFailure fromFlywayMessage(String script, String flywayMessage) {
        String text = flywayMessage == null ? "unknown error" : flywayMessage;
        Matcher line = LINE.matcher(text);
        Matcher statement = STATEMENT.matcher(text);
        Matcher error = ERROR.matcher(text);
        return new MigrationFailure(script,
                line.find() ? Optional.of(Integer.parseInt(line.group(1))) : Optional.empty(),
                statement.find() ? Optional.of(statement.group(1).strip()) : Optional.empty(),
                error.find() ? error.group(1).strip() : firstLines(text));
    }

    private static String firstLines(String text) {
        String stripped = text.strip();
        int cut = stripped.indexOf('\n', Math.min(stripped.length(), 300));
        return cut < 0 ? stripped : stripped.substring(0, cut);
    }
}
