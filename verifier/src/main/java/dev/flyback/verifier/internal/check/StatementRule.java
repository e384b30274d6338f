package dev.flyback.verifier.internal.check;

import java.util.Optional;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.migration.ExecutedStatement;

/**
 * One rule judged on each statement a step ran, as Flyway's parser split it (issue 16, item 2): the
 * {@link FindingType} it raises and the finding one statement makes. {@link StepRules} lists them.
 */
interface StatementRule {

    /** The kind of finding the rule raises. */
    FindingType type();

    /** The finding {@code statement} makes, if any. */
    Optional<Finding> judge(ExecutedStatement statement, RuleContext context);
}
