package dev.flyback.verifier.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * A Java migration's {@code down} ({@link ReversibleMigration}), in a transaction of its own; then the revision's row
 * is deleted from Flyway's history.
 */
final class JavaUndo implements StepExecutor {
    private final StepContext context;

    JavaUndo(StepContext context) {
        this.context = context;
    }

    @Override
    public void run(Revision revision) throws MigrationException {
        Revision.Undo undo = revision.undo().orElseThrow();
        context.recorder().reset();
        context.recorder().writesUnknown();
        try (Connection connection = context.dataSource().getConnection()) {
            connection.setAutoCommit(false);
            try {
                Class<?> type = Class.forName(revision.script(), true, context.base().getClassLoader());
                ((ReversibleMigration) type.getDeclaredConstructor().newInstance()).down(connection);
                connection.commit();
            } catch (Exception e) {
                connection.rollback();
                throw new MigrationException(new MigrationFailure(undo.script(), Optional.empty(), Optional.empty(),
                        "down() failed: " + e), e);
            }
        } catch (SQLException e) {
            throw new MigrationException(new MigrationFailure(undo.script(), Optional.empty(), Optional.empty(),
                    e.getMessage()), e);
        }
        FlywayUndo.deleteRow(context, revision, undo);
    }
}
