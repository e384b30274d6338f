package dev.flyback.verifier.snapshot;

import static org.assertj.core.api.BDDAssertions.then;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.flyback.verifier.TestDatabases;
import dev.flyback.verifier.database.DisposableDatabase;

/**
 * The incremental snapshot must equal a full read after every kind of step, including those whose effect shows on
 * objects the step never named (a renamed table in a view's definition, a renamed sequence in a default) and those
 * that only delete catalog rows (a dropped index, trigger, policy, comment), and it must read little when a step
 * changes little.
 */
class CatalogTrackerTests {
    private static final Set<String> HISTORY = Set.of("flyway_schema_history");

    /** Each step runs on its own connection, as a migration does; the tracker follows on another. */
    private static final List<String> STEPS = List.of(
            "CREATE SCHEMA app; CREATE TABLE app.parent (id int PRIMARY KEY, name text);"
                    + " CREATE TABLE app.child (id serial PRIMARY KEY, parent_id int REFERENCES app.parent (id),"
                    + " note varchar(10) DEFAULT 'x')",
            "CREATE INDEX ix_child_parent ON app.child (parent_id)",
            "CREATE VIEW app.v AS SELECT p.id, p.name FROM app.parent p",
            "ALTER TABLE app.parent RENAME TO mother",
            "ALTER TABLE app.mother RENAME COLUMN name TO title",
            "DROP INDEX app.ix_child_parent",
            "ALTER TABLE app.child DROP CONSTRAINT child_parent_id_fkey",
            "COMMENT ON TABLE app.child IS 'kids'; COMMENT ON COLUMN app.child.note IS 'n'",
            "COMMENT ON TABLE app.child IS NULL; COMMENT ON COLUMN app.child.note IS NULL",
            "CREATE TYPE app.mood AS ENUM ('sad'); ALTER TABLE app.child ADD COLUMN mood app.mood",
            "ALTER TYPE app.mood ADD VALUE 'happy'",
            "ALTER TYPE app.mood RENAME TO feeling",
            "CREATE FUNCTION app.touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;"
                    + " CREATE TRIGGER t BEFORE UPDATE ON app.child FOR EACH ROW EXECUTE FUNCTION app.touch()",
            "ALTER FUNCTION app.touch() RENAME TO touched",
            "COMMENT ON FUNCTION app.touched() IS 'f'; COMMENT ON TRIGGER t ON app.child IS 't'",
            "DROP TRIGGER t ON app.child",
            "DROP FUNCTION app.touched()",
            "GRANT SELECT ON app.child TO PUBLIC",
            "REVOKE SELECT ON app.child FROM PUBLIC",
            "ALTER SEQUENCE app.child_id_seq RENAME TO kid_seq",
            "ALTER SEQUENCE app.kid_seq OWNED BY NONE",
            "ALTER SEQUENCE app.kid_seq INCREMENT BY 2",
            "ALTER TABLE app.child ALTER COLUMN note DROP DEFAULT",
            "ALTER TABLE app.child ALTER COLUMN note TYPE text",
            "CREATE DOMAIN app.pos AS int CONSTRAINT pos_check CHECK (VALUE > 0)",
            "ALTER DOMAIN app.pos DROP CONSTRAINT pos_check",
            "ALTER TABLE app.child ADD CONSTRAINT ck CHECK (id > 0)",
            "ALTER TABLE app.child DROP CONSTRAINT ck",
            "ALTER TABLE app.child ADD CONSTRAINT uq UNIQUE (note)",
            "ALTER TABLE app.child DROP CONSTRAINT uq",
            "CREATE TABLE app.p (id int, k int) PARTITION BY RANGE (k);"
                    + " CREATE TABLE app.p1 PARTITION OF app.p FOR VALUES FROM (0) TO (10)",
            "ALTER TABLE app.p DETACH PARTITION app.p1",
            "CREATE TABLE app.heir () INHERITS (app.mother)",
            "ALTER TABLE app.heir NO INHERIT app.mother",
            "ALTER TABLE app.mother ENABLE ROW LEVEL SECURITY; CREATE POLICY pol ON app.mother USING (true)",
            "DROP POLICY pol ON app.mother",
            "CREATE RULE r AS ON INSERT TO app.v DO INSTEAD NOTHING",
            "DROP RULE r ON app.v",
            "ALTER TABLE app.mother ADD COLUMN n int GENERATED ALWAYS AS IDENTITY",
            "ALTER TABLE app.mother ALTER COLUMN n SET INCREMENT BY 5",
            "CREATE MATERIALIZED VIEW app.mv AS SELECT id FROM app.mother; CREATE INDEX ix_mv ON app.mv (id)",
            "ALTER TABLE app.mother SET (fillfactor = 70)",
            "TRUNCATE app.child",
            "CREATE EXTENSION IF NOT EXISTS hstore SCHEMA app",
            "DROP EXTENSION hstore",
            "CREATE INDEX CONCURRENTLY ix_late ON app.child (note)",
            // only deletes rows, of units the step before did not touch (it touched app.child)
            "DROP INDEX app.ix_mv",
            "DROP VIEW app.v",
            "ALTER SCHEMA app RENAME TO application",
            "COMMENT ON SCHEMA application IS 's'",
            "DROP TABLE application.heir; CREATE TABLE application.heir (id int)",
            "DROP SCHEMA application CASCADE");

