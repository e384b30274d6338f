package dev.flyback.verifier.internal.check;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.apiguardian.api.API;

import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;

/**
 * Runs the schema checks that apply after a revision's up step.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class SchemaChecks {

    private SchemaChecks() {
    }

    /**
     * The findings of the enabled checks about a step: after the up, indexes, data loss and locks; after the undo,
     * whether the seeded data came back, and its locks (what the undo does to the schema is the reversibility
     * check's business).
     */
    public static List<Finding> run(Set<Check> enabled, CheckContext context) throws SQLException {
        List<Finding> findings = new ArrayList<>();
        if (enabled.contains(Check.INDEXES) && !context.undo()) {
            findings.addAll(SchemaRules.run(SchemaRules.ALL, context));
        }
        if (enabled.contains(Check.DATA_LOSS)) {
            if (context.undo()) {
                findings.addAll(SeededDataChecks.run(context, Set.of()));
            } else {
                RuleContext rules = RuleContext.of(context);
                findings.addAll(StepRules.run(StepRules.DATA_LOSS_CHANGES, StepRules.DATA_LOSS_STATEMENTS, rules));
                // What the static rules gave seeded evidence for, the seeded-data check does not report again.
                findings.addAll(SeededDataChecks.run(context, rules.covered()));
            }
        }
        if (enabled.contains(Check.ONLINE)) {
            RuleContext rules = RuleContext.of(context);
            findings.addAll(StepRules.run(StepRules.ONLINE_CHANGES, List.of(), rules));
            findings.addAll(LockChecks.run(rules));
        }
        return findings;
    }

    /**
     * The findings about the schema once every revision has run ({@code revisions}, oldest first, each with what it
     * changed): foreign keys never validated. Only the versions {@code judged} are reported.
     */
    public static List<Finding> atHead(Set<Check> enabled, java.sql.Connection connection,
                                       List<dev.flyback.verifier.migration.Revision> revisions,
                                       java.util.function.Function<dev.flyback.verifier.migration.Revision,
                                               List<dev.flyback.verifier.diff.SchemaDifference>> changes,
                                       Set<String> judged) throws SQLException {
        return enabled.contains(Check.INDEXES)
                ? ForeignKeyNotValidated.atHead(connection, revisions, changes, judged) : List.of();
    }

    /**
     * The foreign keys still NOT VALID in the database at the head, for {@link #atHead(Set, List, List, Function,
     * Set)} elsewhere; none unless the index check runs.
     */
    public static List<NotValidatedKey> notValidatedAtHead(Set<Check> enabled, java.sql.Connection connection)
            throws SQLException {
        return enabled.contains(Check.INDEXES) ? ForeignKeyNotValidated.read(connection) : List.of();
    }

    /** {@link #atHead(Set, java.sql.Connection, List, java.util.function.Function, Set)} from keys read before. */
    public static List<Finding> atHead(Set<Check> enabled, List<NotValidatedKey> keys,
                                       List<dev.flyback.verifier.migration.Revision> revisions,
                                       java.util.function.Function<dev.flyback.verifier.migration.Revision,
                                               List<dev.flyback.verifier.diff.SchemaDifference>> changes,
                                       Set<String> judged) {
        return enabled.contains(Check.INDEXES)
                ? ForeignKeyNotValidated.findings(keys, revisions, changes, judged) : List.of();
    }

    /**
     * The keys none of {@code revisions} added or changed: a shard that ends the history leaves them to the merge,
     * which knows the revisions before its range.
     */
    public static List<NotValidatedKey> unattributed(List<NotValidatedKey> keys,
                                                     List<dev.flyback.verifier.migration.Revision> revisions,
                                                     java.util.function.Function<dev.flyback.verifier.migration
                                                             .Revision, List<dev.flyback.verifier.diff
                                                             .SchemaDifference>> changes) {
        return keys.stream().filter(key -> revisions.stream().noneMatch(r -> changes.apply(r).stream()
                .anyMatch(c -> ForeignKeyNotValidated.names(c.subject(), key)))).toList();
    }

    /**
     * The up's findings once its undo has run, when the data-loss check is on: data the up lost that the undo
     * restored after all was moved, not lost, and its finding is withdrawn; the others say the undo does not bring
     * the data back.
     */
    public static List<Finding> settle(Set<Check> enabled, List<Finding> upFindings, CheckContext undo) {
        return enabled.contains(Check.DATA_LOSS) ? SeededDataChecks.settle(upFindings, undo) : upFindings;
    }
}
