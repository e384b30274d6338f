package dev.flyback.verifier.database;

import static java.util.Objects.requireNonNull;

import org.apiguardian.api.API;

/**
 * How to reach a database: its JDBC URL, user and password. {@link #toString()} never shows the password.
 *
 * @param jdbcUrl the JDBC URL
 * @param user the user name
 * @param password the password
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record ConnectionInfo(String jdbcUrl, String user, Secret password) {

    public ConnectionInfo {
        requireNonNull(jdbcUrl, "jdbcUrl must not be null");
        requireNonNull(user, "user must not be null");
        requireNonNull(password, "password must not be null");
    }

    /** The same server and credentials, another database. */
    public ConnectionInfo withDatabase(String database) {
        return new ConnectionInfo(JdbcUrls.withDatabase(jdbcUrl, database), user, password);
    }

    /** The name of the database this URL points to. */
    public String database() {
        return JdbcUrls.database(jdbcUrl);
    }

    /** A data source for this database (the user's own database, for the workflow commands). */
    public javax.sql.DataSource dataSource() {
        return ScratchDatabase.dataSource(this);
    }

    /** The URL with passwords replaced by {@code ****}, for messages. */
    public String redactedUrl() {
        return JdbcUrls.redact(jdbcUrl);
    }

    /** A {@code psql} command line that connects to this database, with the password left out. */
    public String psqlCommand() {
        String hostPort = jdbcUrl.replaceFirst("^jdbc:postgresql://", "").replaceFirst("[/?].*$", "");
        String host = hostPort.contains(":") ? hostPort.substring(0, hostPort.lastIndexOf(':')) : hostPort;
        String port = hostPort.contains(":") ? hostPort.substring(hostPort.lastIndexOf(':') + 1) : "5432";
        return "psql -h " + host + " -p " + port + " -U " + user + " " + database();
    }

    @Override
    public String toString() {
        return "ConnectionInfo[jdbcUrl=" + JdbcUrls.redact(jdbcUrl) + ", user=" + user + ", password=****]";
    }
}
