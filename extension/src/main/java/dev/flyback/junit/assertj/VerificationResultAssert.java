package dev.flyback.junit.assertj;

import java.util.stream.Collectors;

import org.apiguardian.api.API;
import org.assertj.core.api.AbstractObjectAssert;

import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.finding.Severity;

/**
 * Assertions on a verification's findings; failure messages are the rendered findings.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class VerificationResultAssert extends AbstractObjectAssert<VerificationResultAssert, VerificationResult> {

    VerificationResultAssert(VerificationResult actual) {
        super(actual, VerificationResultAssert.class);
    }

    /**
     * Asserts there is no finding at all.
     *
     * <pre><code class='java'>
     * assertThat(migrations.verify()).hasNoFindings(); // fails with each finding rendered, fix included
     * </code></pre>
     */
    public VerificationResultAssert hasNoFindings() {
        isNotNull();
        if (!actual.findings().isEmpty()) {
            failWithMessage("Expecting no findings but found %d:%n%n%s", actual.findings().size(), rendered());
        }
        return this;
    }

    /**
     * Asserts there is no finding at or above a severity: {@code hasNoFindingsAtLeast(Severity.WARNING)} lets
     * information through.
     */
    public VerificationResultAssert hasNoFindingsAtLeast(Severity severity) {
        isNotNull();
        if (!actual.passes(severity)) {
            failWithMessage("Expecting no findings at or above %s but found %d:%n%n%s", severity.displayName(),
                    actual.findingsAtLeast(severity).size(), actual.findingsAtLeast(severity).stream()
                            .map(FindingMessages::render).collect(Collectors.joining("\n\n")));
        }
        return this;
    }

    /** Asserts a finding with this rule id ({@code LEFTOVER_INDEX}) about this object ({@code "public"."users"}). */
    public VerificationResultAssert hasFinding(String rule, String object) {
        isNotNull();
        boolean found = actual.findings().stream()
                .anyMatch(f -> f.rule().equals(rule) && f.object().map(object::equals).orElse(false));
        if (!found) {
            failWithMessage("Expecting a finding %s on %s but the findings were:%n%n%s", rule, object, rendered());
        }
        return this;
    }

    /** Asserts a finding of this type. */
    public VerificationResultAssert hasFinding(FindingType type) {
        isNotNull();
        if (actual.findings().stream().noneMatch(f -> f.type() == type)) {
            failWithMessage("Expecting a finding of type %s but the findings were:%n%n%s", type, rendered());
        }
        return this;
    }

    private String rendered() {
        return actual.findings().isEmpty() ? "<none>"
                : actual.findings().stream().map(FindingMessages::render).collect(Collectors.joining("\n\n"));
    }
}
