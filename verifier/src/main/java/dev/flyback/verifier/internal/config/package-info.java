/**
 * The settings a project already has for Flyway, read where its team keeps them: {@code flyway.toml} (with its
 * {@code [environments.<name>]}), {@code flyway.conf}, and Spring Boot's {@code spring.flyway.*} in
 * {@code application.properties} or {@code application.yml} (and a profile's file). {@link
 * dev.flyback.verifier.internal.config.ProjectSettings} turns them into Flyway's own {@code flyway.*} keys, lowest precedence
 * first, and remembers where it looked so that "no migration found" can say so. Jackson's TOML and YAML readers
 * stay in this package.
 *
 * <p><b>Not API.</b> Flyback's engine (issue 16): it changes without notice; nothing outside the verifier module may
 * use it (VerifierArchitectureTests, ExtensionArchitectureTests). Use {@code MigrationVerifier}.
 */
package dev.flyback.verifier.internal.config;
