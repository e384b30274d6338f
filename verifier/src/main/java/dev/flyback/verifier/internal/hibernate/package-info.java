/**
 * JPA entities turned into PostgreSQL DDL by Hibernate's own schema export, for {@code flyback new --autogenerate
 * --target-entities} and the extension's {@code model matches migrations} (issue 17). The only package that touches
 * Hibernate, an optional dependency: nothing loads it unless entities are named.
 *
 * <p><b>Not API.</b> Flyback's engine: it changes without notice; nothing outside the verifier module may use it
 * (VerifierArchitectureTests, ExtensionArchitectureTests). Use {@code ModelDrift}.
 */
package dev.flyback.verifier.internal.hibernate;
