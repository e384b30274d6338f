package dev.flyback.verifier.database;

/** A running PostgreSQL server and the maintenance connection Flyback uses to create its scratch databases. */
interface PostgresServer extends AutoCloseable {

    /** The maintenance database connection (usually database {@code postgres}). */
    ConnectionInfo admin();

    /** For humans: "embedded PostgreSQL 17.6 on port 54321". */
    String description();

    /** Stops the server if Flyback started it; leaves the user's server alone. */
    @Override
    void close();
}
