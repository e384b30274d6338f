/**
 * Flyback's engine: the checks, seeded data, the benchmark, the project-settings readers and the SchemaCrawler
 * adapter.
 *
 * <p><b>Not API.</b> It changes without notice; nothing outside the verifier module may use it
 * (VerifierArchitectureTests, ExtensionArchitectureTests). The API is {@code MigrationVerifier},
 * {@code VerifierConfig}, {@code VerificationResult}, and the
 * {@code database}, {@code finding}, {@code report} and {@code migration.MigrationHistory} types they name.
 */
package dev.flyback.verifier.internal;
