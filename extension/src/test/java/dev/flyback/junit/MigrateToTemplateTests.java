package dev.flyback.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code migrateTo} from an empty database copies the server's template at that revision (issue 18): each test
 * still gets a database of its own at the revision, with Flyway's history, and a test that put its own objects in
 * first is migrated as before.
 */
@MigrationTest(locations = "classpath:fixtures/clean")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MigrateToTemplateTests {
    /** The number PostgreSQL gave the users table in each test's database, in test order. */
    private static final List<Object> USERS_TABLE = new ArrayList<>();

    @Test
    @Order(1)
    void should_reach_a_revision_with_its_history(MigrationHarness migrations, DataSource db) {
        migrations.migrateTo("2");

        assertThat(migrations.currentVersion()).contains("2");
        assertThat(Sql.queryColumn(db, "SELECT column_name FROM information_schema.columns WHERE table_name = "
                + "'users' ORDER BY ordinal_position")).containsExactly("id", "email", "role");
        USERS_TABLE.add(Sql.queryColumn(db, "SELECT 'users'::regclass::oid::text").get(0));
    }

    @Test
    @Order(2)
    void should_copy_the_template_for_a_later_test_at_the_same_revision(MigrationHarness migrations, DataSource db) {
        migrations.migrateTo("2");
        Sql.insert(db, "users", Sql.row("email", "a@x.org", "role", "admin"));

        assertThat(migrations.currentVersion()).contains("2");
        assertThat(Sql.queryColumn(db, "SELECT role FROM users")).containsExactly("admin");
        // A copy keeps the template's object numbers; migrating again would have given the table a new one.
        Object users = Sql.queryColumn(db, "SELECT 'users'::regclass::oid::text").get(0);
        assertThat(USERS_TABLE).containsExactly(users);
    }

    @Test
    @Order(3)
    void should_migrate_a_database_while_the_test_holds_a_connection_to_it(MigrationHarness migrations,
                                                                          DataSource db) throws Exception {
        try (java.sql.Connection held = db.getConnection()) {
            migrations.migrateTo("2");

            try (java.sql.ResultSet row = held.createStatement().executeQuery("SELECT count(*) FROM users")) {
                assertThat(row.next()).isTrue();
                assertThat(row.getLong(1)).isZero();
            }
        }
        assertThat(Sql.queryColumn(db, "SELECT 'users'::regclass::oid::text")).doesNotContainAnyElementsOf(USERS_TABLE);
    }

    @Test
    @Order(4)
    void should_migrate_a_database_the_test_already_put_objects_in(MigrationHarness migrations, DataSource db) {
        Sql.execute(db, "CREATE SCHEMA mine; CREATE TABLE mine.notes (id int)");

        migrations.migrateTo("2");

        assertThat(Sql.queryColumn(db, "SELECT count(*)::text FROM mine.notes")).containsExactly("0");
        assertThat(migrations.currentVersion()).contains("2");
        assertThat(Sql.queryColumn(db, "SELECT 'users'::regclass::oid::text")).doesNotContainAnyElementsOf(USERS_TABLE);
    }
}
