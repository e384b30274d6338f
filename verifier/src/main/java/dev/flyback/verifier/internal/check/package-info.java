/**
 * The checks that judge a revision's result beyond reversibility. The schema rules are one class each
 * ({@code SchemaRule}, listed in {@code SchemaRules.ALL}, their queries beside them as {@code <ClassName>.sql}); the
 * statement-level families (data loss, locks, rewrites, seeded data) are one class per family. Every finding is made
 * by {@link dev.flyback.verifier.finding.FindingMessages} and its rule named in
 * {@link dev.flyback.verifier.finding.FindingType}, the registry.
 *
 * <p><b>Not API.</b> Flyback's engine (issue 16): it changes without notice; nothing outside the verifier module may
 * use it (VerifierArchitectureTests, ExtensionArchitectureTests). Use {@code MigrationVerifier}.
 */
package dev.flyback.verifier.internal.check;
