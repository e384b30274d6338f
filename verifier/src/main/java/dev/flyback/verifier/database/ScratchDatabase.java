package dev.flyback.verifier.database;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;
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
        drop();
        execute(server, "CREATE DATABASE " + name + " TEMPLATE " + quote(template));
    }

    @Override
    public void closeConnections() {
        dataSource.closeAll();
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
                server.close();
            }
        }
    }

    private void drop() {
        dataSource.closeAll();
        // Only ever a database this object created; FORCE ends sessions a failed migration left behind.
        execute(server, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    }

    private static void execute(PostgresServer server, String sql) {
        ConnectionInfo admin = server.admin();
        Properties properties = new Properties();
        properties.setProperty("user", admin.user());
        properties.setProperty("password", admin.password().reveal());
        try (Connection connection = DriverManager.getConnection(admin.jdbcUrl(), properties);
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new DatabaseStartException("Could not run '" + sql + "' on " + server.description()
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
