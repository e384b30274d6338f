package dev.flyback.verifier.migration;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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

    /**
     * Reads Flyway's error report (its {@code Message :} and {@code Line :} fields). Flyway hides the statement
     * unless it runs in debug mode, so the statement is read from the script at that line.
     */
    static MigrationFailure fromFlywayMessage(String script, Optional<Path> file, String flywayMessage) {
        String text = flywayMessage == null ? "unknown error" : flywayMessage;
        Matcher lineMatcher = LINE.matcher(text);
        Optional<Integer> line = lineMatcher.find() ? Optional.of(Integer.parseInt(lineMatcher.group(1)))
                : Optional.empty();
        Matcher statement = STATEMENT.matcher(text);
        Optional<String> flywayStatement = statement.find() && !statement.group(1).contains("-X option")
                ? Optional.of(statement.group(1).strip()) : Optional.empty();
        Matcher error = ERROR.matcher(text);
        return new MigrationFailure(script, line,
                flywayStatement.or(() -> line.flatMap(l -> file.flatMap(f -> statementAt(f, l)))),
                error.find() ? error.group(1).strip() : firstLines(text));
    }

    /** The statement that starts at {@code line} (1-based), up to its semicolon. */
    static Optional<String> statementAt(Path file, int line) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            StringBuilder statement = new StringBuilder();
            for (int i = line - 1; i >= 0 && i < lines.size(); i++) {
                statement.append(lines.get(i)).append('\n');
                if (lines.get(i).strip().endsWith(";")) {
                    break;
                }
            }
            String text = statement.toString().strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text.endsWith(";")
                    ? text.substring(0, text.length() - 1) : text);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String firstLines(String text) {
        String stripped = text.strip();
        int cut = stripped.indexOf('\n', Math.min(stripped.length(), 300));
        return cut < 0 ? stripped : stripped.substring(0, cut);
    }
}
