package dev.flyback.verifier;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.migration.FlywaySettings;

/** Runs the golden scenarios under {@code src/test/resources/scenarios}. */
public final class Scenarios {

    private Scenarios() {
    }

    static Path folder(String name) {
        return Path.of("src", "test", "resources", "scenarios", name).toAbsolutePath();
    }

    static VerificationResult verify(String name) {
        return verify(FlywaySettings.of("filesystem:" + folder(name)));
    }

    static VerificationResult verify(String name, Map<String, String> flywayProperties) {
        return verify(new FlywaySettings(java.util.List.of("filesystem:" + folder(name)), flywayProperties,
                java.util.List.of(), false));
    }

    /** The up, down, up proof only: what these scenarios are about. */
    static VerificationResult verify(FlywaySettings settings) {
        return verify(settings, EnumSet.of(Check.REVERSIBILITY, Check.REAPPLY), false);
    }

    /** The named checks only. */
    public static VerificationResult verify(String name, Check first, Check... rest) {
        return verify(FlywaySettings.of("filesystem:" + folder(name)), EnumSet.of(first, rest), false);
    }

    static VerificationResult verify(FlywaySettings settings, Set<Check> checks, boolean wholeSchema) {
        return verify(VerifierConfig.builder().flyway(settings).checks(checks).wholeSchema(wholeSchema));
    }

    /** Any configuration, on a fresh scratch database. */
    static VerificationResult verify(VerifierConfig.Builder config) {
        try (DisposableDatabase database = TestDatabases.fresh()) {
            return MigrationVerifier.verify(config.build(), database);
        }
    }
}
