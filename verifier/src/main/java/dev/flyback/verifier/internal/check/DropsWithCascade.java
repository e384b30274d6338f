package dev.flyback.verifier.internal.check;

import java.util.Locale;
import java.util.Optional;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.migration.ExecutedStatement;

/** DROP ... CASCADE: dependent objects go too, silently. */
final class DropsWithCascade implements StatementRule {

    @Override
    public FindingType type() {
        return FindingType.DROPS_WITH_CASCADE;
    }

    @Override
    public Optional<Finding> judge(ExecutedStatement statement, RuleContext context) {
        String normalized = Statements.normalize(statement.sql());
        if (!normalized.startsWith("DROP ") || !normalized.matches(".* CASCADE;?$")) {
            return Optional.empty();
        }
        return Optional.of(context.at(type(), statement, normalized.split(" ")[1].toLowerCase(Locale.ROOT),
                "drops with CASCADE: dependent objects (views, foreign keys, ...) go too, silently",
                "drop the dependent objects explicitly first, then drop without CASCADE"));
    }
}
