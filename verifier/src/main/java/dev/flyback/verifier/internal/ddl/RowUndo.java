package dev.flyback.verifier.internal.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apiguardian.api.API;

/**
 * The undo of rows a revision inserts into a table that existed before it, where SQL can take them back exactly: an
 * {@code INSERT INTO t (columns) VALUES (...), ...} of constants only (numbers, strings, booleans, {@code NULL}, with
 * casts) is undone by deleting, for each row it inserted, one row equal to it on those columns. That leaves the table
 * as it was even where equal rows were there before (one is deleted per one inserted). Anything else (a function call,
 * {@code DEFAULT}, {@code SELECT}, {@code ON CONFLICT}, {@code RETURNING}, an {@code UPDATE} or {@code DELETE}) is
 * left to the author, and the undo says so. On the real histories, one such row (crates.io's {@code metadata}) kept
 * 133 later undos from being proven (docs/undo.md).
 *
 * @since 0.4
 */
@API(status = API.Status.INTERNAL, since = "0.4")
public final class RowUndo {
    private static final Pattern INSERT = Pattern.compile(
            "(?is)^\\s*INSERT\\s+INTO\\s+((?:\"[^\"]+\"|[\\w$]+)(?:\\.(?:\"[^\"]+\"|[\\w$]+))?)\\s*\\(([^)]*)\\)\\s*"
                    + "VALUES\\s*");
    private static final Pattern CONSTANT = Pattern.compile(
            "(?i)(?:-?\\d+(?:\\.\\d+)?(?:e-?\\d+)?|'(?:[^']|'')*'|TRUE|FALSE|NULL)(?:\\s*::\\s*[\\w\". ]+(?:\\(\\d+(?:,\\s*\\d+)?\\))?(?:\\[\\])?)?");

    private RowUndo() {
    }

    /**
     * The statement of {@code script} that starts on line {@code line} (1-based), up to its semicolon outside quotes.
     */
    public static String statementAt(String script, int line) {
        String[] lines = script.split("\n", -1);
        StringBuilder text = new StringBuilder();
        for (int i = line - 1; i < lines.length; i++) {
            text.append(lines[i]).append('\n');
        }
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\'') {
                quoted = !quoted;
            } else if (c == ';' && !quoted) {
                return text.substring(0, i + 1);
            }
        }
        return text.toString();
    }

    /** The {@code DELETE}s that take back {@code insert}, when it inserts constants only; else empty. */
    public static Optional<String> undoOf(String insert) {
        Matcher head = INSERT.matcher(insert);
        if (!head.find()) {
            return Optional.empty();
        }
        String table = head.group(1);
        List<String> columns = new ArrayList<>();
        for (String column : head.group(2).split(",")) {
            if (column.isBlank()) {
                return Optional.empty();
            }
            columns.add(column.strip());
        }
        List<List<String>> rows = new ArrayList<>();
        String rest = insert.substring(head.end()).strip();
        while (rest.startsWith("(")) {
            List<String> values = new ArrayList<>();
            rest = rest.substring(1).strip();
            while (true) {
                Matcher constant = CONSTANT.matcher(rest);
                if (!constant.lookingAt()) {
                    return Optional.empty();
                }
                values.add(constant.group().strip());
                rest = rest.substring(constant.end()).strip();
                if (rest.startsWith(",")) {
                    rest = rest.substring(1).strip();
                } else if (rest.startsWith(")")) {
                    rest = rest.substring(1).strip();
                    break;
                } else {
                    return Optional.empty();
                }
            }
            if (values.size() != columns.size()) {
                return Optional.empty();
            }
            rows.add(values);
            if (rest.startsWith(",")) {
                rest = rest.substring(1).strip();
            }
        }
        if (rows.isEmpty() || !(rest.isEmpty() || rest.equals(";"))) {
            return Optional.empty();
        }
        StringBuilder undo = new StringBuilder();
        for (List<String> row : rows) {
            List<String> equal = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                equal.add(columns.get(i) + " IS NOT DISTINCT FROM " + row.get(i));
            }
            undo.append(undo.length() == 0 ? "" : "\n").append("DELETE FROM ").append(table)
                    .append(" WHERE ctid = (SELECT ctid FROM ").append(table).append(" WHERE ")
                    .append(String.join(" AND ", equal)).append(" LIMIT 1);");
        }
        return Optional.of(undo.toString());
    }
}
