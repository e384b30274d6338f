package dev.flyback.verifier.database;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import javax.sql.DataSource;

import org.postgresql.ds.PGSimpleDataSource;

/** The {@code flyback_<random>} database Flyback creates on a server, and drops again. */
final class ScratchDatabase implements DisposableDatabase {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PostgresServer server;
    private final boolean ownsServer;
    private final String name;
    private final ConnectionInfo connectionInfo;
    private final ReusingDataSource dataSource;
    /** Whether another database took this one's contents under its own name ({@link #replaceWith}). */
    private volatile boolean renamedAway;

    private ScratchDatabase(PostgresServer server, boolean ownsServer, String name) {
        this.server = server;
        this.ownsServer = ownsServer;
        this.name = name;
        this.connectionInfo = server.admin().withDatabase(name);
        this.dataSource = new ReusingDataSource(dataSource(connectionInfo));
    }

    static ScratchDatabase create(PostgresServer server) {
        try {
            return create(server, true, Optional.empty());
        } catch (RuntimeException e) {
            forgetAdmin(server);
            server.close();
            throw e;
        }
    }

    private static ScratchDatabase create(PostgresServer server, boolean ownsServer, Optional<String> template) {
        String name = "flyback_" + HexFormat.of().formatHex(RANDOM.generateSeed(6));
        execute(server, "CREATE DATABASE " + name + template.map(t -> " TEMPLATE " + quote(t)).orElse(""));
        ScratchDatabase database = new ScratchDatabase(server, ownsServer, name);
        ShutdownGuard.register(database);
        return database;
    }

    @Override
    public ConnectionInfo connectionInfo() {
        return connectionInfo;
    }

    /** Connections are reused between callers, each handed a fresh session. */
    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    static DataSource dataSource(ConnectionInfo info) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setUrl(info.jdbcUrl());
        dataSource.setUser(info.user());
        dataSource.setPassword(info.password().reveal());
        return dataSource;
    }

    @Override
    public String description() {
        return "database " + name + " on " + server.description();
    }

    @Override
    public void reset() {
        drop();
        execute(server, "CREATE DATABASE " + name);
    }

    @Override
    public void resetFrom(String template) {
        dataSource.closeAll();
        execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)",
                "CREATE DATABASE " + name + " TEMPLATE " + quote(template));
    }

    @Override
    public void replaceWith(DisposableDatabase copy) {
        dataSource.closeAll();
        copy.closeConnections();
        execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)",
                "ALTER DATABASE " + quote(copy.name()) + " RENAME TO " + name);
        // Its name is this database's now: there is nothing left to drop under the old one.
        if (copy instanceof ScratchDatabase scratch) {
            scratch.renamedAway = true;
        }
        copy.close();
    }

    @Override
    public void closeConnections() {
        dataSource.closeAll();
    }

    @Override
    public boolean inUse() {
        return dataSource.lent();
    }

    @Override
    public DisposableDatabase createSibling(Optional<String> template) {
        return create(server, false, template);
    }

    @Override
    public void close() {
        ShutdownGuard.forget(this);
        try {
            drop();
        } finally {
            if (ownsServer) {
                forgetAdmin(server);
                server.close();
            }
        }
    }

    private void drop() {
        dataSource.closeAll();
        if (renamedAway) {
            return;
        }
        // Only ever a database this object created; FORCE ends sessions a failed migration left behind.
        execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    /**
     * The connections to each server's maintenance database, kept between statements: a connection costs 20 ms here
     * (bench), and a test's database copied from a template is a drop and a rename, 10 ms.
     */
    private static final java.util.Map<PostgresServer, ReusingDataSource> ADMIN = new java.util.IdentityHashMap<>();

    private static ReusingDataSource admin(PostgresServer server) {
        synchronized (ADMIN) {
            return ADMIN.computeIfAbsent(server, s -> new ReusingDataSource(dataSource(s.admin())));
        }
    }

    private static void forgetAdmin(PostgresServer server) {
        ReusingDataSource pool;
        synchronized (ADMIN) {
            pool = ADMIN.remove(server);
        }
        if (pool != null) {
            pool.closeAll();
        }
    }

    /** Runs each statement, in order and outside a transaction, on one connection to the server. */
    private static void execute(PostgresServer server, String... statements) {
        String running = statements[0];
        try (Connection connection = admin(server).getConnection();
             Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                running = sql;
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new DatabaseStartException("Could not run '" + running + "' on " + server.description()
                    + ": " + e.getMessage(), e);
        }
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return description();
    }
}
