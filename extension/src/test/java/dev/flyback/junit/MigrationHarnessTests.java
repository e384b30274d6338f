package dev.flyback.junit;

import static dev.flyback.junit.assertj.MigrationAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import dev.flyback.verifier.database.ConnectionInfo;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/** The data-migration helpers and the assertions, used the way a team uses them. */
@MigrationTest(locations = "classpath:fixtures/clean")
class MigrationHarnessTests {

    @Test
    void should_give_each_test_its_own_empty_database(SchemaSnapshot snapshot, ConnectionInfo connection) {
        assertThat(snapshot.objects()).extracting(o -> o.name()).containsExactly("public");
        assertThat(connection.database()).startsWith("flyback_");
    }

    @Test
    void should_carry_seeded_rows_through_a_data_migration(MigrationHarness migrations, DataSource db) {
        // GIVEN rows at revision 1
        migrations.migrateTo("1");
        Sql.insert(db, "users", Sql.row("email", "a@x.org"));
        Sql.insert(db, "users", Sql.row("email", "b@x.org"));

        // WHEN
        migrations.migrateUpOne();

        // THEN
        assertThat(migrations.currentVersion()).contains("2");
        assertThat(Sql.queryColumn(db, "SELECT role FROM users")).containsOnly("member");
        assertThat(migrations.snapshot()).table("users").column("role").hasType("varchar(50)").isNotNullable()
                .returnToTable().index("ix_users_role").isOn("role");
    }

    @Test
    void should_move_down_one_and_to_base_running_undo_scripts(MigrationHarness migrations) {
        migrations.migrateToHead().migrateDownOne();
        assertThat(migrations.currentVersion()).contains("1");
        assertThat(migrations.snapshot()).table("users").doesNotHaveColumn("role");

        migrations.migrateToBase();
        assertThat(migrations.currentVersion()).isEmpty();
        assertThat(migrations.snapshot()).doesNotHaveTable("users");
    }

    @Test
    void should_seed_from_sql_at_a_revision(MigrationHarness migrations, DataSource db) {
        migrations.seedAt("1", "INSERT INTO users (email) VALUES ('c@x.org')").migrateToHead();
        assertThat(Sql.queryColumn(db, "SELECT email || ':' || role FROM users")).containsExactly("c@x.org:member");
    }

    @Test
    void should_verify_the_whole_history(MigrationHarness migrations) {
        // No errors; the locks V2 takes on users, which holds seeded rows, are warnings.
        assertThat(migrations.verify()).hasNoFindingsAtLeast(Severity.ERROR);
        assertThatThrownBy(() -> assertThat(migrations.verify()).hasNoFindingsAtLeast(Severity.WARNING))
                .hasMessageContaining("warning ACCESS_EXCLUSIVE_LOCK V2__add_role: V2__add_role.sql line 1 takes "
                        + "ACCESS EXCLUSIVE on public.users (it held rows)");
    }

    @Test
    void should_name_the_object_and_show_expected_and_actual_when_an_assertion_fails(MigrationHarness migrations) {
        migrations.migrateToHead();
        SchemaSnapshot snapshot = migrations.snapshot();

        assertThatThrownBy(() -> assertThat(snapshot).table("users").column("role").hasType("text"))
                .hasMessage(String.format("Expecting column \"public\".\"users\".\"role\" to have type%n  text%n"
                        + "but was%n  character varying(50)"));
        assertThatThrownBy(() -> assertThat(snapshot).table("users").column("nickname"))
                .hasMessage("Expecting table \"public\".\"users\" to have column nickname but it has: [email, id, role]");
        assertThatThrownBy(() -> assertThat(snapshot).table("accounts"))
                .hasMessage("Expecting the schema to have table accounts but it has: [\"public\".\"users\"]");
        assertThatThrownBy(() -> assertThat(migrations.verify()).hasFinding(FindingType.UNDO_MISSING))
                .hasMessageContaining("Expecting a finding of type UNDO_MISSING but the findings were:");
    }
}
