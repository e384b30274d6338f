package dev.flyback.verifier;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.migration.Revision;

/**
 * What happened to one revision: its steps, what it changed, and its findings.
 *
 * @param revision the revision
 * @param steps the outcome of up, down and re-up, in order
 * @param changes what the up changed (the schema before versus after)
 * @param findings the findings about this revision
 * @param diagram SchemaCrawler's SVG drawing of the tables the revision touched, with the tables they reference,
 *                when the run was asked for drawings and Graphviz could make one (see
 *                {@link VerifierConfig#diagrams()})
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record RevisionResult(Revision revision, List<StepOutcome> steps, List<SchemaDifference> changes,
                             List<Finding> findings, Optional<String> diagram) {

    public RevisionResult {
        requireNonNull(revision, "revision must not be null");
        steps = List.copyOf(steps);
        changes = List.copyOf(changes);
        findings = List.copyOf(findings);
        requireNonNull(diagram, "diagram must not be null");
    }

    /** A result without a drawing. */
    public RevisionResult(Revision revision, List<StepOutcome> steps, List<SchemaDifference> changes,
                          List<Finding> findings) {
        this(revision, steps, changes, findings, Optional.empty());
    }

    /** The same revision's result with other findings. */
    public RevisionResult withFindings(List<Finding> replaced) {
        return new RevisionResult(revision, steps, changes, replaced, diagram);
    }

    /** The outcome of a step, if it was reached. */
    public Optional<StepOutcome> step(StepOutcome.Step step) {
        return steps.stream().filter(s -> s.step() == step).findFirst();
    }

    /** Whether the up migration succeeded. */
    public boolean applied() {
        return step(StepOutcome.Step.UP).map(s -> s.status() == StepOutcome.Status.SUCCEEDED).orElse(false);
    }
}
