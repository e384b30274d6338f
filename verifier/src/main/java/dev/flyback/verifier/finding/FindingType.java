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
    UP_FAILED(Severity.ERROR, Check.REVERSIBILITY,
            "the migration itself failed (file, line, statement); later revisions are not checked"),
    /** A step ran longer than a limit (the statement timeout, lock_timeout while waiting for another session's
     * lock, or the revision timeout) and was cancelled; the run treats it like a failure of that step. */
    TIMED_OUT(Severity.ERROR, Check.REVERSIBILITY,
            "a step ran past the statement timeout, its `lock_timeout` (waiting for another session's lock)"
            + " or the revision timeout, and was cancelled; an up ends the run, an undo or re-up is rebuilt"
            + " from and the run goes on"),
    /** The revision has no undo script ({@code U<version>__*.sql}) and no Java {@code down}. */
    UNDO_MISSING(Severity.ERROR, Check.REVERSIBILITY,
            "no `U<n>__*.sql` and no Java `down`; when an undo script without migration looks meant for it"
            + " (same description, or a version one keystroke away: `U15` for `V5`), both findings name each"
            + " other and the fix is the rename"),
    /** An undo script whose version has no versioned migration. */
    UNDO_WITHOUT_MIGRATION(Severity.WARNING, Check.REVERSIBILITY,
            "a `U` script whose version has no `V` script"),
    /** The undo failed. */
    UNDO_FAILED(Severity.ERROR, Check.REVERSIBILITY,
            "the undo failed (file, line, statement and its object, e.g. `(column crates.user_id)`); the run"
            + " goes on with the next revision"),
    /** The undo dropped Flyway's history table (with the schema it lives in): Flyway no longer knows what is
     * applied. */
    UNDO_DROPS_HISTORY(Severity.ERROR, Check.REVERSIBILITY,
            "the undo dropped Flyway's history table (with the schema it lives in): Flyway would forget what"
            + " is applied; the run rebuilds the revision and goes on"),
    /** After the undo, an object the revision created is still there. */
    LEFTOVER(Severity.ERROR, Check.REVERSIBILITY,
            "the undo left an object behind (`LEFTOVER_INDEX`, `LEFTOVER_ENUM`, `LEFTOVER_TABLE`, ...)"),
    /** After the undo, an object that existed before the revision is gone. */
    MISSING(Severity.ERROR, Check.REVERSIBILITY,
            "the undo dropped an object that existed before the revision"),
    /** After the undo, an object differs from how it was before the revision. */
    CHANGED(Severity.ERROR, Check.REVERSIBILITY,
            "after the undo an object differs (type, nullability, default, definition, privileges, owner,"
            + " comment, RLS, replica identity, statistics target, ... or its name: an undo that does not take"
            + " a rename back); info when a function's source differs only in spaces and line breaks outside"
            + " string literals, and when a constraint the revision validated stays validated (PostgreSQL"
            + " cannot mark it `NOT VALID` again)"),
    /** Only the order of a table's columns differs after the undo: information, not a failure. */
    COLUMN_ORDER_CHANGED(Severity.INFO, Check.REVERSIBILITY,
            "only a column's position differs (a dropped and re-added column)"),
    /** Applying the revision again after its undo failed. */
    REUP_FAILED(Severity.ERROR, Check.REAPPLY,
            "the revision could not be applied again after its undo (Flyback rebuilds the database and goes"
            + " on)"),
    /** Applying the revision again gave a different schema than the first time. */
    REUP_DIFFERS(Severity.ERROR, Check.REAPPLY,
            "applying the revision again gave another schema (a migration that depends on state)"),
    /** A foreign key no valid, non-partial index covers with exactly its columns in the lead: every delete or
     * update of the referenced row scans the table. */
    FK_WITHOUT_INDEX(Severity.WARNING, Check.INDEXES,
            "no valid, non-partial index leads with exactly the key's columns (in any order); a partial"
            + " index counts only when its predicate is `col IS NOT NULL`. Catches FK(a) with only an index on"
            + " (b, a), and FK(a) with only a partial index, which SchemaCrawler's linter passes"),
    /** A foreign key column whose type differs from the referenced column's. */
    FK_TYPE_MISMATCH(Severity.ERROR, Check.INDEXES,
            "a key column's type differs from the referenced column's (`integer` referencing `bigint`: it"
            + " overflows once the keys grow); a warning when both are text types of other lengths"
            + " (`character(36)` referencing `varchar(40)`), where only a value longer than the referencing"
            + " column holds is at stake"),
    /** A table without a primary key. */
    TABLE_WITHOUT_PRIMARY_KEY(Severity.WARNING, Check.INDEXES,
            "a table without a primary key: rows cannot be told apart, logical replication cannot update or"
            + " delete them; the fix keys it on a unique index over NOT NULL columns when there is one, else on"
            + " a new identity column"),
    /** An index whose columns lead another index: it costs writes and buys nothing. */
    REDUNDANT_INDEX(Severity.WARNING, Check.INDEXES,
            "its key columns lead another index of the same method (constraint-backed indexes are never the"
            + " one reported)"),
    /** An index left invalid (a failed CREATE INDEX CONCURRENTLY): PostgreSQL maintains it but never uses it. */
    INVALID_INDEX(Severity.ERROR, Check.INDEXES,
            "left invalid, e.g. by a failed `CREATE INDEX CONCURRENTLY`"),
    /** A foreign key on the same columns to the same target as another: every write checks the rows twice. */
    FK_DUPLICATE(Severity.WARNING, Check.INDEXES,
            "a foreign key on the same columns to the same target as an older one: every write checks the"
            + " same rows twice; the fix drops the newer"),
    /** {@code ON DELETE SET NULL} (or {@code ON UPDATE}) on a NOT NULL column: every such delete fails. */
    FK_SET_NULL_ON_NOT_NULL(Severity.ERROR, Check.INDEXES,
            "`ON DELETE SET NULL` (or `ON UPDATE`, or `SET NULL (col)`) on a column declared `NOT NULL`:"
            + " every such delete of a referenced row fails"),
    /** A foreign key still NOT VALID when the whole history has run: the rows it found were never checked. */
    FK_NOT_VALIDATED(Severity.WARNING, Check.INDEXES,
            "a foreign key still `NOT VALID` once the whole history has run, reported at the revision that"
            + " added it: adding it `NOT VALID` and validating it in a later migration is the safe way, so only"
            + " one never validated is a finding; the fix is that later migration"),
    /** A column named like another table's key, of its type, with no foreign key: is it meant to be one? */
    MISSING_FOREIGN_KEY(Severity.INFO, Check.INDEXES,
            "a column named `<table>_id`/`<table>id` (or the singular), of the type of that table's key,"
            + " without a foreign key"),
    /** The revision drops a table that existed before it, with whatever rows it held. */
    DROPS_TABLE(Severity.WARNING, Check.DATA_LOSS,
            "a table that existed before the revision is dropped, with its data (the seeded count is given:"
            + " `(here: 10 seeded values)`)"),
    /** The revision drops a column that existed before it. */
    DROPS_COLUMN(Severity.WARNING, Check.DATA_LOSS,
            "a column that existed before the revision is dropped, with its data (the seeded count is given:"
            + " `(here: 10 seeded values)`)"),
    /** The revision drops a schema that existed before it. */
    DROPS_SCHEMA(Severity.WARNING, Check.DATA_LOSS,
            "a schema that existed before the revision is dropped, with everything in it"),
    /** A column's type becomes narrower (shorter, less precise, smaller): values can be cut or rejected. */
    NARROWS_COLUMN(Severity.WARNING, Check.DATA_LOSS,
            "`varchar(50)` to `varchar(20)`, `numeric(10,2)` to `numeric(8,2)`, `bigint` to `integer`,"
            + " `text` to `varchar(n)`, `timestamptz` to `date`, `numeric` to an integer type"),
    /** An enum type loses values (by being re-created): rows holding them cannot survive. */
    DROPS_ENUM_VALUE(Severity.WARNING, Check.DATA_LOSS,
            "an enum type re-created without some of its values"),
    /** TRUNCATE, or DELETE without WHERE, on a table that existed before. */
    DELETES_ALL_ROWS(Severity.WARNING, Check.DATA_LOSS,
            "`TRUNCATE`, or `DELETE` without `WHERE`, on a table that existed before"),
    /** UPDATE without WHERE on a table that existed before: every row is rewritten. */
    UPDATES_ALL_ROWS(Severity.INFO, Check.DATA_LOSS,
            "`UPDATE` without `WHERE`: every row rewritten"),
    /** The up deleted rows that existed before it (measured with seeded rows). */
    ROWS_LOST(Severity.WARNING, Check.DATA_LOSS, Basis.SEEDED_ROWS,
            "the up deleted rows that existed before it (or dropped and re-created their table):"
            + " `V2__split_name.sql line 8 deleted 3 of the 10 rows of public.memberships; U2__split_name.sql"
            + " does not bring them back`; withdrawn when the undo restores them exactly (they were moved, not"
            + " lost)"),
    /** The up turned values of a column that survives it into NULL (measured with seeded rows). */
    VALUES_LOST(Severity.WARNING, Check.DATA_LOSS, Basis.SEEDED_ROWS,
            "the up turned values of a surviving column into NULL: `lost 5 of the 10 values of"
            + " public.users.bio`, likewise"),
    /** After the undo, the data the schema held before the revision is not all back: rows, values or their
     * contents differ from before the up (measured with seeded rows). */
    DATA_NOT_RESTORED(Severity.ERROR, Check.DATA_LOSS, Basis.SEEDED_ROWS,
            "data the up kept and the undo lost: rows or values that were there after the up and are gone"
            + " after the undo, or a column the undo re-creates without the values the up moved elsewhere"
            + " (`after U2__split_name.sql, public.users.name holds 0 of the 10 values it held before V2`); a"
            + " warning when the undo deletes every row of a table its up inserted into, which is right only if"
            + " the table holds nothing else in production"),
    /** After the undo, values (or rows) differ from before the revision because the revision's own data change
     * or a trigger rewrote them, and the undo does not restore them: reported once per table (measured with seeded
     * rows). */
    DATA_REWRITTEN(Severity.WARNING, Check.DATA_LOSS, Basis.SEEDED_ROWS,
            "after the undo, values or rows differ because the revision's own data change (`V2 line 3"
            + " rewrote them`), the undo's, or a trigger (`trigger trg_touch rewrote them`) wrote them, and the"
            + " undo leaves them so: once per table, not once per column; where rows left behind break applying"
            + " the revision again, `REUP_FAILED` says so"),
    /** The undo drops data that only the revision's schema could hold: the expected cost of rolling back. */
    ROLLBACK_DISCARDS_DATA(Severity.INFO, Check.DATA_LOSS, Basis.SEEDED_ROWS,
            "the undo drops rows or values that only the revision's own tables and columns held: the"
            + " expected cost of rolling back"),
    /** The up passes on empty tables but fails once tables hold rows, as they do in production. */
    UP_FAILS_WITH_ROWS(Severity.ERROR, Check.DATA_LOSS, Basis.SEEDED_ROWS,
            "the up passes on empty tables but fails with any rows: a `NOT NULL` column it adds without"
            + " default (`every existing row holds NULL`), a unique key on a column it adds or on values it"
            + " just wrote; Flyback rebuilds without rows and goes on"),
    /** The up passes on empty tables but fails on Flyback's synthetic rows in a way that depends on their values
     * (a foreign key they do not meet, a value out of a range), which real data may not do. */
    UP_FAILS_WITH_SEEDED_ROWS(Severity.WARNING, Check.DATA_LOSS, Basis.SEEDED_ROWS,
            "the up passes on empty tables but fails on Flyback's values, which real data may not hold (a"
            + " `DELETE` of rows Flyback's children reference, a value out of a range, a one-row table);"
            + " PostgreSQL's detail (`Key (id)=(72) is still referenced from table \"orders\"`) and the fixture"
            + " to give. A foreign key the revision adds is first retried on rows seeded to meet it, and"
            + " reported only if it still fails"),
    /** Flyback could not fill a table with synthetic rows: data loss there is not proven with rows. */
    NOT_SEEDED(Severity.INFO, Check.DATA_LOSS, Basis.SEEDED_ROWS,
            "a table Flyback could not fill (a `CHECK` its values cannot meet, a type it cannot invent),"
            + " reported once with PostgreSQL's reason; give a fixture"),
    /** DROP ... CASCADE: dependent objects go too, silently. */
    DROPS_WITH_CASCADE(Severity.WARNING, Check.DATA_LOSS,
            "`DROP ... CASCADE` takes dependent objects silently"),
    /** A statement took ACCESS EXCLUSIVE on an existing table: reads and writes wait until the migration commits
     * (warning when the table held rows, information otherwise). */
    ACCESS_EXCLUSIVE_LOCK(Severity.WARNING, Check.ONLINE,
            "reads and writes of the table wait until the migration commits: a warning when, while the lock"
            + " is held, the step rewrites a table that held rows (seen by its new data file), scans one"
            + " (`CREATE INDEX`, `SET NOT NULL`, a constraint validated against every row) or changes rows (a"
            + " backfill); info when the lock covers catalog changes only, or the table is empty (only with"
            + " `--seed-rows 0` or a table Flyback could not fill). The fix names the safer way (`NOT VALID` +"
            + " `VALIDATE CONSTRAINT`, `DROP INDEX CONCURRENTLY`, a `CHECK ... NOT VALID` before `SET NOT"
            + " NULL`, expand and contract for type changes)"),
    /** A statement took a SHARE-class lock on an existing table (CREATE INDEX without CONCURRENTLY, a validating
     * foreign key): writes wait until the migration commits. */
    WRITE_BLOCKING_LOCK(Severity.WARNING, Check.ONLINE,
            "`SHARE`-class locks, e.g. `CREATE INDEX` without `CONCURRENTLY`: writes wait until the"
            + " migration commits; warning or info as for `ACCESS_EXCLUSIVE_LOCK`"),
    /** A column added to an existing table with a volatile default, an identity or a stored generated expression:
     * PostgreSQL rewrites the whole table under ACCESS EXCLUSIVE (warning when the table held rows). */
    REWRITES_TABLE(Severity.WARNING, Check.ONLINE,
            "a column added to an existing table with a volatile default (`gen_random_uuid()`,"
            + " `clock_timestamp()`; volatility read from `pg_proc`), an identity, or a stored generated"
            + " expression: the whole table is rewritten under ACCESS EXCLUSIVE (info on an empty table)."
            + " `now()` and constants are free and not reported"),
    /** CREATE INDEX CONCURRENTLY (or another CONCURRENTLY statement) in a migration that runs in a transaction:
     * PostgreSQL refuses it, so the step fails. */
    CONCURRENTLY_IN_TRANSACTION(Severity.ERROR, Check.ONLINE,
            "a `CONCURRENTLY` statement in a migration that runs in a transaction (mixed with other"
            + " statements, `executeInTransaction=true`): PostgreSQL refuses it, so the step fails; reported"
            + " whatever checks are enabled. Give it a migration of its own"),
    /** A migration the reference history does not have sorts below its latest version: Flyway refuses it there
     * unless outOfOrder is set, and then applies it after newer ones. */
    OUT_OF_ORDER(Severity.ERROR, Check.HISTORY,
            "a migration the reference does not have sorts below its latest version (two branches added"
            + " migrations in parallel): Flyway refuses it there unless `outOfOrder=true`; fix: renumber it"),
    /** A released migration's script was edited after release: Flyway's validate fails on the checksum. */
    CHECKSUM_CHANGED(Severity.ERROR, Check.HISTORY,
            "a released migration was edited: Flyway's validate fails on the checksum; fix: revert and make"
            + " the change in a new migration"),
    /** A migration of the reference history has no script here any more: Flyway's validate fails on it. */
    RELEASED_MIGRATION_MISSING(Severity.ERROR, Check.HISTORY,
            "a released migration's script is gone"),
    /** A script takes ACCESS EXCLUSIVE on an existing table with no lock_timeout: queued behind a long query, it
     * blocks every other query on the table. */
    NO_LOCK_TIMEOUT(Severity.INFO, Check.ONLINE,
            "a statement takes ACCESS EXCLUSIVE briefly (catalog changes only) with `lock_timeout` unset:"
            + " queued behind a long query it blocks everything; fix: `SET lock_timeout = '5s';` first. One"
            + " lock finding per statement: when the lock is also held through long work, the"
            + " `ACCESS_EXCLUSIVE_LOCK` warning says \"with no lock_timeout\" instead");

    /** What a rule's findings rest on. */
    public enum Basis {
        /** The schema, the scripts and what PostgreSQL did with them: a finding is true of any database. */
        SCHEMA,
        /**
         * Flyback's synthetic rows (measured with seeded rows, {@code --seed-rows}): it says so, and what depends on
         * the values Flyback made up is a warning at most.
         */
        SEEDED_ROWS
    }

    private final Severity defaultSeverity;
    private final Check check;
    private final Basis basis;
    private final String description;

    FindingType(Severity defaultSeverity, Check check, String description) {
        this(defaultSeverity, check, Basis.SCHEMA, description);
    }

    FindingType(Severity defaultSeverity, Check check, Basis basis, String description) {
        this.defaultSeverity = defaultSeverity;
        this.check = check;
        this.basis = basis;
        this.description = description;
    }

    /**
     * What the rule catches, for a reader (Markdown: code in backticks): the README's rule tables, SARIF's rule
     * descriptions, {@code flyback rules} and JUnit XML are written from it (issue 16: one registry of rules).
     */
    public String description() {
        return description;
    }

    /** What its findings rest on: the schema alone, or Flyback's seeded rows. */
    public Basis basis() {
        return basis;
    }

    /**
     * The rule id as users see it in the rule tables: {@code LEFTOVER_<KIND>} for the kinds whose findings add the
     * object's kind ({@code LEFTOVER_INDEX}), else the name.
     */
    public String displayId() {
        return perKind() ? name() + "_<KIND>" : name();
    }

    /** Whether its findings carry a rule id that adds the object's kind ({@code LEFTOVER_INDEX}). */
    public boolean perKind() {
        return this == LEFTOVER || this == MISSING || this == CHANGED;
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
