package dev.flyback.verifier.internal.check;

import static java.util.Objects.requireNonNull;

import java.sql.Connection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apiguardian.api.API;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.internal.data.DataFingerprint;
import dev.flyback.verifier.migration.ExecutedStatement;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.snapshot.SchemaObject;

/**
 * What a check sees: the revision just applied, what it changed, a connection to the database in that state, and
 * whether to judge the whole schema or only what the revision touched.
 *
 * @param revision the revision just applied
 * @param changes the differences from the schema before the revision
 * @param connection a connection to the database after the revision
 * @param historyTables Flyway's history tables, never judged
 * @param wholeSchema whether every object is judged, not only what the revision touched
 * @param statements the statements the step executed, with the locks they took
 * @param undo whether the step was the undo (else the up)
 * @param origin the seeded data before the revision's up ({@link DataFingerprint#EMPTY} without seeding)
 * @param dataBefore the data before this step (for the up, the origin; for the undo, after the up)
 * @param dataAfter the data after this step
 * @param upStatements for the undo, the statements the revision's up executed; for the up, the same as
 *                     {@code statements}
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public record CheckContext(Revision revision, List<SchemaDifference> changes, Connection connection,
                           Set<String> historyTables, boolean wholeSchema, List<ExecutedStatement> statements,
                           boolean undo, DataFingerprint origin, DataFingerprint dataBefore,
                           DataFingerprint dataAfter, List<ExecutedStatement> upStatements) {

    public CheckContext {
        requireNonNull(revision, "revision must not be null");
        changes = List.copyOf(changes);
        requireNonNull(connection, "connection must not be null");
        historyTables = Set.copyOf(historyTables);
        statements = List.copyOf(statements);
        requireNonNull(origin, "origin must not be null");
        requireNonNull(dataBefore, "dataBefore must not be null");
        requireNonNull(dataAfter, "dataAfter must not be null");
        upStatements = List.copyOf(upStatements);
    }

    /** The script the step ran. */
    public String script() {
        return undo ? revision.undoDisplayName() : revision.script();
    }

    /** Whether the revision touched the table {@code schema.table} (or everything is judged). */
    public boolean judges(String schema, String table) {
        return !historyTables.contains(table) && (wholeSchema || touchedTables().contains(schema + "." + table));
    }

    /** The tables ({@code schema.table}, unquoted) the revision touched; empty when every table is judged. */
    java.util.Optional<Set<String>> judgedTables() {
        return wholeSchema ? java.util.Optional.empty() : java.util.Optional.of(touchedTables());
    }

    private Set<String> touchedTables() {
        Set<String> tables = new HashSet<>();
        for (SchemaDifference change : changes) {
            SchemaObject subject = change.subject();
            tables.add(subject.schema() + "." + subject.table().orElse(subject.name()));
        }
        return tables;
    }
}