    @Test
    void should_equal_a_full_read_after_every_kind_of_step() throws Exception {
        try (DisposableDatabase database = TestDatabases.fresh();
             Connection tracking = database.dataSource().getConnection()) {
            CatalogTracker tracker = CatalogTracker.start(tracking, HISTORY);
            for (String step : STEPS) {
                run(database, step);
                SchemaSnapshot incremental = tracker.refresh(tracking);
                then(incremental.objects()).as("after %s", step)
                        .containsExactlyElementsOf(CatalogReader.read(tracking, HISTORY).objects());
            }
        }
    }

    @Test
    void should_follow_a_role_renamed_in_privileges() throws Exception {
        String role = "flyback_tracker_" + ProcessHandle.current().pid();
        try (DisposableDatabase database = TestDatabases.fresh();
             Connection tracking = database.dataSource().getConnection()) {
            run(database, "CREATE ROLE " + role + "; CREATE TABLE t (id int); GRANT SELECT ON t TO " + role);
            CatalogTracker tracker = CatalogTracker.start(tracking, HISTORY);
            try {
                run(database, "ALTER ROLE " + role + " RENAME TO " + role + "_renamed");
                then(tracker.refresh(tracking).objects())
                        .containsExactlyElementsOf(CatalogReader.read(tracking, HISTORY).objects());
                then(tracker.refresh(tracking).find(ObjectType.TABLE, "\"public\".\"t\"").orElseThrow()
                        .property("acl").orElseThrow()).contains(role + "_renamed=r/");
            } finally {
                run(database, "DROP TABLE t; DROP ROLE " + role + "_renamed");
            }
        }
    }

    @Test
    void should_read_again_only_what_a_step_touched() throws Exception {
        try (DisposableDatabase database = TestDatabases.fresh();
             Connection tracking = database.dataSource().getConnection()) {
            List<String> tables = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                tables.add("CREATE TABLE t" + i + " (id int PRIMARY KEY, v text)");
            }
            run(database, String.join("; ", tables));
            CatalogTracker tracker = CatalogTracker.start(tracking, HISTORY);
            then(tracker.lastTouched()).as("the first read reads everything").isGreaterThanOrEqualTo(30);

            SchemaSnapshot before = tracker.snapshot();
            run(database, "ALTER TABLE t7 ADD COLUMN w int");
            SchemaSnapshot after = tracker.refresh(tracking);

            then(tracker.lastTouched()).as("units read again").isLessThanOrEqualTo(3);
            then(after.find(ObjectType.COLUMN, "\"public\".\"t7\".\"w\"")).isPresent();
            then(after.objects(ObjectType.TABLE)).hasSize(30);
            // What the step left alone is shared with the previous snapshot, so comparing them passes it by identity
            // (t7's unit was read again, and its unchanged objects are kept as they were too).
            then(after.find(ObjectType.TABLE, "\"public\".\"t8\"").orElseThrow())
                    .isSameAs(before.find(ObjectType.TABLE, "\"public\".\"t8\"").orElseThrow());
            then(after.find(ObjectType.COLUMN, "\"public\".\"t7\".\"v\"").orElseThrow())
                    .isSameAs(before.find(ObjectType.COLUMN, "\"public\".\"t7\".\"v\"").orElseThrow());
            then(after.size()).isEqualTo(before.size() + 1);

            tracker.refresh(tracking);
            then(tracker.lastTouched()).as("nothing changed, nothing read").isZero();
        }
    }

    private static void run(DisposableDatabase database, String sql) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
             Statement statement = connection.createStatement()) {
            connection.setAutoCommit(true);
            statement.execute(sql);
        }
    }
}
