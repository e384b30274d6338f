/**
 * The Flyback Maven plugin: {@code mvn verify} proves the project's Flyway migrations reversible and safe, with the
 * settings the project already has (the same pom's {@code flyway-maven-plugin} configuration, {@code flyway.*}
 * properties, {@code flyway.toml}, {@code flyway.conf}, Spring Boot's {@code spring.flyway.*}).
 */
package dev.flyback.maven;
