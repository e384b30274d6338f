package dev.flyback.verifier.database;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

import org.apiguardian.api.API;

/**
 * A connection to a database Flyback did not create, such as production's replica, that can only read: every
 * transaction on it is read-only, so nothing Flyback runs there can change it.
 *
 * @since 0.2
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class ReadOnlyDatabase {

    private ReadOnlyDatabase() {
    }

    /**
     * Connects read-only.
     *
     * @throws IllegalArgumentException when the URL is not a PostgreSQL JDBC URL
     * @throws DatabaseStartException when the server cannot be reached or refuses the credentials; the message
     *                                never holds the password
     */
    public static Connection connect(String url, Optional<String> user, Optional<Secret> password) {
        JdbcUrls.database(url);
        Properties properties = new Properties();
        user.ifPresent(u -> properties.setProperty("user", u));
        password.ifPresent(p -> properties.setProperty("password", p.reveal()));
        properties.setProperty("readOnly", "true");
        properties.setProperty("readOnlyMode", "always");
        properties.setProperty("connectTimeout", "10");
        try {
            Connection connection = DriverManager.getConnection(url, properties);
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY");
            }
            return connection;
        } catch (SQLException e) {
            String message = e.getMessage() == null ? e.toString() : e.getMessage();
            throw new DatabaseStartException("Could not read " + redacted(url) + ": "
                    + password.map(p -> message.replace(p.reveal(), "****")).orElse(message), e);
        }
    }

    /** The URL with every password replaced by {@code ****}. */
    public static String redacted(String url) {
        return JdbcUrls.redact(url);
    }
}
