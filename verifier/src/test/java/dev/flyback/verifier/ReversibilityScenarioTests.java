package dev.flyback.verifier;

import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.BDDAssertions.then;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.flyback.verifier.StepOutcome.Status;
import dev.flyback.verifier.StepOutcome.Step;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.finding.Severity;

/** The golden scenarios: each folder's undo forgets one thing, and exactly that is found. */
class ReversibilityScenarioTests {

    @Test
    void should_find_nothing_when_every_kind_of_object_is_reversed_correctly() {
        // WHEN
        VerificationResult result = Scenarios.verify("clean");

        // THEN
        then(result.findings()).isEmpty();
        then(result.revisions()).extracting(r -> r.revision().displayName())
                .containsExactly("V1__create_users", "V2__everything", "V3__add_tags");
        then(result.revisions()).allSatisfy(r -> then(r.steps()).extracting(StepOutcome::status)
                .containsExactly(Status.SUCCEEDED, Status.SUCCEEDED, Status.SUCCEEDED));
        then(result.currentVersion()).contains("3");
    }

    @Test
    void should_report_leftover_index_when_undo_omits_drop_index() {
        VerificationResult result = Scenarios.verify("leftover_index");

        // The leftover also makes the re-up fail: CREATE INDEX finds the index already there.
        then(result.findings()).extracting(Finding::rule, Finding::version, Finding::object).containsExactly(
                tuple("LEFTOVER_INDEX", "2", Optional.of("\"public\".\"users\".\"ix_users_name\"")),
                tuple("REUP_FAILED", "2", Optional.of("index ix_users_name")));
        Finding finding = result.findings().get(0);
        then(finding.actual()).contains("CREATE INDEX ix_users_name ON public.users USING btree (name)");
        then(finding.fix()).contains("add to U2__index_email.sql\nDROP INDEX IF EXISTS public.ix_users_name;");
        then(finding.severity()).isEqualTo(Severity.ERROR);
    }

    @Test
    void should_report_leftover_enum_with_its_values() {
        VerificationResult result = Scenarios.verify("leftover_enum");

        then(result.findings()).extracting(Finding::rule, Finding::object)
                .containsExactly(tuple("LEFTOVER_ENUM", Optional.of("\"public\".\"user_status\"")),
                        tuple("REUP_FAILED", Optional.of("type user_status")));
        // The type as one would create it, not its privileges.
        then(result.findings().get(0).actual()).contains("CREATE TYPE public.user_status AS ENUM ('active', "
                + "'blocked');");
        then(result.findings().get(0).fix()).hasValueSatisfying(fix ->
                then(fix).endsWith("DROP TYPE IF EXISTS public.user_status;"));
    }

    @Test
    void should_report_a_leftover_table_once_not_each_of_its_columns_indexes_and_keys() {
        VerificationResult result = Scenarios.verify("leftover_table");

        then(result.findings()).extracting(Finding::rule, Finding::object)
                .containsExactly(tuple("LEFTOVER_TABLE", Optional.of("\"public\".\"orders\"")),
                        tuple("REUP_FAILED", Optional.of("table orders")));
        then(result.findings().get(0).fix()).hasValueSatisfying(fix ->
                then(fix).endsWith("DROP TABLE IF EXISTS public.orders;"));
    }

    @Test
    void should_report_leftover_function_when_undo_drops_only_the_trigger() {
        VerificationResult result = Scenarios.verify("leftover_trigger");

        then(result.findings()).extracting(Finding::rule, Finding::object)
                .containsExactly(tuple("LEFTOVER_FUNCTION", Optional.of("\"public\".\"lower_email\"()")),
                        tuple("REUP_FAILED", Optional.of("function lower_email")));
        then(result.findings().get(0).fix()).hasValueSatisfying(fix ->
                then(fix).endsWith("DROP FUNCTION IF EXISTS public.lower_email();"));
    }

    @Test
    void should_report_missing_table_when_undo_drops_an_older_table() {
        VerificationResult result = Scenarios.verify("missing_table");

        then(result.findings()).extracting(Finding::rule, Finding::version, Finding::object)
                .containsExactly(tuple("MISSING_TABLE", "2", Optional.of("\"public\".\"users\"")));
        // The re-up still works, so the history carries on; V1's own undo was fine.
        then(result.revisions()).hasSize(2);
    }

    @Test
    void should_report_changed_column_with_before_and_after_and_the_statement_that_restores_it() {
        VerificationResult result = Scenarios.verify("changed_column");

        then(result.findings()).extracting(Finding::rule, Finding::object)
                .containsExactly(tuple("CHANGED_COLUMN", Optional.of("\"public\".\"users\".\"name\"")));
        Finding finding = result.findings().get(0);
        then(finding.expected()).contains("type=character varying(50)");
        then(finding.actual()).contains("type=character varying(100)");
        then(finding.fix()).contains(
                "add to U2__widen_name.sql\nALTER TABLE public.users ALTER COLUMN name TYPE character varying(50);");
    }

