package dev.flyback.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.apiguardian.api.API;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Makes a test class a migration test: its tests get a {@link MigrationHarness}, a {@code DataSource}, a
 * {@code ConnectionInfo} or a {@code SchemaSnapshot} injected, each test on a fresh scratch database of a disposable
 * PostgreSQL that is started once per test run.
 *
 * <pre><code class='java'>
 * &#64;MigrationTest(locations = "classpath:db/migration")
 * class MigrationsTest {
 *     &#64;TestFactory Stream&lt;DynamicNode&gt; safety(MigrationHarness migrations) { return migrations.checks(); }
 * }
 * </code></pre>
 *
 * <p>Every attribute can be overridden without touching code by a JUnit configuration parameter (a system property
 * or a line in {@code junit-platform.properties}), named in the attribute's documentation. The external provider's
 * URL, user and password are configuration parameters only ({@code flyback.url}, {@code flyback.user},
 * {@code flyback.password}, or the environment variables {@code FLYBACK_URL}, {@code FLYBACK_USER},
 * {@code FLYBACK_PASSWORD}), so no secret lands in source code.
 *
 * @since 0.1
 */
@Target({ElementType.TYPE, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(MigrationExtension.class)
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public @interface MigrationTest {

    /**
     * Flyway locations ({@code classpath:db/migration}, {@code filesystem:src/main/resources/db/migration}).
     * Key: {@code flyback.locations} (comma separated). Default: the project's own settings, in this order (a later
     * one wins): Spring Boot's {@code spring.flyway.locations} in {@code application.properties}/{@code .yml} on the
     * test class path (and the active profiles' files), {@code flyway.conf}, {@code flyway.toml}, {@code
     * FLYWAY_LOCATIONS}; else Flyway's {@code classpath:db/migration}.
     */
    String[] locations() default {};

    /**
     * A configuration file to read instead of the project's own: {@code flyway.toml}, {@code flyway.conf} or a
     * Spring Boot {@code application.yml}. Key: {@code flyback.flyway.config-file}. Default: the project's files.
     */
    String configFile() default "";

    /**
     * The {@code [environments.<name>]} of {@code flyway.toml} to use. Key: {@code flyback.flyway.environment}.
     * Default: the one {@code flyway.environment} names, else {@code default}.
     */
    String flywayEnvironment() default "";

    /**
     * Spring profiles whose {@code application-<profile>} files apply. Key: {@code flyback.spring.profiles}
     * (comma separated). Default: {@code SPRING_PROFILES_ACTIVE}, else {@code spring.profiles.active}.
     */
    String[] springProfiles() default {};

    /** Flyway properties as {@code key=value}, e.g. {@code "flyway.schemas=app"}. Default: none. */
    String[] flyway() default {};

    /**
     * Where PostgreSQL comes from: {@code embedded}, {@code testcontainers}, {@code external} or {@code auto}.
     * Key: {@code flyback.database}. Default: {@code embedded}.
     */
    String database() default "";

    /** The embedded PostgreSQL major, 14 to 18. Key: {@code flyback.postgres.version}. Default: 17. */
    int postgresVersion() default 0;

    /** The container image for {@code testcontainers}. Key: {@code flyback.image}. Default: {@code postgres:17}. */
    String image() default "";

    /**
     * The checks {@link MigrationHarness#checks()} generates per revision: {@code reversibility},
     * {@code reapply}, {@code indexes}, {@code data-loss}, {@code online}, {@code history} (only with
     * {@link #referenceHistory()}). Key: {@code flyback.checks} (comma separated). Default: all of them.
     */
    String[] checks() default {};

    /** The lowest severity that fails a check: {@code error}, {@code warning}, {@code info}. Key:
     * {@code flyback.fail-on}. Default: {@code error}. */
    String failOn() default "";

    /**
     * What is released, for the {@code history} check: {@code git:<ref>} ({@code git:origin/main}) or the
     * {@code jdbc:postgresql://} URL of a database Flyway migrated, read read-only (user and password from
     * {@code flyback.reference.user} and {@code flyback.reference.password} or {@code FLYBACK_REFERENCE_USER} and
     * {@code FLYBACK_REFERENCE_PASSWORD}). Key: {@code flyback.reference-history}. Default: none.
     */
    String referenceHistory() default "";

    /**
     * Another severity for a rule: {@code "UNDO_MISSING=warning"}, {@code "LEFTOVER_INDEX=info"},
     * {@code "MISSING_FOREIGN_KEY=off"}. Key: {@code flyback.severity} (comma separated). Default: each rule's own.
     */
    String[] severities() default {};

    /**
     * Synthetic rows each table holds before a revision runs, for the {@code data-loss} and {@code online} checks;
     * 0 turns seeding off. Key: {@code flyback.seed.rows}. Default: 10.
     */
    int seedRows() default -1;

    /**
     * A folder of data scripts, relative to the working directory: {@code V<version>__*.sql} runs on the schema
     * before that version, ahead of the synthetic rows. Key: {@code flyback.seed.fixtures}. Default: none.
     */
    String seedFixtures() default "";

    /**
     * Whether a test's scratch database survives the test, for a look with {@code psql}: {@code never},
     * {@code on_failure}, {@code always}. Key: {@code flyback.database.keep}. Default: {@code never}.
     */
    String keep() default "";
}
