package com.example.qaportal;

import static dev.flyback.junit.assertj.MigrationAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import javax.sql.DataSource;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import dev.flyback.junit.MigrationHarness;
import dev.flyback.junit.MigrationTest;
import dev.flyback.junit.Sql;

/**
 * The QA Team Portal's migrations, tested the way the team's migration guide asks: every revision reversible and
 * re-applicable, and one test per pattern of the guide (new table with enum and index, new column, data migration).
 */
@MigrationTest(locations = "classpath:db/migration")
class QaPortalMigrationsTests {

    @TestFactory
    Stream<DynamicNode> every_migration_is_safe(MigrationHarness migrations) {
        return migrations.checks();
    }

    @Nested
    class New_table_with_enum_and_index {
        @Test
        void research_has_a_status_enum_and_an_index_on_it(MigrationHarness migrations) {
            migrations.migrateTo("2");

            assertThat(migrations.snapshot())
                    .hasEnum("research_status", "draft", "in_review", "published", "archived")
                    .table("research")
                    .column("status").hasType("research_status").isNotNullable().hasDefault("'draft'::research_status")
                    .returnToTable().index("ix_research_status").isOn("status")
                    .returnToTable().foreignKey("research_author_id_fkey").isOn("author_id").references("users", "id");
        }

        @Test
        void its_undo_removes_the_table_and_the_enum(MigrationHarness migrations) {
            migrations.migrateTo("2").migrateDownOne();

            assertThat(migrations.snapshot()).doesNotHaveTable("research");
            assertThat(migrations.snapshot().objects()).noneMatch(o -> o.name().equals("research_status"));
        }
    }

    @Nested
    class New_column {
        @Test
        void team_members_get_an_optional_linkedin_url(MigrationHarness migrations, DataSource db) {
            migrations.migrateTo("2");
            Sql.insert(db, "users", Sql.row("email", "ada@qa.example", "full_name", "Ada"));
            Sql.insert(db, "teams", Sql.row("name", "Payments QA"));
            Sql.execute(db, "INSERT INTO team_members (team_id, user_id) SELECT t.id, u.id FROM teams t, users u");

            migrations.migrateUpOne();

            assertThat(migrations.snapshot()).table("team_members").column("linkedin_url")
                    .hasType("varchar(500)").isNullable();
            assertThat(Sql.queryColumn(db, "SELECT count(*) FROM team_members WHERE linkedin_url IS NULL"))
                    .containsExactly(1L);
        }
    }

    @Nested
    class Data_migration {
        @Test
        void existing_users_become_members_and_role_is_required(MigrationHarness migrations, DataSource db) {
            // GIVEN users created before roles existed
            migrations.migrateTo("3");
            Sql.insert(db, "users", Sql.row("email", "ada@qa.example", "full_name", "Ada"));
            Sql.insert(db, "users", Sql.row("email", "bo@qa.example", "full_name", "Bo"));

            // WHEN
            migrations.migrateUpOne();

            // THEN
            assertThat(Sql.queryColumn(db, "SELECT role FROM users")).containsOnly("member");
            assertThat(migrations.snapshot()).table("users").column("role").hasType("varchar(50)").isNotNullable();
        }

        @Test
        void rolling_back_keeps_the_users(MigrationHarness migrations, DataSource db) {
            migrations.seedAt("3", "INSERT INTO users (email, full_name) VALUES ('cy@qa.example', 'Cy')")
                    .migrateUpOne().migrateDownOne();

            assertThat(migrations.currentVersion()).contains("3");
            assertThat(Sql.queryColumn(db, "SELECT email FROM users")).containsExactly("cy@qa.example");
            assertThat(migrations.snapshot()).table("users").doesNotHaveColumn("role");
        }

        @Test
        void new_users_get_member_by_default(MigrationHarness migrations, DataSource db) {
            migrations.migrateToHead();
            Sql.insert(db, "users", Sql.row("email", "di@qa.example", "full_name", "Di"));
            assertThat(Sql.queryColumn(db, "SELECT role FROM users")).containsExactly("member");
        }
    }
}
