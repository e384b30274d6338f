package dev.flyback.verifier.internal.check;

import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;

/** A column's type becomes narrower (shorter, less precise, smaller): values can be cut or rejected. */
final class NarrowsColumn implements DiffRule {
    private static final Pattern SIZED = Pattern.compile("^(.*?)\\((\\d+)(?:,(\\d+))?\\)(.*)$");
    private static final List<String> INTEGER_WIDTHS = List.of("smallint", "integer", "bigint");

    @Override
    public FindingType type() {
        return FindingType.NARROWS_COLUMN;
    }

    @Override
    public Optional<Finding> judge(SchemaDifference change, RuleContext context) {
        if (!(change instanceof SchemaDifference.Changed changed) || changed.before().type() != ObjectType.COLUMN
                || !changed.changes().containsKey("type")) {
            return Optional.empty();
        }
        SchemaObject before = changed.before();
        String from = changed.changes().get("type").before();
        String to = changed.changes().get("type").after();
        if (!narrows(from, to)) {
            return Optional.empty();
        }
        return Optional.of(context.aboutStatement(type(), before.qualifiedName(), List.of("TYPE", before.name()),
                "column " + before.sqlTable().orElse("") + "." + before.name() + " narrows from " + from + " to " + to
                        + ": longer or more precise values are cut or rejected",
                "check the widest value first (SELECT max(length(..)) / min / max); widen instead, or migrate the "
                        + "values explicitly"));
    }

    /** Whether {@code to} can hold less than {@code from}: shorter, less precise, a smaller integer, a date. */
    static boolean narrows(String from, String to) {
        Matcher was = SIZED.matcher(from);
        Matcher is = SIZED.matcher(to);
        if (was.matches() && is.matches() && was.group(1).equals(is.group(1))) {
            int precision = Integer.parseInt(is.group(2)) - Integer.parseInt(was.group(2));
            int scale = (is.group(3) == null ? 0 : Integer.parseInt(is.group(3)))
                    - (was.group(3) == null ? 0 : Integer.parseInt(was.group(3)));
            return precision < 0 || scale < 0;
        }
        if (INTEGER_WIDTHS.contains(from) && INTEGER_WIDTHS.contains(to)) {
            return INTEGER_WIDTHS.indexOf(to) < INTEGER_WIDTHS.indexOf(from);
        }
        boolean unbounded = from.equals("text") || (from.startsWith("character varying") && !from.contains("("));
        if (unbounded && is.matches()) {
            return true;
        }
        if (from.startsWith("timestamp") && to.equals("date")) {
            return true;
        }
        if (from.startsWith("numeric") && INTEGER_WIDTHS.contains(to)) {
            return true;
        }
        return from.equals("double precision") && (to.equals("real") || INTEGER_WIDTHS.contains(to));
    }
}
