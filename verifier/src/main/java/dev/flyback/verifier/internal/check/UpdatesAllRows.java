package dev.flyback.verifier.internal.check;

import java.util.Optional;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.migration.ExecutedStatement;

/** UPDATE without WHERE on a table that existed before: every row is rewritten. */
final class UpdatesAllRows implements StatementRule {

    @Override
    public FindingType type() {
        return FindingType.UPDATES_ALL_ROWS;
    }

    @Override
    public Optional<Finding> judge(ExecutedStatement statement, RuleContext context) {
        String normalized = Statements.normalize(statement.sql());
        Optional<String> target = Statements.target(normalized);
        if (target.isEmpty() || !context.existedBefore(target.get()) || !normalized.startsWith("UPDATE")
                || Statements.hasWhere(normalized)) {
            return Optional.empty();
        }
        return Optional.of(context.at(type(), statement, target.get(), "rewrites every row of " + target.get(),
                "backfill large tables in batches, outside the schema migration"));
    }
}
