/**
 * SchemaCrawler, confined here: a second snapshot reader ({@code --snapshot-reader schemacrawler}) and the diagrams
 * of the HTML report.
 *
 * <p><b>Not API.</b> Flyback's engine (issue 16): it changes without notice; nothing outside the verifier module may
 * use it (VerifierArchitectureTests, ExtensionArchitectureTests). Use {@code MigrationVerifier}.
 */
package dev.flyback.verifier.internal.schemacrawler;
