/**
 * Seeded rows, for the dynamic data-loss check: {@link dev.flyback.verifier.internal.data.DataSeeder} fills every table of
 * the schema before a revision with synthetic rows that satisfy its types, NOT NULL and foreign keys (or runs the
 * user's fixture), and {@link dev.flyback.verifier.internal.data.DataFingerprint} records row counts and per-column
 * checksums, so that the check compares data without ever copying it into a report.
 *
 * <p><b>Not API.</b> Flyback's engine (issue 16): it changes without notice; nothing outside the verifier module may
 * use it (VerifierArchitectureTests, ExtensionArchitectureTests). Use {@code MigrationVerifier}.
 */
package dev.flyback.verifier.internal.data;
