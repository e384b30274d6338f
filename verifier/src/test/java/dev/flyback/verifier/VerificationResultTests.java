package dev.flyback.verifier;

import static org.assertj.core.api.BDDAssertions.then;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;

/**
 * A result holds each finding once: by its revision, or among the findings about no revision; the full list is
 * derived (issue 16, item 5).
 */
class VerificationResultTests {

    @Test
    void should_derive_every_finding_from_the_revisions_and_the_history() {
        VerificationResult result = Scenarios.verify("undo_typo");

        List<Finding> derived = new ArrayList<>(result.historyFindings());
        result.revisions().forEach(r -> derived.addAll(r.findings()));
        then(result.findings()).containsExactlyElementsOf(derived);
        then(result.historyFindings()).extracting(Finding::rule).containsExactly("UNDO_WITHOUT_MIGRATION");
    }

    @Test
    void should_hold_in_a_revision_only_the_findings_of_the_checks_that_ran() {
        // reup_failed: the undo leaves an index (reversibility) and the second up fails on it (reapply)
        VerificationResult result = Scenarios.verify("reup_failed", Check.REAPPLY);

        then(result.revisions()).flatExtracting(RevisionResult::findings).extracting(Finding::rule)
                .containsExactly("REUP_FAILED");
        then(result.findings()).extracting(Finding::rule).containsExactly("REUP_FAILED");
    }
}
