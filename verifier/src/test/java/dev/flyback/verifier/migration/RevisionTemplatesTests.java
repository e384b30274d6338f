package dev.flyback.verifier.migration;

import static org.assertj.core.api.BDDAssertions.then;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flyback.verifier.TestDatabases;
import dev.flyback.verifier.database.DisposableDatabase;

/**
 * Template databases at a revision (issue 18): a database copied from one is the history at that revision, the same
 * copy each time, never made from a template of other scripts, and never replacing a database that holds the test's
 * own objects; the templates go when they are closed.
 */
class RevisionTemplatesTests {
    private static final FlywaySettings CLEAN = FlywaySettings.of("filesystem:src/test/resources/scenarios/clean");

    @Test
    void should_make_a_database_at_a_revision_a_copy_of_the_same_template_each_time() throws Exception {
        try (DisposableDatabase server = TestDatabases.fresh();
             RevisionTemplates templates = new RevisionTemplates(server);
             DisposableDatabase first = server.createSibling(java.util.Optional.empty());
             DisposableDatabase second = server.createSibling(java.util.Optional.empty())) {
            List<Revision> revisions = MigrationHistory.open(CLEAN, first.dataSource(), loader()).revisions();

            then(RevisionTemplates.replaceable(first)).isTrue();
            templates.copyInto(first, CLEAN, loader(), revisions, 1);
            then(RevisionTemplates.replaceable(second)).isTrue();
            templates.copyInto(second, CLEAN, loader(), revisions, 1);

            then(MigrationHistory.open(CLEAN, second.dataSource(), loader()).applied()).containsExactly("1", "2");
            // A copy keeps the template's object numbers; two migrations would have given two.
            then(oid(second, "users")).isEqualTo(oid(first, "users"));
            then(templates.databases()).hasSize(1);

            // A later revision is made from the nearest template below it, and kept too.
            try (DisposableDatabase third = server.createSibling(java.util.Optional.empty())) {
                templates.copyInto(third, CLEAN, loader(), revisions, 2);
                then(MigrationHistory.open(CLEAN, third.dataSource(), loader()).current()).contains("3");
                then(oid(third, "users")).isEqualTo(oid(first, "users"));
            }
            then(templates.databases()).hasSize(2);
        }
    }

    @Test
    void should_not_replace_a_database_that_holds_the_tests_own_objects() throws SQLException {
        try (DisposableDatabase database = TestDatabases.fresh()) {
            try (java.sql.Connection connection = database.dataSource().getConnection()) {
                connection.createStatement().execute("CREATE TABLE mine (id int)");
            }

            then(RevisionTemplates.replaceable(database)).isFalse();
        }
    }

    @Test
    void should_not_serve_a_template_of_other_scripts_and_drop_its_templates_when_closed(@TempDir Path folder)
            throws Exception {
        Path one = Files.createDirectories(folder.resolve("one"));
        Path other = Files.createDirectories(folder.resolve("other"));
        Files.writeString(one.resolve("V1__t.sql"), "CREATE TABLE t (a int);");
        Files.writeString(other.resolve("V1__t.sql"), "CREATE TABLE t (b int);");
        FlywaySettings first = FlywaySettings.of("filesystem:" + one);
        FlywaySettings changed = FlywaySettings.of("filesystem:" + other);
        try (DisposableDatabase server = TestDatabases.fresh()) {
            List<String> kept;
            try (RevisionTemplates templates = new RevisionTemplates(server);
                 DisposableDatabase a = server.createSibling(java.util.Optional.empty());
                 DisposableDatabase b = server.createSibling(java.util.Optional.empty())) {
                templates.copyInto(a, first, loader(), MigrationHistory.open(first, a.dataSource(), loader())
                        .revisions(), 0);
                templates.copyInto(b, changed, loader(), MigrationHistory.open(changed, b.dataSource(), loader())
                        .revisions(), 0);

                then(TestDatabases.strings(b, "SELECT attname FROM pg_attribute WHERE attrelid = 't'::regclass "
                        + "AND attnum > 0")).containsExactly("b");
                kept = templates.databases();
                then(kept).hasSize(2);
            }
            then(TestDatabases.strings(server, "SELECT datname FROM pg_database")).doesNotContainAnyElementsOf(kept);
        }
    }

    private static String oid(DisposableDatabase database, String table) throws SQLException {
        return TestDatabases.strings(database, "SELECT '" + table + "'::regclass::oid").get(0);
    }

    private ClassLoader loader() {
        return getClass().getClassLoader();
    }
}
