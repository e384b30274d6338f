package dev.flyback.verifier.finding;

import org.apiguardian.api.API;


/**
 * The kinds of finding, each with a stable meaning. Findings about one schema object carry a rule id that adds the
 * object's kind, such as {@code LEFTOVER_INDEX}.
 *
 * @since 0.1
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.1")
public enum FindingType {
    /** The up migration failed; the run stops at this revision. */
    UP_FAILED(Severity.ERROR, Check.REVERSIBILITY),
    /** A step ran longer than a limit (the statement timeout, lock_timeout while waiting for another session's
     * lock, or the revision timeout) and was cancelled; the run treats it like a failure of that step. */
    TIMED_OUT(Severity.ERROR, Check.REVERSIBILITY),
    /** The revision has no undo script ({@code U<version>__*.sql}) and no Java {@code down}. */
    UNDO_MISSING(Severity.ERROR, Check.REVERSIBILITY),
    /** An undo script whose version has no versioned migration. */
    UNDO_WITHOUT_MIGRATION(Severity.WARNING, Check.REVERSIBILITY),
    /** The undo failed. */
    UNDO_FAILED(Severity.ERROR, Check.REVERSIBILITY),
    /** The undo dropped Flyway's history table (with the schema it lives in): Flyway no longer knows what is
     * applied. */
    UNDO_DROPS_HISTORY(Severity.ERROR, Check.REVERSIBILITY),
    /** After the undo, an object the revision created is still there. */
    LEFTOVER(Severity.ERROR, Check.REVERSIBILITY),
    /** After the undo, an object that existed before the revision is gone. */
    MISSING(Severity.ERROR, Check.REVERSIBILITY),
    /** After the undo, an object differs from how it was before the revision. */
    CHANGED(Severity.ERROR, Check.REVERSIBILITY),
    /** Only the order of a table's columns differs after the undo: information, not a failure. */
    COLUMN_ORDER_CHANGED(Severity.INFO, Check.REVERSIBILITY),
    /** Applying the revision again after its undo failed. */
    REUP_FAILED(Severity.ERROR, Check.REAPPLY),
    /** Applying the revision again gave a different schema than the first time. */
    REUP_DIFFERS(Severity.ERROR, Check.REAPPLY),
    /** A foreign key no valid, non-partial index covers with exactly its columns in the lead: every delete or
     * update of the referenced row scans the table. */
    FK_WITHOUT_INDEX(Severity.WARNING, Check.INDEXES),
    /** A foreign key column whose type differs from the referenced column's. */
    FK_TYPE_MISMATCH(Severity.ERROR, Check.INDEXES),
    /** A table without a primary key. */
    TABLE_WITHOUT_PRIMARY_KEY(Severity.WARNING, Check.INDEXES),
    /** An index whose columns lead another index: it costs writes and buys nothing. */
    REDUNDANT_INDEX(Severity.WARNING, Check.INDEXES),
    /** An index left invalid (a failed CREATE INDEX CONCURRENTLY): PostgreSQL maintains it but never uses it. */
    INVALID_INDEX(Severity.ERROR, Check.INDEXES),
    /** A foreign key on the same columns to the same target as another: every write checks the rows twice. */
    FK_DUPLICATE(Severity.WARNING, Check.INDEXES),
    /** {@code ON DELETE SET NULL} (or {@code ON UPDATE}) on a NOT NULL column: every such delete fails. */
    FK_SET_NULL_ON_NOT_NULL(Severity.ERROR, Check.INDEXES),
    /** A foreign key still NOT VALID when the whole history has run: the rows it found were never checked. */
    FK_NOT_VALIDATED(Severity.WARNING, Check.INDEXES),
    /** A column named like another table's key, of its type, with no foreign key: is it meant to be one? */
    MISSING_FOREIGN_KEY(Severity.INFO, Check.INDEXES),
    /** The revision drops a table that existed before it, with whatever rows it held. */
    DROPS_TABLE(Severity.WARNING, Check.DATA_LOSS),
    /** The revision drops a column that existed before it. */
    DROPS_COLUMN(Severity.WARNING, Check.DATA_LOSS),
    /** The revision drops a schema that existed before it. */
    DROPS_SCHEMA(Severity.WARNING, Check.DATA_LOSS),
    /** A column's type becomes narrower (shorter, less precise, smaller): values can be cut or rejected. */
    NARROWS_COLUMN(Severity.WARNING, Check.DATA_LOSS),
    /** An enum type loses values (by being re-created): rows holding them cannot survive. */
    DROPS_ENUM_VALUE(Severity.WARNING, Check.DATA_LOSS),
    /** TRUNCATE, or DELETE without WHERE, on a table that existed before. */
    DELETES_ALL_ROWS(Severity.WARNING, Check.DATA_LOSS),
    /** UPDATE without WHERE on a table that existed before: every row is rewritten. */
    UPDATES_ALL_ROWS(Severity.INFO, Check.DATA_LOSS),
    /** The up deleted rows that existed before it (measured with seeded rows). */
    ROWS_LOST(Severity.WARNING, Check.DATA_LOSS),
    /** The up turned values of a column that survives it into NULL (measured with seeded rows). */
    VALUES_LOST(Severity.WARNING, Check.DATA_LOSS),
    /** After the undo, the data the schema held before the revision is not all back: rows, values or their
     * contents differ from before the up (measured with seeded rows). */
    DATA_NOT_RESTORED(Severity.ERROR, Check.DATA_LOSS),
    /** After the undo, values (or rows) differ from before the revision because the revision's own data change
     * or a trigger rewrote them, and the undo does not restore them: reported once per table (measured with seeded
     * rows). */
    DATA_REWRITTEN(Severity.WARNING, Check.DATA_LOSS),
    /** The undo drops data that only the revision's schema could hold: the expected cost of rolling back. */
    ROLLBACK_DISCARDS_DATA(Severity.INFO, Check.DATA_LOSS),
    /** The up passes on empty tables but fails once tables hold rows, as they do in production. */
    UP_FAILS_WITH_ROWS(Severity.ERROR, Check.DATA_LOSS),
    /** The up passes on empty tables but fails on Flyback's synthetic rows in a way that depends on their values
     * (a foreign key they do not meet, a value out of a range), which real data may not do. */
    UP_FAILS_WITH_SEEDED_ROWS(Severity.WARNING, Check.DATA_LOSS),
    /** Flyback could not fill a table with synthetic rows: data loss there is not proven with rows. */
    NOT_SEEDED(Severity.INFO, Check.DATA_LOSS),
    /** DROP ... CASCADE: dependent objects go too, silently. */
    DROPS_WITH_CASCADE(Severity.WARNING, Check.DATA_LOSS),
    /** A statement took ACCESS EXCLUSIVE on an existing table: reads and writes wait until the migration commits
     * (warning when the table held rows, information otherwise). */
    ACCESS_EXCLUSIVE_LOCK(Severity.WARNING, Check.ONLINE),
    /** A statement took a SHARE-class lock on an existing table (CREATE INDEX without CONCURRENTLY, a validating
     * foreign key): writes wait until the migration commits. */
    WRITE_BLOCKING_LOCK(Severity.WARNING, Check.ONLINE),
    /** A column added to an existing table with a volatile default, an identity or a stored generated expression:
     * PostgreSQL rewrites the whole table under ACCESS EXCLUSIVE (warning when the table held rows). */
    REWRITES_TABLE(Severity.WARNING, Check.ONLINE),
    /** CREATE INDEX CONCURRENTLY (or another CONCURRENTLY statement) in a migration that runs in a transaction:
     * PostgreSQL refuses it, so the step fails. */
    CONCURRENTLY_IN_TRANSACTION(Severity.ERROR, Check.ONLINE),
    /** A migration the reference history does not have sorts below its latest version: Flyway refuses it there
     * unless outOfOrder is set, and then applies it after newer ones. */
    OUT_OF_ORDER(Severity.ERROR, Check.HISTORY),
    /** A released migration's script was edited after release: Flyway's validate fails on the checksum. */
    CHECKSUM_CHANGED(Severity.ERROR, Check.HISTORY),
    /** A migration of the reference history has no script here any more: Flyway's validate fails on it. */
    RELEASED_MIGRATION_MISSING(Severity.ERROR, Check.HISTORY),
    /** A script takes ACCESS EXCLUSIVE on an existing table with no lock_timeout: queued behind a long query, it
     * blocks every other query on the table. */
    NO_LOCK_TIMEOUT(Severity.INFO, Check.ONLINE);

    private final Severity defaultSeverity;
    private final Check check;

    FindingType(Severity defaultSeverity, Check check) {
        this.defaultSeverity = defaultSeverity;
        this.check = check;
    }

    /** The severity a finding of this kind has unless configured otherwise. */
    public Severity defaultSeverity() {
        return defaultSeverity;
    }

    /**
     * Whether it is reported whatever checks are enabled: a failed up ends the run, and the user must hear why.
     */
    public boolean alwaysReported() {
        return this == UP_FAILED || this == UP_FAILS_WITH_ROWS || this == UP_FAILS_WITH_SEEDED_ROWS
                || this == CONCURRENTLY_IN_TRANSACTION || this == TIMED_OUT;
    }

    /** The check that raises it. */
    public Check check() {
        return check;
    }
}
