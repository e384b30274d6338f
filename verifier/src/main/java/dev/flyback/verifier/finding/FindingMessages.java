package dev.flyback.verifier.finding;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.flyback.verifier.diff.SchemaDiff;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.migration.MigrationFailure;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;

/**
 * Creates every finding and renders it for humans: the one place finding messages are written, used by assertion
 * errors, the CLI and every report.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class FindingMessages {
    private static final String ABSENT = SchemaDifference.PropertyChange.ABSENT;

    private FindingMessages() {
    }

    /**
     * Renders a finding: the problem on the first line, then expected and actual state, then the fix.
     *
     * <pre>
     * error LEFTOVER_INDEX V3__add_index: index "public"."ix_x" is still there after U3__add_index.sql
     *   expected: &lt;absent&gt;
     *   actual  : CREATE INDEX ix_x ON public.t USING btree (x)
     *   Fix: add to U3__add_index.sql
     *     DROP INDEX IF EXISTS public.ix_x;
     * </pre>
     */
    public static String render(Finding finding) {
        StringBuilder text = new StringBuilder();
        text.append(finding.severity().displayName()).append(' ').append(finding.rule()).append(' ')
                .append(finding.migration()).append(": ").append(finding.summary());
        finding.expected().ifPresent(e -> text.append('\n').append(labelled("  expected", e)));
        finding.actual().ifPresent(a -> text.append('\n').append(labelled("  actual  ", a)));
        finding.fix().ifPresent(fix -> text.append("\n  Fix: ").append(indentContinuation(fix, "    ")));
        return text.toString();
    }

    /** The revision's up migration failed. */
    public static Finding upFailed(Revision revision, MigrationFailure failure) {
        Optional<String> limit = timeoutOf(failure);
        if (limit.isPresent()) {
            return timedOut(revision, failure, "up", limit.get(), "; later revisions were not checked");
        }
        if (concurrentlyInTransaction(failure)) {
            return concurrently(revision, failure, "; later revisions were not checked");
        }
        return failure(FindingType.UP_FAILED, revision, failure, revision.script() + " failed" + at(failure)
                + ": " + failure.message(), "fix the statement in " + revision.script()
                + "; later revisions were not checked");
    }

    /** The revision's undo failed. */
    public static Finding undoFailed(Revision revision, MigrationFailure failure) {
        Optional<String> limit = timeoutOf(failure);
        if (limit.isPresent()) {
            return timedOut(revision, failure, "undo", limit.get(), "");
        }
        if (concurrentlyInTransaction(failure)) {
            return concurrently(revision, failure, "");
        }
        return failure(FindingType.UNDO_FAILED, revision, failure, failure.script() + " failed" + at(failure)
                + on(failure) + ": " + failure.message(), "fix the statement in " + failure.script()
                + " so that it undoes " + revision.script());
    }

    /** Applying the revision again after its undo failed. */
    public static Finding reupFailed(Revision revision, MigrationFailure failure) {
        Optional<String> limit = timeoutOf(failure);
        if (limit.isPresent()) {
            return timedOut(revision, failure, "re-applied up", limit.get(), "");
        }
        return failure(FindingType.REUP_FAILED, revision, failure, revision.script()
                + " could not be applied again after " + revision.undoDisplayName() + at(failure) + on(failure)
                + ": " + failure.message() + catalogDuplicate(failure), "make " + revision.undoDisplayName() + " remove everything "
                + revision.script() + " creates");
    }

    /**
     * Some kinds of object (text search configurations and dictionaries, among others) do not say "already exists"
     * when created twice: the catalog's unique index refuses the row, and PostgreSQL names the index
     * ({@code pg_ts_config_cfgname_index}). What that means, said in words.
     */
    private static String catalogDuplicate(MigrationFailure failure) {
        return failure.sqlState().filter("23505"::equals).isPresent()
                && failure.message().matches("(?s).*unique constraint \"pg_\\w+_index\".*")
                ? " (PostgreSQL's own catalog already holds an object of that name: the undo left it behind)" : "";
    }

    /** The revision has no undo. */
    public static Finding undoMissing(Revision revision) {
        return undoMissing(revision, Optional.empty());
    }

    /**
     * The revision has no undo; {@code likely} is an undo script without a migration that looks meant for it (same
     * description, or a version one keystroke away: {@code U15} for {@code U5}).
     */
    public static Finding undoMissing(Revision revision, Optional<String> likely) {
        String undoName = "U" + revision.version() + "__" + revision.displayName().replaceFirst("^V[^_]*__", "")
                + ".sql";
        return new Finding(FindingType.UNDO_MISSING.name(), FindingType.UNDO_MISSING,
                FindingType.UNDO_MISSING.defaultSeverity(), revision.version(), revision.displayName(),
                Optional.of(revision.script()), Optional.empty(), Optional.empty(),
                revision.script() + " has no undo script, so it cannot be rolled back" + likely.map(u -> "; " + u
                        + " looks like it, under another version").orElse(""), Optional.empty(),
                Optional.empty(), Optional.of(revision.java()
                        ? "implement dev.flyback.verifier.migration.ReversibleMigration in " + revision.script()
                        : likely.map(u -> "rename " + u + " to " + undoName).orElse("write " + undoName + " next to "
                        + revision.script() + " (flyback undo " + revision.version() + " writes it from what "
                        + revision.script() + " changes, and proves it)")));
    }

    /** An undo script with no versioned migration of the same version. */
    public static Finding undoWithoutMigration(String undoScript) {
        return undoWithoutMigration(undoScript, Optional.empty());
    }

    /**
     * An undo script with no versioned migration of the same version; {@code likely} is the migration without undo
     * it looks meant for.
     */
    public static Finding undoWithoutMigration(String undoScript, Optional<Revision> likely) {
        String version = undoScript.replaceFirst("^.*?U([^_]+)__.*$", "$1");
        return new Finding(FindingType.UNDO_WITHOUT_MIGRATION.name(), FindingType.UNDO_WITHOUT_MIGRATION,
                FindingType.UNDO_WITHOUT_MIGRATION.defaultSeverity(), version, undoScript, Optional.of(undoScript),
                Optional.empty(), Optional.empty(), undoScript + " undoes version " + version
                        + ", but there is no versioned migration V" + version + "__*" + likely.map(r -> "; it looks "
                        + "meant for " + r.script() + ", which has no undo").orElse(""), Optional.empty(),
                Optional.empty(), Optional.of(likely.map(r -> "rename it to U" + r.version() + "__"
                        + r.displayName().replaceFirst("^V[^_]*__", "") + ".sql")
                        .orElse("rename it to match its V script, or delete it")));
    }

    /** The undo dropped Flyway's history table. */
    public static Finding undoDropsHistory(Revision revision, String historyTable) {
        FindingType type = FindingType.UNDO_DROPS_HISTORY;
        String undo = revision.undoDisplayName();
        return new Finding(type.name(), type, type.defaultSeverity(), revision.version(), revision.displayName(),
                Optional.of(undo), Optional.empty(), Optional.of(historyTable), undo + " drops Flyway's history "
                        + "table " + historyTable + ": after this rollback Flyway no longer knows which revisions "
                        + "are applied, and its next migrate starts from the first", Optional.of(historyTable),
                Optional.of(ABSENT), Optional.of("drop only what " + revision.script() + " created, object by object, "
                        + "not the schema Flyway keeps its history in (it is Flyway's: flyway.schemas)"));
    }


    /** A difference between the schema before the revision and after its undo. */
    public static Finding afterUndo(Revision revision, SchemaDifference difference) {
        String undo = revision.undoDisplayName();
        String where = " after " + undo;
        if (difference instanceof SchemaDifference.Added added) {
            SchemaObject object = added.subject();
            return objectFinding(FindingType.LEFTOVER, revision, object, object.describe() + " is still there" + where,
                    ABSENT, state(object), "add to " + undo + "\n" + FixHints.drop(object));
        }
        if (difference instanceof SchemaDifference.Removed removed) {
            SchemaObject object = removed.subject();
            return objectFinding(FindingType.MISSING, revision, object, object.describe()
                    + " existed before V" + revision.version() + " but is gone" + where, state(object), ABSENT,
                    FixHints.recreate(object).map(sql -> "make " + undo + " leave it in place, or re-create it:\n" + sql)
                            .orElse("make " + undo + " leave it in place"));
        }
        SchemaDifference.Changed changed = (SchemaDifference.Changed) difference;
        SchemaObject object = changed.before();
        if (changed.renamed()) {
            return objectFinding(FindingType.CHANGED, revision, object, object.describe() + " is "
                            + changed.subject().qualifiedName() + where + ", which does not rename it back"
                            + (changed.changes().size() > renameKeys(changed) ? " (and differs: "
                            + String.join(", ", otherKeys(changed)) + ")" : ""),
                    object.qualifiedName() + otherChanges(changed, true),
                    changed.subject().qualifiedName() + otherChanges(changed, false),
                    "add to " + undo + "\n" + FixHints.rename(changed));
        }
        if (changed.changes().keySet().equals(java.util.Set.of("position"))) {
            return objectFinding(FindingType.COLUMN_ORDER_CHANGED, revision, object, object.describe()
                    + " moved from position " + changed.changes().get("position").before() + " to "
                    + changed.changes().get("position").after() + where, changed.changes().get("position").before(),
                    changed.changes().get("position").after(), "nothing to do unless the column order matters to you");
        }
        if (onlyValidated(changed)) {
            // VALIDATE CONSTRAINT cannot be taken back (PostgreSQL has no way to mark a constraint NOT VALID again),
            // and need not be: the constraint holds for more rows than before. Not a defect of the undo.
            return objectFinding(FindingType.CHANGED, revision, object, object.describe() + " is validated" + where
                            + ", as the revision left it: PostgreSQL cannot mark a constraint NOT VALID again, and a "
                            + "validated one only checks more rows", changes(changed, true), changes(changed, false),
                    "nothing to do").withSeverity(Severity.INFO);
        }
        if (onlyLayout(changed)) {
            // The source of a function PostgreSQL keeps as written: the undo re-created it with other spacing.
            return objectFinding(FindingType.CHANGED, revision, object, object.describe() + " differs" + where
                            + " only in the layout of its source (spaces and line breaks)", changes(changed, true),
                    changes(changed, false), "nothing to do unless the exact source text matters to you; else "
                            + "copy its definition into " + undo + " as it was").withSeverity(Severity.INFO);
        }
        return objectFinding(FindingType.CHANGED, revision, object, object.describe() + " differs" + where + " ("
                        + String.join(", ", changed.changes().keySet()) + ")", changes(changed, true),
                changes(changed, false), FixHints.restore(changed).map(sql -> "add to " + undo + "\n" + sql)
                        .orElse("make " + undo + " restore " + String.join(", ", changed.changes().keySet())));
    }

    /** A difference between the first and the second application of a revision. */
    public static Finding reupDiffers(Revision revision, SchemaDifference difference) {
        SchemaObject object = difference.subject();
        String what;
        String first;
        String second;
        if (difference instanceof SchemaDifference.Added) {
            what = " exists only after applying it again";
            first = ABSENT;
            second = state(object);
        } else if (difference instanceof SchemaDifference.Removed) {
            what = " existed after the first application but not after the second";
            first = state(object);
            second = ABSENT;
        } else {
            SchemaDifference.Changed changed = (SchemaDifference.Changed) difference;
            what = " differs between the first and second application (" + String.join(", ",
                    changed.changes().keySet()) + ")";
            first = changes(changed, true);
            second = changes(changed, false);
        }
        Finding finding = objectFinding(FindingType.REUP_DIFFERS, revision, object, object.describe() + what,
                first, second, "make " + revision.undoDisplayName() + " undo exactly what " + revision.script()
                        + " does, so that applying it again gives the same schema");
        return new Finding(FindingType.REUP_DIFFERS.name(), finding.type(), finding.severity(), finding.version(),
                finding.migration(), Optional.of(revision.script()), finding.line(), finding.object(),
                finding.summary(), finding.expected(), finding.actual(), finding.fix());
    }

    /**
     * A finding of a schema rule (indexes, keys, ...) about an object the revision introduced or changed, located in
     * the revision's script.
     */
    public static Finding schemaRule(FindingType type, Revision revision, String object, Optional<Integer> line,
                                     String summary, Optional<String> actual, String fix) {
        return new Finding(type.name(), type, type.defaultSeverity(), revision.version(), revision.displayName(),
                Optional.of(revision.script()), line, Optional.of(object), summary, Optional.empty(), actual,
                Optional.of(fix));
    }

    /** A finding about one statement of a script (a lock it took, data it can destroy), at its line. */
    public static Finding statementRule(FindingType type, Severity severity, Revision revision, String script,
                                        String object, Optional<Integer> line, String summary, String statement,
                                        String fix) {
        return new Finding(type.name(), type, severity, revision.version(), revision.displayName(),
                Optional.of(script), line, Optional.of(object), summary, Optional.empty(), Optional.of(statement),
                Optional.of(fix));
    }

    /**
     * A finding about data, measured with seeded rows: what was there ({@code expected}) and what is there now
     * ({@code actual}), as counts, never as values.
     */
    public static Finding dataRule(FindingType type, Revision revision, String script, String object,
                                   Optional<Integer> line, String summary, String expected, String actual,
                                   String fix) {
        return new Finding(type.name(), type, type.defaultSeverity(), revision.version(), revision.displayName(),
                Optional.of(script), line, Optional.of(object), summary, Optional.of(expected), Optional.of(actual),
                Optional.of(fix));
    }

    /**
     * A finding about the history of migrations rather than about one step: a version, a checksum, a script that is
     * missing.
     */
    public static Finding historyRule(FindingType type, String version, String migration, Optional<String> file,
                                      String summary, String expected, String actual, String fix) {
        return new Finding(type.name(), type, type.defaultSeverity(), version, migration, file, Optional.empty(),
                Optional.empty(), summary, Optional.of(expected), Optional.of(actual), Optional.of(fix));
    }

    /**
     * An up finding about data it lost ({@code ROWS_LOST}, {@code VALUES_LOST}), once the undo has run without
     * bringing the data back.
     */
    public static Finding notRestored(Finding upFinding, String undoScript) {
        return new Finding(upFinding.rule(), upFinding.type(), upFinding.severity(), upFinding.version(),
                upFinding.migration(), upFinding.file(), upFinding.line(), upFinding.object(), upFinding.summary()
                + "; " + undoScript + " does not bring them back", upFinding.expected(), upFinding.actual(),
                upFinding.fix());
    }

    /** The up failed on tables holding seeded rows, but passes on empty ones, and fails with any rows. */
    public static Finding upFailsWithRows(Revision revision, MigrationFailure failure) {
        String fix = failure.sqlState().filter("23502"::equals).isPresent()
                ? "every existing row holds NULL in a column the revision adds: give it a DEFAULT, or add it "
                + "nullable, backfill it, then SET NOT NULL"
                : "the revision itself writes the duplicates its unique key refuses: make the values unique before "
                + "adding the key";
        return failure(FindingType.UP_FAILS_WITH_ROWS, revision, failure, revision.script() + " fails" + at(failure)
                + " once the tables hold rows, as in production (it passes on empty tables): " + failure.message()
                + failure.detail().map(d -> " (" + d + ")").orElse(""), fix);
    }

    /**
     * The up failed on tables holding Flyback's synthetic rows, passes on empty ones, and the failure depends on the
     * values: real data may meet what Flyback's rows did not.
     */
    public static Finding upFailsWithSeededRows(Revision revision, MigrationFailure failure) {
        return failure(FindingType.UP_FAILS_WITH_SEEDED_ROWS, revision, failure, revision.script() + " fails"
                + at(failure) + " on Flyback's synthetic rows, which real data may not hold (it passes on empty "
                + "tables): " + failure.message() + failure.detail().map(d -> " (" + d + ")").orElse(""),
                "if production rows can look like that, make the migration handle them; otherwise give Flyback "
                + "rows like yours before V" + revision.version() + ": a seed fixture (--seed-fixtures DIR with V"
                + revision.version() + "__rows.sql), or seedAt(\"" + revision.version() + "\", sql) in "
                + "@MigrationTest");
    }

    /** A table the seeder could not fill before the revision. */
    public static Finding notSeeded(Revision revision, String table, String reason) {
        return notSeeded(revision, table, reason, 0, 0);
    }

    /** A table the seeder could not fill, or filled with fewer rows than it wanted, before the revision. */
    public static Finding notSeeded(Revision revision, String table, String reason, long rows, long wanted) {
        FindingType type = FindingType.NOT_SEEDED;
        return new Finding(type.name(), type, type.defaultSeverity(), revision.version(), revision.displayName(),
                Optional.of(revision.script()), Optional.empty(), Optional.of(table), rows == 0 ? "could not fill "
                        + table + " with synthetic rows: " + reason + "; data loss in it is not proven with rows"
                        : "filled " + table + " with only " + rows + " of the " + wanted + " synthetic rows wanted: "
                        + reason, Optional.empty(), Optional.empty(),
                Optional.of("give rows for it in a seed fixture (--seed-fixtures DIR with V" + revision.version()
                        + "__rows.sql)"));
    }

    private static Finding objectFinding(FindingType type, Revision revision, SchemaObject object, String summary,
                                         String expected, String actual, String fix) {
        String rule = type == FindingType.LEFTOVER || type == FindingType.MISSING || type == FindingType.CHANGED
                ? type.name() + "_" + object.type().name() : type.name();
        return new Finding(rule, type, type.defaultSeverity(), revision.version(), revision.displayName(),
                Optional.of(revision.undoDisplayName()), Optional.empty(), Optional.of(object.qualifiedName()),
                summary, Optional.of(expected), Optional.of(actual), Optional.of(fix));
    }

    /**
     * A failed step, located at its script and line, and naming the object of the failing statement when the
     * statement says which ({@code index ix_users_name}).
     */
    private static Finding failure(FindingType type, Revision revision, MigrationFailure failure, String summary,
                                   String fix) {
        return new Finding(type.name(), type, type.defaultSeverity(), revision.version(), revision.displayName(),
                Optional.of(failure.script()), failure.line(), failure.statement().flatMap(StatementObject::of),
                summary, Optional.empty(), failure.statement(), Optional.of(fix));
    }

    /** The object of the failing statement, as {@code  (index ix)} for a summary, or nothing. */
    private static String on(MigrationFailure failure) {
        return failure.statement().flatMap(StatementObject::of).map(o -> " (" + o + ")").orElse("");
    }

    /**
     * A step cancelled because it ran longer than the revision timeout.
     *
     * @param step {@code up}, {@code undo} or {@code re-applied up}
     * @param limit the limit, for humans ({@code the revision timeout of 2 min})
     */
    public static Finding timedOut(Revision revision, MigrationFailure failure, String step, String limit,
                                   String consequence) {
        return failure(FindingType.TIMED_OUT, revision, failure, failure.script() + " (" + step + ") ran longer "
                + "than " + limit + at(failure) + " and was cancelled: " + failure.message(), limit.contains("lock")
                ? "another session held a lock the statement needed: in production that is live traffic; keep "
                + "lock_timeout short and retry the migration, or run it when the table is quiet" + consequence
                : "make the statement faster (batches, an index, CONCURRENTLY), or raise the limit (--statement-"
                + "timeout, --revision-timeout) if the work is meant to take that long" + consequence);
    }

    /** The limit a failure hit, when it was a timeout PostgreSQL enforced. */
    private static Optional<String> timeoutOf(MigrationFailure failure) {
        if (failure.kind() == MigrationFailure.Kind.LOCK_TIMEOUT) {
            return Optional.of("lock_timeout, waiting for a lock another session held");
        }
        if (failure.kind() == MigrationFailure.Kind.STATEMENT_TIMEOUT) {
            return Optional.of("the statement timeout");
        }
        return Optional.empty();
    }

    private static boolean concurrentlyInTransaction(MigrationFailure failure) {
        return failure.kind() == MigrationFailure.Kind.CONCURRENTLY_IN_TRANSACTION;
    }

    private static Finding concurrently(Revision revision, MigrationFailure failure, String consequence) {
        String fix;
        if (failure.inTransaction().isEmpty()) {
            fix = "give the CONCURRENTLY statement a migration of its own, with nothing else in it: Flyway then "
                    + "runs it outside a transaction (leave executeInTransaction, group and mixed unset)";
        } else {
            boolean onlySettings = failure.inTransaction().stream()
                    .allMatch(s -> s.replaceFirst("^line \\d+: ", "").toUpperCase(java.util.Locale.ROOT)
                            .matches("^(SET|RESET)\\b.*"));
            fix = "Flyway runs " + String.join("; ", failure.inTransaction()) + " in a transaction and refuses to "
                    + "mix " + (failure.inTransaction().size() == 1 ? "it" : "them") + " with the CONCURRENTLY "
                    + "statement: " + (onlySettings ? "delete " + (failure.inTransaction().size() == 1 ? "that line"
                    : "those lines") + " (a CONCURRENTLY statement takes only SHARE UPDATE EXCLUSIVE, which blocks "
                    + "neither reads nor writes, so it needs no lock_timeout), or set flyway.mixed=true"
                    : "move " + (failure.inTransaction().size() == 1 ? "it to a migration of its own"
                    : "them to a migration of their own") + ", so that the CONCURRENTLY statement is alone and Flyway runs it outside a "
                    + "transaction");
        }
        return failure(FindingType.CONCURRENTLY_IN_TRANSACTION, revision, failure, failure.script()
                + " runs a CONCURRENTLY statement inside a transaction" + at(failure) + ", which "
                + (failure.sqlState().isPresent() ? "PostgreSQL" : "Flyway") + " refuses: " + failure.message(),
                fix + consequence);
    }

    private static String at(MigrationFailure failure) {
        return failure.line().map(line -> " at line " + line).orElse("");
    }

    /**
     * What an object looks like, for expected/actual lines: its definition, else the statement that creates it
     * (an enum's values, a schema's name), else its properties but the ones every object has (privileges, position).
     */
    static String state(SchemaObject object) {
        return object.property("definition").map(String::strip).or(() -> java.util.Set.of(ObjectType.ENUM,
                        ObjectType.SCHEMA, ObjectType.EXTENSION, ObjectType.SEQUENCE).contains(object.type())
                        || dev.flyback.verifier.snapshot.ObjectKinds.of(object.type()).isPresent()
                        ? FixHints.recreate(object) : Optional.empty())
                .orElseGet(() -> object.properties().entrySet().stream()
                        .filter(e -> !e.getKey().equals("position") && !e.getKey().equals("acl"))
                        .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
    }

    /** Whether a constraint was only validated: NOT VALID before, validated after, nothing else changed. */
    private static boolean onlyValidated(SchemaDifference.Changed changed) {
        java.util.Map<String, SchemaDifference.PropertyChange> changes = changed.changes();
        SchemaDifference.PropertyChange validated = changes.get("validated");
        SchemaDifference.PropertyChange definition = changes.get("definition");
        return changed.before().type() == ObjectType.CONSTRAINT && validated != null
                && "false".equals(validated.before()) && "true".equals(validated.after())
                && (changes.size() == 1 || changes.size() == 2 && definition != null
                && definition.before().strip().equals(definition.after().strip() + " NOT VALID"));
    }

    /** Whether only a definition changed, and only in its whitespace outside string literals. */
    private static boolean onlyLayout(SchemaDifference.Changed changed) {
        return changed.changes().keySet().equals(java.util.Set.of("definition")) && changed.changes().values()
                .stream().allMatch(c -> tokens(c.before()).equals(tokens(c.after())));
    }

    /** The text with each run of whitespace outside single quotes made one space, and none at either end. */
    private static String tokens(String text) {
        StringBuilder result = new StringBuilder();
        boolean quoted = false;
        boolean space = false;
        for (char c : text.strip().toCharArray()) {
            if (!quoted && Character.isWhitespace(c)) {
                space = true;
                continue;
            }
            if (space) {
                result.append(' ');
                space = false;
            }
            if (c == '\'') {
                quoted = !quoted;
            }
            result.append(c);
        }
        return result.toString();
    }

    /** How many of a rename's changes are its name, table or schema. */
    private static int renameKeys(SchemaDifference.Changed changed) {
        return (int) changed.changes().keySet().stream().filter(FindingMessages::isRenameKey).count();
    }

    private static List<String> otherKeys(SchemaDifference.Changed changed) {
        return changed.changes().keySet().stream().filter(k -> !isRenameKey(k)).toList();
    }

    private static boolean isRenameKey(String key) {
        return key.equals(SchemaDiff.NAME) || key.equals(SchemaDiff.TABLE) || key.equals(SchemaDiff.SCHEMA);
    }

    /** A rename's other changes, as {@code , type=...}, before or after. */
    private static String otherChanges(SchemaDifference.Changed changed, boolean before) {
        return changed.changes().entrySet().stream().filter(e -> !isRenameKey(e.getKey()))
                .map(e -> ", " + e.getKey() + "=" + (before ? e.getValue().before() : e.getValue().after()).strip())
                .collect(Collectors.joining());
    }

    private static String changes(SchemaDifference.Changed changed, boolean before) {
        return changed.changes().entrySet().stream()
                .map(e -> e.getKey() + "=" + (before ? e.getValue().before() : e.getValue().after()).strip())
                .collect(Collectors.joining(", "));
    }

    private static String labelled(String label, String value) {
        return label + ": " + indentContinuation(value, " ".repeat(label.length() + 2));
    }

    private static String indentContinuation(String value, String indent) {
        return value.strip().replace("\n", "\n" + indent);
    }
}
