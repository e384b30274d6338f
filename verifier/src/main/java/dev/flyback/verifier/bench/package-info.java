/**
 * The benchmark behind {@code flyback bench}: synthetic Flyway histories shaped like real ones, and the cost of
 * migrating them, proving them reversible, running the whole checklist, and Liquibase's update-testing-rollback on
 * the same SQL. Liquibase is used in this package only.
 */
package dev.flyback.verifier.bench;
