package dev.flyback.verifier.internal.check;

import java.sql.SQLException;

/** A rule's own query ({@link RuleContext#lookup}) failed: the run's database is gone, or the query is wrong. */
final class RuleQueryFailed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RuleQueryFailed(SQLException cause) {
        super(cause);
    }

    @Override
    public synchronized SQLException getCause() {
        return (SQLException) super.getCause();
    }
}
