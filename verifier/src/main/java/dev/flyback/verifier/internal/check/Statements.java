package dev.flyback.verifier.internal.check;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads one statement, as Flyway's parser split it: keywords without comments, quoted bodies or case. */
final class Statements {
    private static final Pattern DOLLAR_QUOTED = Pattern.compile("\\$([A-Za-z_]*)\\$.*?\\$\\1\\$", Pattern.DOTALL);
    private static final Pattern LINE_COMMENT = Pattern.compile("--[^\\n]*");
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    private static final Pattern STRING = Pattern.compile("'(?:[^']|'')*'");
    private static final Pattern TARGET = Pattern.compile(
            "^(?:TRUNCATE(?: TABLE)?(?: ONLY)?|DELETE FROM(?: ONLY)?|UPDATE(?: ONLY)?) ([^ ;(]+)");

    private static final Pattern WORK_TARGET = Pattern.compile("^(?:CREATE (?:UNIQUE )?INDEX .*? ON (?:ONLY )?"
            + "|ALTER TABLE (?:IF EXISTS )?(?:ONLY )?|UPDATE (?:ONLY )?|DELETE FROM (?:ONLY )?|INSERT INTO "
            + "|MERGE INTO |COPY )([^ ;(]+)");

    private Statements() {
    }

    /** Upper case, one space between words, comments, strings and dollar-quoted bodies left out. */
    static String normalize(String sql) {
        String text = DOLLAR_QUOTED.matcher(sql).replaceAll("\\$\\$");
        text = BLOCK_COMMENT.matcher(text).replaceAll(" ");
        text = LINE_COMMENT.matcher(text).replaceAll(" ");
        text = STRING.matcher(text).replaceAll("''");
        return text.replaceAll("\\s+", " ").strip().toUpperCase(Locale.ROOT);
    }

    /** The table a TRUNCATE, DELETE or UPDATE works on, lower case as PostgreSQL folds it. */
    static Optional<String> target(String normalized) {
        Matcher matcher = TARGET.matcher(normalized);
        return matcher.find() ? Optional.of(matcher.group(1).replace("\"", "").toLowerCase(Locale.ROOT))
                : Optional.empty();
    }

    /** The table a statement scans, rewrites or changes rows of, lower case as PostgreSQL folds it. */
    static Optional<String> workTarget(String normalized) {
        Matcher matcher = WORK_TARGET.matcher(normalized);
        return matcher.find() ? Optional.of(matcher.group(1).replace("\"", "").toLowerCase(Locale.ROOT))
                : Optional.empty();
    }

    static boolean hasWhere(String normalized) {
        return normalized.contains(" WHERE ");
    }
}