    @Test
    void should_report_privileges_the_undo_did_not_revoke() {
        VerificationResult result = Scenarios.verify("changed_privileges");

        then(result.findings()).extracting(Finding::rule, Finding::object)
                .containsExactly(tuple("CHANGED_TABLE", Optional.of("\"public\".\"users\"")));
        then(result.findings().get(0).actual().orElseThrow()).contains("=r/");
        then(result.findings().get(0).expected().orElseThrow()).doesNotContain("=r/");
    }

    @Test
    void should_report_leftover_policy_after_row_level_security_was_disabled() {
        VerificationResult result = Scenarios.verify("leftover_policy");

        then(result.findings()).extracting(Finding::rule, Finding::object)
                .containsExactly(tuple("LEFTOVER_POLICY", Optional.of("\"public\".\"users\".\"own_row\"")),
                        tuple("REUP_FAILED", Optional.of("policy own_row")));
        then(result.findings().get(0).fix()).hasValueSatisfying(fix ->
                then(fix).endsWith("DROP POLICY IF EXISTS own_row ON public.users;"));
    }

    @Test
    void should_report_undo_missing_and_skip_its_down_and_reup() {
        VerificationResult result = Scenarios.verify("undo_missing");

        then(result.findings()).extracting(Finding::rule, Finding::version)
                .containsExactly(tuple("UNDO_MISSING", "2"));
        then(result.findings().get(0).fix()).hasValueSatisfying(fix -> then(fix)
                .startsWith("write U2__add_phone.sql next to V2__add_phone.sql").contains("flyback undo 2 writes it"));
        RevisionResult second = result.revisions().get(1);
        then(second.step(Step.DOWN).orElseThrow().status()).isEqualTo(Status.SKIPPED);
    }

    @Test
    void should_report_undo_failure_with_line_and_statement_and_go_on_with_later_revisions() {
        VerificationResult result = Scenarios.verify("undo_failed");

        then(result.findings()).extracting(Finding::rule, Finding::version, Finding::file, Finding::line)
                .containsExactly(tuple("UNDO_FAILED", "2", Optional.of("U2__add_phone.sql"), Optional.of(2)));
        Finding finding = result.findings().get(0);
        then(finding.summary()).contains("column \"phon\" of relation \"users\" does not exist");
        then(finding.actual()).hasValueSatisfying(statement -> then(statement).contains("DROP COLUMN phon"));
        then(result.revisions()).hasSize(3);
        then(result.revisions().get(2).findings()).isEmpty();
        then(result.currentVersion()).contains("3");
    }

    @Test
    void should_stop_at_a_revision_whose_up_fails_naming_line_and_statement() {
        VerificationResult result = Scenarios.verify("up_failed");

        then(result.findings()).extracting(Finding::rule, Finding::version, Finding::file, Finding::line)
                .containsExactly(tuple("UP_FAILED", "2", Optional.of("V2__broken.sql"), Optional.of(3)));
        then(result.findings().get(0).actual()).contains("CREATE TABEL broken (id int)");
        then(result.revisions()).hasSize(2);
        then(result.currentVersion()).contains("1");
    }

    @Test
    void should_report_reup_failure_after_a_leftover_and_still_check_later_revisions() {
        VerificationResult result = Scenarios.verify("reup_failed");

        then(result.findings()).extracting(Finding::rule, Finding::version)
                .containsExactly(tuple("LEFTOVER_INDEX", "2"), tuple("REUP_FAILED", "2"));
        then(result.findings().get(1).summary()).contains("relation \"ix_users_name\" already exists");
        then(result.revisions()).hasSize(3);
        then(result.revisions().get(2).findings()).isEmpty();
        then(result.currentVersion()).contains("3");
    }

    @Test
    void should_report_an_undo_that_drops_flyways_history_and_go_on_with_the_next_revision() {
        VerificationResult result = Scenarios.verify("history_dropped", java.util.Map.of("flyway.schemas", "app"));

        then(result.findings()).extracting(Finding::rule, Finding::version).containsExactly(
                tuple("MISSING_SCHEMA", "1"), tuple("UNDO_DROPS_HISTORY", "1"));
        then(result.findings().get(1).summary()).isEqualTo("U1__app.sql drops Flyway's history table "
                + "app.flyway_schema_history: after this rollback Flyway no longer knows which revisions are applied, "
                + "and its next migrate starts from the first");
        then(result.revisions().get(0).step(StepOutcome.Step.REUP)).hasValueSatisfying(step -> then(step.status())
                .isEqualTo(StepOutcome.Status.SKIPPED));
        then(result.revisions().get(1).findings()).isEmpty();
        then(result.currentVersion()).contains("2");
    }

