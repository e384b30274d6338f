/**
 * The benchmark behind {@code flyback bench}: synthetic Flyway histories shaped like real ones, and the cost of
 * migrating them, proving them reversible, running the whole checklist, and Liquibase's update-testing-rollback on
 * the same SQL. Liquibase is used in this package only.
 *
 * <p><b>Not API.</b> Flyback's engine (issue 16): it changes without notice; nothing outside the verifier module may
 * use it (VerifierArchitectureTests, ExtensionArchitectureTests). Use {@code MigrationVerifier}.
 */
package dev.flyback.verifier.internal.bench;
