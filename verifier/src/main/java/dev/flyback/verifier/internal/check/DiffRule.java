package dev.flyback.verifier.internal.check;

import java.util.Optional;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;

/**
 * One rule judged on each difference a step made to the schema (issue 16, item 2): the {@link FindingType} it raises
 * and the finding one difference makes. {@link StepRules} lists them; each difference is shown to every rule in that
 * order, so findings come in the order of the differences.
 */
interface DiffRule {

    /** The kind of finding the rule raises. */
    FindingType type();

    /** The finding {@code change} makes, if any. */
    Optional<Finding> judge(SchemaDifference change, RuleContext context);
}
