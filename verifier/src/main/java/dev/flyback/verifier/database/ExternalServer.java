package dev.flyback.verifier.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The user's own server: Flyback only connects, and never stops it. */
final class ExternalServer implements PostgresServer {
    private static final Logger LOG = LoggerFactory.getLogger(ExternalServer.class);
    private final ConnectionInfo admin;

    private ExternalServer(ConnectionInfo admin) {
        this.admin = admin;
    }

    static ExternalServer connect(DatabaseSettings settings) {
        String url = settings.externalUrl().orElseThrow();
        ConnectionInfo admin = new ConnectionInfo(url, settings.user().orElse(System.getProperty("user.name")),
                settings.password().orElse(Secret.of("")));
        Properties properties = new Properties();
        properties.setProperty("user", admin.user());
        properties.setProperty("password", admin.password().reveal());
        properties.setProperty("connectTimeout", "10");
        try (Connection connection = DriverManager.getConnection(url, properties)) {
            LOG.debug("Connected to PostgreSQL {}", connection.getMetaData().getDatabaseProductVersion());
            return new ExternalServer(admin);
        } catch (SQLException e) {
            throw new DatabaseStartException("Could not connect to the external PostgreSQL at "
                    + JdbcUrls.redact(url) + " as user '" + admin.user() + "': " + e.getMessage()
                    + ". Check --url, --user and --password (or FLYBACK_URL, FLYBACK_USER, FLYBACK_PASSWORD).", e);
        }
    }

    @Override
    public ConnectionInfo admin() {
        return admin;
    }

    @Override
    public String description() {
        return "external PostgreSQL at " + JdbcUrls.redact(admin.jdbcUrl());
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
