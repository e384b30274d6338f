package dev.flyback.verifier.internal.check;

import java.util.ArrayList;
import java.util.List;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.migration.ExecutedStatement;

/**
 * The rules judged on what a step did (issue 16, item 2): on each difference it made to the schema
 * ({@link DiffRule}), then on each statement it ran ({@link StatementRule}). Each difference, then each statement, is
 * shown to every rule in the order listed here, so findings come in the order of the differences and statements.
 */
final class StepRules {
    /** The static data-loss rules on the schema's differences. */
    static final List<DiffRule> DATA_LOSS_CHANGES = List.of(
            new DropsTable(),
            new DropsColumn(),
            new DropsSchema(),
            new NarrowsColumn(),
            new DropsEnumValue());

    /** The static data-loss rules on the statements. */
    static final List<StatementRule> DATA_LOSS_STATEMENTS = List.of(
            new DeletesAllRows(),
            new UpdatesAllRows(),
            new DropsWithCascade());

    /** The online rules on the schema's differences (the locks are {@link LockChecks}'). */
    static final List<DiffRule> ONLINE_CHANGES = List.of(new RewritesTable());

    private StepRules() {
    }

    /** The findings of {@code onChanges} and {@code onStatements} about the step {@code context} describes. */
    static List<Finding> run(List<DiffRule> onChanges, List<StatementRule> onStatements, RuleContext context) {
        List<Finding> findings = new ArrayList<>();
        for (SchemaDifference change : context.changes()) {
            onChanges.forEach(rule -> rule.judge(change, context).ifPresent(findings::add));
        }
        for (ExecutedStatement statement : context.statements()) {
            onStatements.forEach(rule -> rule.judge(statement, context).ifPresent(findings::add));
        }
        return findings;
    }
}
