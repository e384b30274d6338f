package dev.flyback.verifier.internal.check;

import java.util.Optional;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.migration.ExecutedStatement;

/** TRUNCATE, or DELETE without WHERE, on a table that existed before. */
final class DeletesAllRows implements StatementRule {

    @Override
    public FindingType type() {
        return FindingType.DELETES_ALL_ROWS;
    }

    @Override
    public Optional<Finding> judge(ExecutedStatement statement, RuleContext context) {
        String normalized = Statements.normalize(statement.sql());
        Optional<String> target = Statements.target(normalized);
        if (target.isEmpty() || !context.existedBefore(target.get()) || !(normalized.startsWith("TRUNCATE")
                || normalized.startsWith("DELETE FROM") && !Statements.hasWhere(normalized))) {
            return Optional.empty();
        }
        return Optional.of(context.at(type(), statement, target.get(), "deletes every row of " + target.get()
                        + context.seededTable(target.get()).map(context::heldRows).orElse(""),
                "if this is meant, say so with a suppression comment; else add the WHERE clause"));
    }
}
