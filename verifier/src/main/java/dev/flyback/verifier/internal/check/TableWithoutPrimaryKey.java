package dev.flyback.verifier.internal.check;

import java.util.List;
import java.util.Optional;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.snapshot.Identifiers;
import dev.flyback.verifier.snapshot.ObjectType;

/** A table without a primary key; the fix keys it on a unique index that can be one, else on a new identity. */
final class TableWithoutPrimaryKey implements SchemaRule {

    @Override
    public FindingType type() {
        return FindingType.TABLE_WITHOUT_PRIMARY_KEY;
    }

    /** The table was created, or lost a constraint (its primary key, maybe). */
    @Override
    public boolean introduced(Row row, RuleContext context) {
        return context.lostOn(row.schema(), row.table(), ObjectType.CONSTRAINT);
    }

    @Override
    public Optional<Finding> judge(Row row, RuleContext context) {
        String table = Names.qualified(row.schema(), row.table());
        return Optional.of(FindingMessages.schemaRule(type(), context.revision(),
                Names.object(row.schema(), row.table()), context.line(List.of(List.of("create table", row.table()))),
                "table " + table + " has no primary key", Optional.empty(),
                "add to " + context.script() + "\n" + primaryKey(row, context)));
    }

    /**
     * A primary key for a table that has none: on columns a unique index on NOT NULL columns already keys
     * ({@code KeyCandidate.sql}), else a new identity column ({@code id}, or {@code <table>_id} when there is an
     * {@code id}).
     */
    private static String primaryKey(Row row, RuleContext context) {
        String table = Names.qualified(row.schema(), row.table());
        List<Row> candidate = context.lookup("KeyCandidate.sql", table);
        if (!candidate.isEmpty()) {
            return "ALTER TABLE " + table + " ADD PRIMARY KEY USING INDEX "
                    + Identifiers.quote(candidate.get(0).string(1)) + ";";
        }
        boolean hasId = !context.lookup("ColumnId.sql", table).isEmpty();
        String column = hasId ? row.table() + "_id" : "id";
        return "ALTER TABLE " + table + " ADD COLUMN " + Identifiers.quote(column)
                + " bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY;";
    }
}
