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
        List<Finding> findings = new ArrayList<>();
        if (revisions.isEmpty()) {
            return findings;
        }
        Revision head = revisions.get(revisions.size() - 1);
        try (PreparedStatement statement = connection.prepareStatement(SchemaRules.sql("ForeignKeyNotValidated.sql"));
             ResultSet row = statement.executeQuery()) {
            while (row.next()) {
                String schema = row.getString(1);
                String tableName = row.getString(2);
                String name = row.getString(3);
                Optional<Revision> added = revisions.stream().filter(r -> changes.apply(r).stream().anyMatch(c ->
                        c.subject().type() == ObjectType.CONSTRAINT && c.subject().schema().equals(schema)
                                && c.subject().table().equals(Optional.of(tableName))
                                && c.subject().name().equals(name))).reduce((a, b) -> b);
                if (added.isEmpty() || !judged.contains(added.get().version())) {
                    continue;
                }
                String table = Names.qualified(schema, tableName);
                findings.add(FindingMessages.schemaRule(FindingType.FK_NOT_VALIDATED, added.get(),
                        Names.object(schema, tableName, name), ScriptLines.find(added.get().file(),
                                List.of(List.of(name), List.of("not valid"))),
                        "foreign key " + Identifiers.quote(name) + " on " + table + " is still NOT VALID after "
                                + head.displayName() + ", the last revision: the rows it found were never checked",
                        Optional.of(row.getString(4)), "validate it in a migration after " + head.script()
                                + " (VALIDATE CONSTRAINT takes SHARE UPDATE EXCLUSIVE: reads and writes go on):\n"
                                + "ALTER TABLE " + table + " VALIDATE CONSTRAINT " + Identifiers.quote(name) + ";"));
            }
        }
        return findings;
    }

}
