package dev.flyback.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import dev.flyback.verifier.model.TargetModel;

/**
 * {@code model matches migrations} (issue 17, item 4): the migrations at their head against the schema the team
 * wants, failing with what differs and the statements that would close the gap.
 */
@MigrationTest(locations = "classpath:fixtures/clean")
class ModelMatchesTests {
    private static final TargetModel SAME = TargetModel.schemaFile(Path.of("src/test/resources/models/users.sql"));
    private static final TargetModel AHEAD = TargetModel.schemaFile(
            Path.of("src/test/resources/models/users-with-nickname.sql"));

    @Test
    void should_pass_when_the_migrations_give_the_model(MigrationHarness migrations) throws Throwable {
        DynamicTest test = migrations.modelMatches(SAME);

        assertThat(test.getDisplayName()).isEqualTo("model matches migrations");
        assertThatCode(() -> test.getExecutable().execute()).doesNotThrowAnyException();
    }

    @Test
    void should_fail_with_the_differences_and_the_statements_that_close_the_gap(MigrationHarness migrations) {
        assertThatThrownBy(() -> migrations.modelMatches(AHEAD).getExecutable().execute())
                .isInstanceOf(AssertionFailedError.class)
                .hasMessage("The migrations at V2 do not give src/test/resources/models/users-with-nickname.sql: 1 "
                        + "difference(s)\n"
                        + "  + column users.nickname\n"
                        + "\n"
                        + "The revision that would close the gap (flyback new \"MESSAGE\" --autogenerate "
                        + "--target-schema src/test/resources/models/users-with-nickname.sql writes it with its undo, "
                        + "and proves both):\n"
                        + "  ALTER TABLE public.users ADD COLUMN nickname character varying(40);");
    }

    @Test
    void should_leave_the_test_database_where_it_was(MigrationHarness migrations) {
        migrations.migrateTo("1");

        migrations.assertModelMatches(SAME);

        assertThat(migrations.currentVersion()).contains("1");
    }
}
