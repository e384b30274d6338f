package dev.flyback.verifier.internal.bench;

import static org.assertj.core.api.BDDAssertions.then;

import java.nio.file.Path;
import java.sql.Connection;
import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flyback.verifier.MigrationVerifier;
import dev.flyback.verifier.StepOutcome;
import dev.flyback.verifier.TestDatabases;
import dev.flyback.verifier.VerificationResult;
import dev.flyback.verifier.VerifierConfig;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.snapshot.CatalogReader;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * The benchmark's history is one a proof must pass: every revision up, down and up again, through more than two of
 * the stretches one paused Flyway run applies, ending with the schema a plain Flyway migrate builds.
 */
class SyntheticHistoryTests {

    @Test
    void should_pass_the_proof_across_paced_runs_and_end_where_flyway_ends(@TempDir Path folder) throws Exception {
        SyntheticHistory.write(folder, 120, 0);
        FlywaySettings flyway = FlywaySettings.of("filesystem:" + folder);

        try (DisposableDatabase proved = TestDatabases.fresh(); DisposableDatabase plain = TestDatabases.fresh()) {
            // On two databases, the second range's ending where one database ends (issue 18).
            VerificationResult result = MigrationVerifier.verify(VerifierConfig.builder().flyway(flyway)
                    .checks(EnumSet.allOf(Check.class)).seedRows(0).jobs(2).build(), proved);
            Migrations.open(flyway, plain.dataSource(), getClass().getClassLoader()).migrate();

            then(result.revisions()).hasSize(120).allSatisfy(revision -> then(revision.steps())
                    .extracting(StepOutcome::status).containsOnly(StepOutcome.Status.SUCCEEDED));
            then(result.findingsAtLeast(Severity.ERROR)).isEmpty();
            then(result.currentVersion()).contains("120");
            then(schema(proved)).isEqualTo(schema(plain));
        }
    }

    private static SchemaSnapshot schema(DisposableDatabase database) throws Exception {
        try (Connection connection = database.dataSource().getConnection()) {
            return CatalogReader.read(connection, List.of("flyway_schema_history"));
        }
    }
}
