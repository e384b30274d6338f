package dev.flyback.verifier.migration;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/**
 * For a proof on a database Flyback created, and only there: before each first up, Flyway's history table keeps just
 * its latest versioned row (rows of repeatable migrations and schema markers stay). Each Flyway command reads and
 * resolves the whole applied history, so without this a step's cost grows with the revisions before it; with it,
 * Flyway still sees the previous revision applied and applies exactly the next. Only when every revision is an SQL
 * script on disk, since a full Flyway migrate needs the whole history ({@link ProofSteps} decides, once).
 */
class HistoryCompaction {
    /** Compaction for a proof that keeps the whole history. */
    static final HistoryCompaction NONE = new HistoryCompaction(null) {
        @Override
        void before(Revision revision) {
        }

        @Override
        void afterInsert(Connection connection) {
        }
    };

    private final HistoryTable history;
    /** Whether the history is compact already (the last step compacted it in its own transaction). */
    private boolean compact;
    /** Whether a paused Flyway run has read the history rows, which must then stay as they are. */
    private boolean held;

    HistoryCompaction(HistoryTable history) {
        this.history = history;
    }

    /** Compacts the history before {@code revision}'s first up, unless it is compact already. */
    void before(Revision revision) throws MigrationException {
        if (compact) {
            return;
        }
        try {
            history.compact();
            compact = true;
        } catch (SQLException e) {
            throw new MigrationException(new MigrationFailure(revision.script(), Optional.empty(),
                    Optional.empty(), "could not update Flyway's history table: " + e.getMessage()), e);
        }
    }

    /** A Flyway command wrote a row: the history is not compact any more. */
    void grew() {
        compact = false;
    }

    /** After a step wrote its own history row on {@code connection}: compacts in the same transaction. */
    void afterInsert(Connection connection) throws SQLException {
        if (held) {
            compact = false;
            return;
        }
        history.compact(connection);
        compact = true;
    }

    /** While a paused Flyway run holds the rows it has read, nothing is compacted. */
    void hold(boolean hold) {
        this.held = hold;
    }
}