    @Test
    void should_grade_a_function_re_created_with_other_spacing_as_information_but_not_another_string() {
        VerificationResult result = Scenarios.verify("function_layout");

        then(result.findings()).extracting(Finding::version, Finding::severity).containsExactly(
                tuple("2", Severity.INFO), tuple("3", Severity.ERROR));
        then(result.findings().get(0).summary()).isEqualTo("function \"public\".\"answer\"() differs after "
                + "U2__drop_answer.sql only in the layout of its source (spaces and line breaks)");
    }

    /** A typo in an undo's version is one story told by both its findings, with the rename that fixes both. */
    @Test
    void should_connect_an_undo_with_a_mistyped_version_to_the_migration_it_was_meant_for(@TempDir Path work)
            throws java.io.IOException {
        VerificationResult result = Scenarios.verify("undo_typo");

        then(result.findings()).extracting(Finding::rule, Finding::version, Finding::summary, Finding::fix)
                .containsExactly(
                        tuple("UNDO_WITHOUT_MIGRATION", "15", "U15__add_phone.sql undoes version 15, but there is no "
                                + "versioned migration V15__*; it looks meant for V5__add_phone.sql, which has no undo",
                                Optional.of("rename it to U5__add_phone.sql")),
                        tuple("UNDO_MISSING", "5", "V5__add_phone.sql has no undo script, so it cannot be rolled "
                                + "back; U15__add_phone.sql looks like it, under another version",
                                Optional.of("rename U15__add_phone.sql to U5__add_phone.sql")));

        for (Path file : java.nio.file.Files.list(Scenarios.folder("undo_typo")).toList()) {
            java.nio.file.Files.copy(file, work.resolve(file.getFileName().toString().replace("U15", "U5")));
        }
        then(Scenarios.verify(dev.flyback.verifier.migration.FlywaySettings.of("filesystem:" + work)).findings())
                .isEmpty();
    }

    @Test
    void should_take_one_keystroke_for_a_typo_and_not_more() {
        then(OrphanUndos.oneKeystroke("15", "5")).isTrue();
        then(OrphanUndos.oneKeystroke("21", "12")).isTrue();
        then(OrphanUndos.oneKeystroke("6", "5")).isTrue();
        then(OrphanUndos.oneKeystroke("123", "321")).isFalse();
        then(OrphanUndos.oneKeystroke("5", "5")).isFalse();
        then(OrphanUndos.oneKeystroke("150", "5")).isFalse();
    }

    @Test
    void should_report_reup_differs_when_a_second_application_gives_another_schema() {
        VerificationResult result = Scenarios.verify("reup_differs");

        // The undo is clean, but the second application creates users_shard_2 where the first created users_shard_1.
        then(result.findings()).extracting(Finding::rule, Finding::object).containsExactly(
                tuple("REUP_DIFFERS", Optional.of("\"public\".\"users_shard_1\"")),
                tuple("REUP_DIFFERS", Optional.of("\"public\".\"users_shard_2\"")));
        then(result.findings().get(0).summary())
                .isEqualTo("table \"public\".\"users_shard_1\" existed after the first application but not after the second");
        then(result.findings().get(1).summary())
                .isEqualTo("table \"public\".\"users_shard_2\" exists only after applying it again");
    }

    @Test
    void should_warn_about_an_undo_script_without_migration() {
        VerificationResult result = Scenarios.verify("orphan_undo");

        then(result.findings()).extracting(Finding::rule, Finding::severity, Finding::version)
                .containsExactly(tuple("UNDO_WITHOUT_MIGRATION", Severity.WARNING, "7"));
    }

    @Test
    void should_report_column_order_as_information_only() {
        VerificationResult result = Scenarios.verify("column_order");

        then(result.findings()).extracting(Finding::type, Finding::severity, Finding::object).containsExactly(
                tuple(FindingType.COLUMN_ORDER_CHANGED, Severity.INFO, Optional.of("\"public\".\"t\".\"b\"")),
                tuple(FindingType.COLUMN_ORDER_CHANGED, Severity.INFO, Optional.of("\"public\".\"t\".\"c\"")));
        then(result.passes(Severity.ERROR)).isTrue();
    }

    @Test
    void should_apply_flyway_placeholders_and_schemas_to_up_and_undo_scripts() {
        VerificationResult result = Scenarios.verify("placeholders", Map.of(
                "flyway.placeholders.table_name", "accounts",
                "flyway.placeholders.owner", "finance",
                "flyway.schemas", "billing"));

        then(result.findings()).isEmpty();
        then(result.revisions()).singleElement().satisfies(r -> then(r.changes())
                .anySatisfy(c -> then(c.subject().qualifiedName()).isEqualTo("\"billing\".\"accounts\"")));
    }
}
