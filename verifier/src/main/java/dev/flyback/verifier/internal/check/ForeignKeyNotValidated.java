package dev.flyback.verifier.internal.check;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingMessages;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.snapshot.Identifiers;
import dev.flyback.verifier.snapshot.ObjectType;

/**
 * A foreign key still {@code NOT VALID} when the history ends: the one schema rule only the whole history can tell
 * ({@code ForeignKeyNotValidated.sql}, beside the rules), run once after the last revision.
 */
final class ForeignKeyNotValidated {

    private ForeignKeyNotValidated() {
    }

    /**
     * Foreign keys still NOT VALID once the whole history has run: the rows that existed when they were added were
     * never checked, and PostgreSQL cannot rely on them. Adding one NOT VALID and validating it in a later migration is
     * the safe way to add a foreign key to a big table, so only one never validated is a finding, reported at the
     * revision that last added or changed it ({@code revisions} with what each changed, oldest first).
     */
    static List<Finding> atHead(Connection connection, List<Revision> revisions,
                                Function<Revision, List<SchemaDifference>> changes,
                                Set<String> judged) throws SQLException {
        return findings(read(connection), revisions, changes, judged);
    }

    /** Whether {@code object} is the constraint {@code key}. */
    static boolean names(dev.flyback.verifier.snapshot.SchemaObject object, NotValidatedKey key) {
        return object.type() == ObjectType.CONSTRAINT && object.schema().equals(key.schema())
                && object.table().equals(Optional.of(key.table())) && object.name().equals(key.name());
    }

    /** The foreign keys still NOT VALID in the database, in schema, table and name order. */
    static List<NotValidatedKey> read(Connection connection) throws SQLException {
        List<NotValidatedKey> keys = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(SchemaRules.sql("ForeignKeyNotValidated.sql"));
             ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                keys.add(new NotValidatedKey(row.getString(1), row.getString(2), row.getString(3), row.getString(4)));
            }
        }
        return keys;
    }

    /**
     * The findings about {@code keys}, the foreign keys NOT VALID after the last of {@code revisions}: each reported
     * at the revision that last added or changed it, when that revision is judged. Apart from the database, so that
     * {@code flyback merge-reports} reports what the last shard found at the head with every shard's changes.
     */
    static List<Finding> findings(List<NotValidatedKey> keys, List<Revision> revisions,
                                  Function<Revision, List<SchemaDifference>> changes, Set<String> judged) {
        List<Finding> findings = new ArrayList<>();
        if (revisions.isEmpty()) {
            return findings;
        }
        Revision head = revisions.get(revisions.size() - 1);
        for (NotValidatedKey key : keys) {
            Optional<Revision> added = revisions.stream().filter(r -> changes.apply(r).stream()
                    .anyMatch(c -> names(c.subject(), key))).reduce((a, b) -> b);
            if (added.isEmpty() || !judged.contains(added.get().version())) {
                continue;
            }
            String table = Names.qualified(key.schema(), key.table());
            findings.add(FindingMessages.schemaRule(FindingType.FK_NOT_VALIDATED, added.get(),
                    Names.object(key.schema(), key.table(), key.name()), ScriptLines.find(added.get().file(),
                            List.of(List.of(key.name()), List.of("not valid"))),
                    "foreign key " + Identifiers.quote(key.name()) + " on " + table + " is still NOT VALID after "
                            + head.displayName() + ", the last revision: the rows it found were never checked",
                    Optional.of(key.definition()), "validate it in a migration after " + head.script()
                            + " (VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE: reads and writes go on):\n"
                            + "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + Identifiers.quote(key.name()) + ";"));
        }
        return findings;
    }
}
