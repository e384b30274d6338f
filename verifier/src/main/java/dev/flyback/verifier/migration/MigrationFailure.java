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
 * Why a migration step failed: the script, the line and statement where it did, PostgreSQL's message and SQLState,
 * and what kind of failure it is, decided once where the failure was caught.
 *
 * @param script the script that failed
 * @param line the line of the failing statement, when known
 * @param statement the failing statement, when known
 * @param message the error, in PostgreSQL's or Flyway's words
 * @param kind what kind of failure it is
 * @param sqlState PostgreSQL's SQLState, when PostgreSQL raised it
 * @param inTransaction for a script mixing a CONCURRENTLY statement with others, the others (each as
 *                      {@code line N: statement}), which Flyway runs in a transaction; else empty
 * @param detail PostgreSQL's detail ({@code Key (customer_id)=(7) is not present in table "customers".}), if any
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record MigrationFailure(String script, Optional<Integer> line, Optional<String> statement, String message,
                               Kind kind, Optional<String> sqlState, List<String> inTransaction,
                               Optional<String> detail) {
    private static final Pattern LINE = Pattern.compile("(?m)^Line\\s*:\\s*(\\d+)");
    private static final Pattern STATEMENT = Pattern.compile("(?ms)^Statement\\s*:\\s*(.+?)\\s*\\z");
    private static final Pattern ERROR = Pattern.compile("(?m)^Message\\s*:\\s*(.+)$");
    /** Flyway's complaint about a placeholder it has no value for. */
    private static final Pattern PLACEHOLDER = Pattern.compile("No value provided for placeholder: (\\S+?)\\.?(?:\\s|$)");
    /** How Flyway's refusal to mix transactional and non-transactional statements starts. */
    private static final String MIXED = "Detected both transactional and non-transactional statements";
    /** Flyway's refusal to mix transactional and non-transactional statements names the line and statement. */
    private static final Pattern OFFENDING = Pattern.compile(
            "Offending statement found at line (\\d+): (.+?)(?: \\[non-transactional\\])?\\s*\\z", Pattern.DOTALL);

    public MigrationFailure {
        requireNonNull(script, "script must not be null");
        requireNonNull(line, "line must not be null");
        requireNonNull(statement, "statement must not be null");
        requireNonNull(message, "message must not be null");
        requireNonNull(kind, "kind must not be null");
        requireNonNull(sqlState, "sqlState must not be null");
        inTransaction = List.copyOf(inTransaction);
        requireNonNull(detail, "detail must not be null");
    }

    /** A failure of no particular kind, without SQLState. */
    public MigrationFailure(String script, Optional<Integer> line, Optional<String> statement, String message) {
        this(script, line, statement, message, Kind.ERROR, Optional.empty(), List.of(), Optional.empty());
    }

    /** What kind of failure it is: the proof treats each kind its own way. */
    public enum Kind {
        /** An error in the script or the data it met. */
        ERROR,
        /** PostgreSQL cancelled the statement at its statement timeout (SQLState 57014). */
        STATEMENT_TIMEOUT,
        /** The statement waited for a lock past lock_timeout (SQLState 55P03). */
        LOCK_TIMEOUT,
        /** A CONCURRENTLY statement in a transaction: PostgreSQL (SQLState 25001) or Flyway refused it. */
        CONCURRENTLY_IN_TRANSACTION,
        /** The connection broke or the server stopped (SQLState class 08, 57P01 to 57P03). */
        CONNECTION_LOST
    }

    /** The same failure, of another kind and with the statements a CONCURRENTLY one was mixed with. */
    MigrationFailure withKind(Kind newKind, List<String> statements) {
        return new MigrationFailure(script, line, statement, message, newKind, sqlState, statements, detail);
    }

    /** The same failure, with the SQLState and kind read from what was thrown. */
    MigrationFailure classified(Throwable thrown) {
        Optional<String> state = connectionLost(thrown).or(() -> sqlStateOf(thrown));
        return new MigrationFailure(script, line, statement, message, kindOf(state, message), state, inTransaction,
                detail.or(() -> detailOf(thrown)));
    }

    /** The {@code Detail:} line PostgreSQL sent with the first SQL exception in the chain, if any. */
    private static Optional<String> detailOf(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getMessage() != null) {
                return sql.getMessage().lines().map(String::strip).filter(l -> l.startsWith("Detail:"))
                        .map(l -> l.substring("Detail:".length()).strip()).findFirst();
            }
        }
        return Optional.empty();
    }

    /**
     * A broken connection anywhere in the chain: the driver may report the statement's own error first, and the
     * lost connection only as its cause.
     */
    private static Optional<String> connectionLost(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && kindOf(Optional.of(sql.getSQLState()), "") == Kind.CONNECTION_LOST) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /** The SQLState of the first SQL exception in the chain, if any. */
    static Optional<String> sqlStateOf(Throwable thrown) {
        for (Throwable cause = thrown; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                return Optional.of(sql.getSQLState());
            }
        }
        return Optional.empty();
    }

    /**
     * The kind, from the SQLState. 57014 is also a cancellation by Flyback's revision timeout, which the proof knows
     * apart by its own watchdog. Flyway's refusal of a mixed script carries no SQLState, only its own words.
     */
    private static Kind kindOf(Optional<String> state, String message) {
        if (state.isEmpty()) {
            return message.startsWith(MIXED) ? Kind.CONCURRENTLY_IN_TRANSACTION : Kind.ERROR;
        }
        String code = state.get();
        if (code.equals("57014")) {
            return Kind.STATEMENT_TIMEOUT;
        }
        if (code.equals("55P03")) {
            return Kind.LOCK_TIMEOUT;
        }
        if (code.equals("25001")) {
            return Kind.CONCURRENTLY_IN_TRANSACTION;
        }
        if (code.startsWith("08") || code.equals("57P01") || code.equals("57P02") || code.equals("57P03")) {
            return Kind.CONNECTION_LOST;
        }
        return Kind.ERROR;
    }

    /**
     * Reads Flyway's error report (its {@code Message :} and {@code Line :} fields). Flyway hides the statement
     * unless it runs in debug mode, so the statement is read from the script at that line.
     */
    static MigrationFailure fromFlywayMessage(String script, Optional<Path> file, String flywayMessage) {
        String text = flywayMessage == null ? "unknown error" : flywayMessage;
        Matcher offending = OFFENDING.matcher(text);
        if (offending.find()) {
            int at = Integer.parseInt(offending.group(1));
            return new MigrationFailure(script, Optional.of(at), Optional.of(offending.group(2).strip()),
                    text.substring(0, offending.start()).strip().replaceFirst("\\.$", ""));
        }
        Matcher lineMatcher = LINE.matcher(text);
        Optional<Integer> line = lineMatcher.find() ? Optional.of(Integer.parseInt(lineMatcher.group(1)))
                : placeholderLine(text, file);
        Matcher statement = STATEMENT.matcher(text);
        Optional<String> flywayStatement = statement.find() && !statement.group(1).contains("-X option")
                ? Optional.of(statement.group(1).strip()) : Optional.empty();
        Matcher error = ERROR.matcher(text);
        return new MigrationFailure(script, line,
                flywayStatement.or(() -> line.flatMap(l -> file.flatMap(f -> statementAt(f, l)))),
                error.find() ? error.group(1).strip() : firstLines(text));
    }

    /**
     * Where a placeholder Flyway has no value for first appears: Flyway names the placeholder while preparing the
     * script, but not its line.
     */
    private static Optional<Integer> placeholderLine(String text, Optional<Path> file) {
        Matcher placeholder = PLACEHOLDER.matcher(text);
        if (!placeholder.find() || file.isEmpty()) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(file.get(), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).contains(placeholder.group(1))) {
                    return Optional.of(i + 1);
                }
            }
        } catch (IOException | RuntimeException e) {
            // The line stays unknown.
        }
        return Optional.empty();
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
