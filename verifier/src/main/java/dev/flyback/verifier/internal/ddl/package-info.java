/**
 * SQL written from a schema difference: the undo of a revision ({@code flyback undo}), from the fix texts the
 * reversibility findings carry.
 *
 * <p><b>Not API.</b> Flyback's engine: it changes without notice; nothing outside the verifier module may use it
 * (VerifierArchitectureTests, ExtensionArchitectureTests). Use {@code MigrationVerifier}.
 */
package dev.flyback.verifier.internal.ddl;
