package dev.flyback.verifier.database;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * Keeps the physical connections to a scratch database open between uses: a PostgreSQL connection costs a backend
 * process (about 5 ms here), and a proof opens several per revision. A connection handed back is reset to a fresh
 * session ({@link #RESET}: settings such as a script's {@code SET lock_timeout} or {@code SET ROLE}, temporary tables,
 * cursors, advisory locks, statements a script {@code PREPARE}d), so no use sees what an earlier one left. Closing the
 * pool closes every physical connection, which must happen before the database is dropped.
 */
final class ReusingDataSource implements DataSource {
    /**
     * {@code DISCARD ALL} without its {@code DEALLOCATE ALL} and {@code DISCARD PLANS}: the statements the JDBC
     * driver prepared (Flyway's, Flyback's recorder's) stay prepared and planned for the next use instead of being
     * parsed and planned again at every step; those a script made with {@code PREPARE} are deallocated. One round
     * trip, as {@code DISCARD ALL} was.
     */
    static final String RESET = "CLOSE ALL; SET SESSION AUTHORIZATION DEFAULT; RESET ALL; UNLISTEN *; "
            + "SELECT pg_advisory_unlock_all(); DISCARD TEMP; DISCARD SEQUENCES; "
            + "DO $$DECLARE s text; BEGIN FOR s IN SELECT name FROM pg_prepared_statements WHERE from_sql LOOP "
            + "EXECUTE format('DEALLOCATE %I', s); END LOOP; END$$";

    private final DataSource physical;
    private final Deque<Connection> idle = new ArrayDeque<>();
    private final List<Connection> all = new ArrayList<>();

    ReusingDataSource(DataSource physical) {
        this.physical = physical;
    }

    @Override
    public Connection getConnection() throws SQLException {
        Connection connection;
        synchronized (this) {
            connection = idle.pollFirst();
        }
        if (connection == null || connection.isClosed()) {
            connection = physical.getConnection();
            synchronized (this) {
                all.add(connection);
            }
        }
        return lend(connection);
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("A scratch database has one user");
    }

    /** Closes every physical connection; the pool can be used again afterwards. */
    synchronized void closeAll() {
        for (Connection connection : all) {
            try {
                connection.close();
            } catch (SQLException e) {
                // Closing anyway: the database is about to be dropped.
            }
        }
        all.clear();
        idle.clear();
    }

    /** Whether a connection is lent out now: someone is using the database through this pool. */
    synchronized boolean lent() {
        for (Connection connection : all) {
            try {
                if (!idle.contains(connection) && !connection.isClosed()) {
                    return true;
                }
            } catch (SQLException e) {
                // Broken: nobody can be using it.
            }
        }
        return false;
    }

    private Connection lend(Connection connection) {
        boolean[] returned = {false};
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "close":
                            if (!returned[0]) {
                                returned[0] = true;
                                giveBack(connection);
                            }
                            return null;
                        case "isClosed":
                            return returned[0] || connection.isClosed();
                        case "unwrap":
                            return ((Class<?>) args[0]).isInstance(proxy) ? proxy : connection.unwrap((Class<?>) args[0]);
                        case "isWrapperFor":
                            return ((Class<?>) args[0]).isInstance(proxy) || connection.isWrapperFor((Class<?>) args[0]);
                        case "equals":
                            return proxy == args[0];
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "toString":
                            return "reused " + connection;
                        default:
                            if (returned[0]) {
                                throw new SQLException("Connection is closed");
                            }
                            try {
                                return method.invoke(connection, args);
                            } catch (InvocationTargetException e) {
                                throw e.getCause();
                            }
                    }
                });
    }

    private void giveBack(Connection connection) {
        try {
            if (connection.isClosed()) {
                return;
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
                connection.setAutoCommit(true);
            }
            if (connection.isReadOnly()) {
                connection.setReadOnly(false);
            }
            try (Statement statement = connection.createStatement()) {
                statement.execute(RESET);
            }
            connection.clearWarnings();
            synchronized (this) {
                idle.addFirst(connection);
            }
        } catch (SQLException e) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // A broken connection is dropped, not reused.
            }
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return physical.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        physical.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        physical.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return physical.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return physical.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> type) throws SQLException {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        return physical.unwrap(type);
    }

    @Override
    public boolean isWrapperFor(Class<?> type) throws SQLException {
        return type.isInstance(this) || physical.isWrapperFor(type);
    }
}
