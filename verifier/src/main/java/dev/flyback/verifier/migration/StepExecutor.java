package dev.flyback.verifier.migration;

/**
 * One way of running a step of a proof (issue 16, after Flyway's executor per kind of migration): a Flyway command
 * ({@link FlywayMigrate}, {@link ScriptMigrate}), a paced Flyway run ({@link PacedMigrate}), a script without a
 * Flyway command ({@link DirectStep}), an undo script through a second Flyway ({@link FlywayUndo}), a Java undo
 * ({@link JavaUndo}). {@link ProofSteps} chooses them once per proof.
 */
interface StepExecutor {
    /** Runs the step for {@code revision}, keeping Flyway's history table true. */
    void run(Revision revision) throws MigrationException;

    /** Lets go of anything kept between steps (a paused Flyway run holds a connection). */
    default void pause() {
    }
}
