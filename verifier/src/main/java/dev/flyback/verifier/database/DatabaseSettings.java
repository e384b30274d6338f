package dev.flyback.verifier.database;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import java.util.Set;

import org.apiguardian.api.API;

/**
 * How to obtain the disposable PostgreSQL.
 *
 * @param provider where the server comes from
 * @param postgresMajor the PostgreSQL major version for the embedded provider (14 to 18)
 * @param image the container image for the Testcontainers provider
 * @param externalUrl the JDBC URL of the user's server, for the external provider
 * @param user the user for the external provider
 * @param password the password for the external provider; never printed
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public record DatabaseSettings(DatabaseProvider provider, int postgresMajor, String image,
                               Optional<String> externalUrl, Optional<String> user, Optional<Secret> password) {

    /** The PostgreSQL majors the embedded provider can run. */
    public static final Set<Integer> SUPPORTED_MAJORS = Set.of(14, 15, 16, 17, 18);

    /** The default PostgreSQL major. */
    public static final int DEFAULT_MAJOR = 17;

    /** The default container image. */
    public static final String DEFAULT_IMAGE = "postgres:17";

    public DatabaseSettings {
        requireNonNull(provider, "provider must not be null");
        requireNonNull(image, "image must not be null");
        requireNonNull(externalUrl, "externalUrl must not be null");
        requireNonNull(user, "user must not be null");
        requireNonNull(password, "password must not be null");
        if (!SUPPORTED_MAJORS.contains(postgresMajor)) {
            throw new IllegalArgumentException("Unsupported PostgreSQL major " + postgresMajor
                    + "; allowed values: 14, 15, 16, 17, 18");
        }
        if (provider == DatabaseProvider.EXTERNAL && externalUrl.isEmpty()) {
            throw new IllegalArgumentException("The external database provider needs a JDBC URL "
                    + "(--url, or FLYBACK_URL, e.g. jdbc:postgresql://localhost:5432/postgres)");
        }
    }

    /** The embedded PostgreSQL 17 default. */
    public static DatabaseSettings embedded() {
        return embedded(DEFAULT_MAJOR);
    }

    /** An embedded PostgreSQL of the given major. */
    public static DatabaseSettings embedded(int major) {
        return new DatabaseSettings(DatabaseProvider.EMBEDDED, major, DEFAULT_IMAGE,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** A Testcontainers PostgreSQL from the given image. */
    public static DatabaseSettings testcontainers(String image) {
        return new DatabaseSettings(DatabaseProvider.TESTCONTAINERS, DEFAULT_MAJOR, image,
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** The user's server at {@code url}; Flyback creates and drops its own scratch database there. */
    public static DatabaseSettings external(String url, String user, Secret password) {
        return new DatabaseSettings(DatabaseProvider.EXTERNAL, DEFAULT_MAJOR, DEFAULT_IMAGE,
                Optional.of(url), Optional.ofNullable(user), Optional.ofNullable(password));
    }

    @Override
    public String toString() {
        return "DatabaseSettings[provider=" + provider.displayName() + ", postgresMajor=" + postgresMajor
                + ", image=" + image + ", externalUrl=" + externalUrl.map(JdbcUrls::redact).orElse("-")
                + ", user=" + user.orElse("-") + ", password=" + (password.isPresent() ? "****" : "-") + "]";
    }
}
