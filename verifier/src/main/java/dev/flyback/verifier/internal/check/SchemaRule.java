package dev.flyback.verifier.internal.check;

import java.util.Optional;

import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;

/**
 * One rule judged on the schema after a revision's up (issue 16, item 2): the {@link FindingType} it raises (which
 * names its id, default severity, check and what it catches: the README's rule table and SARIF's rules are written
 * from it), the catalog query it reads, kept beside it as a resource, and the finding a row of that query makes.
 * {@link SchemaRules#ALL} lists the rules; a new one is a class, its query and a line there.
 */
interface SchemaRule {

    /** The kind of finding the rule raises. */
    FindingType type();

    /**
     * The resource, beside the rule classes, holding the query whose rows the rule judges: {@code <ClassName>.sql}
     * unless it shares another rule's (the query then runs once and each rule sees its rows). Its one parameter is
     * the tables the revision touched ({@code schema.table}, NULL for all); each row names schema and table first.
     */
    default String query() {
        return getClass().getSimpleName() + ".sql";
    }

    /** The finding one row makes, if any. */
    Optional<Finding> judge(Row row, RuleContext context);

    /**
     * Whether the step made the state the row shows, rather than leaving it as an earlier revision made it: a
     * revision that adds a column to a table is not the one to blame for the table's missing primary key, which the
     * revision that created the table was told of (README: judged on what each revision introduced or changed; Ente's
     * 18 tables without a key were 49 warnings, one per revision touching them, docs/accuracy.md). Not asked with
     * {@code --whole-schema}, which judges every object after every revision.
     */
    default boolean introduced(Row row, RuleContext context) {
        return true;
    }
}
