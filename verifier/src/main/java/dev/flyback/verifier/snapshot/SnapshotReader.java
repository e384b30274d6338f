package dev.flyback.verifier.snapshot;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;

import org.apiguardian.api.API;

/**
 * Reads a database's schema into a {@link SchemaSnapshot}. Two readers exist: {@link CatalogReader#READER}, which asks
 * PostgreSQL's catalog in one query and is followed step by step by {@link CatalogTracker} (the default), and
 * SchemaCrawler's ({@code SchemaCrawlerReader.READER}), an independent second opinion: slower (a crawl per step) and
 * coarser (names, column types and nullability, index columns, foreign keys; no definitions, privileges or comments,
 * and no object kind SchemaCrawler does not model).
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public interface SnapshotReader {

    /**
     * Reads every user schema of the connected database.
     *
     * @param connection an open connection
     * @param excludedTables table names to leave out wherever they are (Flyway's history tables)
     */
    SchemaSnapshot read(Connection connection, Collection<String> excludedTables) throws SQLException;

    /** The name users type to pick it: {@code catalog}, {@code schemacrawler}. */
    String id();
}
