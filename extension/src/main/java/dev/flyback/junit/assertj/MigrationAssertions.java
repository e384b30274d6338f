package dev.flyback.junit.assertj;

import org.apiguardian.api.API;

import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * Entry point of Flyback's AssertJ assertions on schema snapshots and verification results.
 *
 * <pre><code class='java'>
 * assertThat(migrations.snapshot()).table("users").column("role").hasType("varchar(50)").isNotNullable();
 * assertThat(migrations.snapshot()).table("research").index("ix_research_status").isOn("status");
 * assertThat(migrations.verify()).hasNoFindings();
 * </code></pre>
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public final class MigrationAssertions {

    private MigrationAssertions() {
    }

    /** Assertions on a schema snapshot. */
    public static SchemaSnapshotAssert assertThat(SchemaSnapshot actual) {
        return new SchemaSnapshotAssert(actual);
    }

    /** Assertions on a verification's findings. */
    public static VerificationResultAssert assertThat(VerificationResult actual) {
        return new VerificationResultAssert(actual);
    }
}
