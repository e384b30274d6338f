package dev.flyback.verifier.finding;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The object a DDL or DML statement works on, as the statement names it ({@code index ix_users_name},
 * {@code column users.email}), so that a failed statement's finding says what it failed on.
 */
final class StatementObject {
    private static final String NAME = "(\"(?:[^\"]|\"\")+\"|[\\w$]+)(?:\\.(\"(?:[^\"]|\"\")+\"|[\\w$]+))?";
    private static final Pattern CREATE_INDEX = Pattern.compile("^CREATE (?:UNIQUE )?INDEX (?:CONCURRENTLY )?"
            + "(?:IF NOT EXISTS )?" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern KIND = Pattern.compile("^(?:CREATE (?:OR REPLACE )?(?:TEMP(?:ORARY)? |UNLOGGED )?"
            + "|DROP |ALTER |COMMENT ON |REFRESH )(MATERIALIZED VIEW|TABLE|VIEW|SEQUENCE|TYPE|DOMAIN|FUNCTION|"
            + "PROCEDURE|AGGREGATE|EVENT TRIGGER|TRIGGER|SCHEMA|EXTENSION|POLICY|RULE|INDEX|COLUMN|PUBLICATION|"
            + "COLLATION|CONVERSION|STATISTICS|SERVER|FOREIGN DATA WRAPPER|FOREIGN TABLE|TEXT SEARCH CONFIGURATION|"
            + "TEXT SEARCH DICTIONARY) (?:CONCURRENTLY )?"
            + "(?:IF (?:NOT )?EXISTS )?(?:ONLY )?" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern MEMBER = Pattern.compile("^(ADD|DROP|ALTER|RENAME) (?:(COLUMN|CONSTRAINT) )?"
            + "(?:IF (?:NOT )?EXISTS )?" + NAME, Pattern.CASE_INSENSITIVE);
    private static final Pattern ROWS = Pattern.compile("^(?:INSERT INTO|UPDATE(?: ONLY)?|DELETE FROM(?: ONLY)?"
            + "|TRUNCATE(?: TABLE)?(?: ONLY)?|COPY) " + NAME, Pattern.CASE_INSENSITIVE);

    /** Words that follow ADD, DROP, ALTER or RENAME in ALTER TABLE without naming a column. */
    private static final java.util.Set<String> NOT_COLUMNS = java.util.Set.of("PRIMARY", "FOREIGN", "UNIQUE",
            "CHECK", "EXCLUDE", "TO", "OWNER", "SET", "RESET", "ENABLE", "DISABLE", "INHERIT", "NO", "CLUSTER",
            "REPLICA", "VALIDATE", "ATTACH", "DETACH", "OF", "NOT", "FORCE", "ROW", "IDENTITY", "DEFAULT");

    private StatementObject() {
    }

    /** The object {@code sql} works on, as {@code kind name}, if the statement says. */
    static Optional<String> of(String sql) {
        String text = sql.strip().replaceAll("(?m)^\\s*--.*$", "").replaceAll("\\s+", " ").strip();
        Matcher index = CREATE_INDEX.matcher(text);
        if (index.find()) {
            return Optional.of("index " + name(index, 1));
        }
        Matcher kind = KIND.matcher(text);
        if (kind.find()) {
            String what = kind.group(1).toLowerCase(Locale.ROOT);
            String name = name(kind, 2);
            if (what.equals("table") && text.toUpperCase(Locale.ROOT).startsWith("ALTER TABLE")) {
                Matcher member = MEMBER.matcher(text.substring(kind.end()).strip());
                if (member.find()) {
                    String sub = member.group(2) == null ? "" : member.group(2).toUpperCase(Locale.ROOT);
                    String memberName = name(member, 3);
                    if (sub.equals("CONSTRAINT")) {
                        return Optional.of("constraint " + memberName + " on " + name);
                    }
                    if (sub.equals("COLUMN") || !NOT_COLUMNS.contains(memberName.toUpperCase(Locale.ROOT))) {
                        return Optional.of("column " + name + "." + memberName);
                    }
                }
            }
            return Optional.of(what + " " + name);
        }
        Matcher rows = ROWS.matcher(text);
        return rows.find() ? Optional.of("table " + name(rows, 1)) : Optional.empty();
    }

    /** A possibly qualified name from two groups, unquoted where PostgreSQL would fold it. */
    private static String name(Matcher matcher, int group) {
        String first = part(matcher.group(group));
        String second = matcher.group(group + 1);
        return second == null ? first : first + "." + part(second);
    }

    private static String part(String identifier) {
        return identifier.startsWith("\"") ? identifier.substring(1, identifier.length() - 1).replace("\"\"", "\"")
                : identifier.toLowerCase(Locale.ROOT);
    }
}
