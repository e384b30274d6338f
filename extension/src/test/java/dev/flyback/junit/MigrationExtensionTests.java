package dev.flyback.junit;

import static org.assertj.core.api.BDDAssertions.then;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.displayName;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedSuccessfully;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.EventConditions.test;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.opentest4j.AssertionFailedError;

/** The extension run through the JUnit Platform, asserting the exact events and messages a user sees. */
class MigrationExtensionTests {

    @MigrationTest(locations = "classpath:fixtures/clean")
    static class CleanTestCase {
        @TestFactory
        Stream<DynamicNode> safety(MigrationHarness migrations) {
            return migrations.checks();
        }
    }

    @MigrationTest(locations = "classpath:fixtures/leftover_index")
    static class LeftoverIndexTestCase {
        @TestFactory
        Stream<DynamicNode> safety(MigrationHarness migrations) {
            return migrations.checks();
        }
    }

    /** No attributes: the locations come from spring.flyway.locations in the test class path's application.yml. */
    @MigrationTest
    static class SpringLayoutTestCase {
        @TestFactory
        Stream<DynamicNode> safety(MigrationHarness migrations) {
            return migrations.checks();
        }
    }

    @MigrationTest(locations = "classpath:fixtures/clean", database = "docker")
    static class MisconfiguredTestCase {
        @Test
        void uses_the_database(MigrationHarness migrations) {
            migrations.migrateToHead();
        }
    }

    @MigrationTest(locations = "classpath:fixtures/clean", checks = "reversibilty")
    static class MisspelledCheckTestCase {
        @TestFactory
        Stream<DynamicNode> safety(MigrationHarness migrations) {
            return migrations.checks();
        }
    }

    @MigrationTest(locations = "classpath:fixtures/lossy_undo", checks = "data-loss")
    static class LossyUndoTestCase {
        @TestFactory
        Stream<DynamicNode> safety(MigrationHarness migrations) {
            return migrations.checks();
        }
    }

    @MigrationTest(locations = "classpath:fixtures/no_undo", checks = "reversibility")
    static class NoUndoTestCase {
        @TestFactory
        Stream<DynamicNode> safety(MigrationHarness migrations) {
            return migrations.checks();
        }
    }

    @MigrationTest(locations = "classpath:fixtures/warns", checks = "online")
    static class WarningTestCase {
        @TestFactory
        Stream<DynamicNode> safety(MigrationHarness migrations) {
            return migrations.checks();
        }
    }

    /** A team's own meta-annotation. */
    @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
    @MigrationTest(locations = "classpath:fixtures/clean")
    @interface CleanMigrations {
    }

    @CleanMigrations
    static class MetaAnnotatedTestCase {
        @TestFactory
        Stream<DynamicNode> safety(MigrationHarness migrations) {
            return migrations.checks();
        }
    }

    @Test
    void should_pass_one_test_per_revision_and_check_for_a_clean_folder() {
        EngineExecutionResults results = run(CleanTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(11).succeeded(11).failed(0));
        then(displayNames(results)).containsExactly("migration history",
                "V1__create_users: reversible (U1__create_users.sql)", "V1__create_users: re-applies identically",
                "V1__create_users: indexes and foreign keys", "V1__create_users: keeps data",
                "V1__create_users: online-safe locks",
                "V2__add_role: reversible (U2__add_role.sql)", "V2__add_role: re-applies identically",
                "V2__add_role: indexes and foreign keys", "V2__add_role: keeps data", "V2__add_role: online-safe locks");
        then(results.containerEvents().started().stream().map(e -> e.getTestDescriptor().getDisplayName()))
                .contains("V1__create_users", "V2__add_role");
    }

    @Test
    void should_pass_with_a_warning_and_show_the_warning_in_that_tests_report() {
        EngineExecutionResults results = run(WarningTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.failed(0));
        then(results.allEvents().reportingEntryPublished().stream()
                .filter(e -> e.getTestDescriptor().getDisplayName().equals("V2__nickname: online-safe locks"))
                .flatMap(e -> e.getPayload(org.junit.platform.engine.reporting.ReportEntry.class).stream())
                .flatMap(entry -> entry.getKeyValuePairs().entrySet().stream()))
                .singleElement().satisfies(entry -> {
                    then(entry.getKey()).isEqualTo("flyback.warning");
                    then(entry.getValue()).startsWith("warning ACCESS_EXCLUSIVE_LOCK V2__nickname: V2__nickname.sql "
                            + "line 2 takes ACCESS EXCLUSIVE on public.users (it held rows) and holds it while line 3 "
                            + "changes rows (UPDATE)");
                });
    }

    @Test
    void should_name_a_revision_without_undo_plainly_and_fail_it_with_the_undo_to_write() {
        EngineExecutionResults results = run(NoUndoTestCase.class);

        then(displayNames(results)).contains("V1__create_users: reversible (U1__create_users.sql)",
                "V2__add_phone: reversible, but it has no undo");
        results.testEvents().failed().assertThatEvents().haveExactly(1, event(test(),
                displayName("V2__add_phone: reversible, but it has no undo"), finishedWithFailure(
                        instanceOf(AssertionFailedError.class), message(m -> m.startsWith("Migration V2__add_phone is "
                                + "not reversible: 1 finding\n\nerror UNDO_MISSING V2__add_phone: V2__add_phone.sql "
                                + "has no undo script") && m.contains("write U2__add_phone.sql next to "
                                + "V2__add_phone.sql")))));
    }

    @Test
    void should_find_the_migrations_spring_boot_names_with_no_attribute_and_fail_on_the_bad_undo() {
        EngineExecutionResults results = run(SpringLayoutTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(11).failed(2));
        results.testEvents().failed().assertThatEvents().haveExactly(1, event(test(),
                displayName("V2__index_email: reversible (U2__index_email.sql)"), finishedWithFailure(message(m ->
                        m.contains("error LEFTOVER_INDEX V2__index_email: index \"public\".\"users\"."
                                + "\"ix_users_email_lower\" is still there after U2__index_email.sql")))));
    }

    @Test
    void should_fail_exactly_the_revision_whose_undo_leaves_an_index_with_the_rendered_finding() {
        EngineExecutionResults results = run(LeftoverIndexTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(11).succeeded(9).failed(2));
        results.testEvents().failed().assertThatEvents().haveExactly(1, event(test(),
                displayName("V2__index_email: reversible (U2__index_email.sql)"), finishedWithFailure(instanceOf(AssertionFailedError.class),
                        message("""
                                Migration V2__index_email is not reversible: 1 finding after undo U2__index_email.sql

                                error LEFTOVER_INDEX V2__index_email: index "public"."users"."ix_users_email_lower" \
                                is still there after U2__index_email.sql
                                  expected: <absent>
                                  actual  : CREATE INDEX ix_users_email_lower ON public.users USING btree (lower((email)::text))
                                  Fix: add to U2__index_email.sql
                                    DROP INDEX IF EXISTS public.ix_users_email_lower;"""))));
        results.testEvents().failed().assertThatEvents().haveExactly(1, event(test(),
                displayName("V2__index_email: re-applies identically"), finishedWithFailure(message(m -> m.startsWith(
                        "Migration V2__index_email does not re-apply identically: 1 finding\n\n"
                                + "error REUP_FAILED V2__index_email: V2__index_email.sql could not be applied again "
                                + "after U2__index_email.sql at line 1 (index ix_users_email_lower): ERROR: relation "
                                + "\"ix_users_email_lower\" already exists")))));
    }

    @Test
    void should_split_a_class_of_checks_into_shards_that_add_up_to_the_whole() {
        EngineExecutionResults whole = run(LeftoverIndexTestCase.class);
        List<EngineExecutionResults> shards = new java.util.ArrayList<>();
        for (String shard : List.of("1/2", "2/2")) {
            shards.add(EngineTestKit.engine("junit-jupiter").configurationParameter("flyback.shard", shard)
                    .selectors(selectClass(LeftoverIndexTestCase.class)).execute());
        }

        List<String> together = new java.util.ArrayList<>();
        List<String> failedTogether = new java.util.ArrayList<>();
        for (EngineExecutionResults shard : shards) {
            List<String> names = names(shard.testEvents().started());
            then(names).as("each shard runs a part").isNotEmpty().hasSizeLessThan(names(whole.testEvents().started())
                    .size());
            together.addAll(names);
            failedTogether.addAll(names(shard.testEvents().failed()));
        }
        then(together).containsExactlyInAnyOrderElementsOf(names(whole.testEvents().started()));
        then(failedTogether).containsExactlyInAnyOrderElementsOf(names(whole.testEvents().failed()))
                .contains("V2__index_email: reversible (U2__index_email.sql)");

        EngineExecutionResults wrong = EngineTestKit.engine("junit-jupiter").configurationParameter("flyback.shard",
                "2/x").selectors(selectClass(LeftoverIndexTestCase.class)).execute();
        wrong.containerEvents().assertThatEvents().haveExactly(1, event(container(LeftoverIndexTestCase.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class), message(m -> m.contains(
                        "a shard is I/N with 1 <= I <= N (2/4: the second of four parts), was '2/x' "
                                + "(flyback.shard)")))));
    }

    private static List<String> names(org.junit.platform.testkit.engine.Events events) {
        return events.stream().map(e -> e.getTestDescriptor().getDisplayName()).toList();
    }

    @Test
    void should_name_the_setting_and_the_allowed_values_when_the_annotation_is_wrong() {
        EngineExecutionResults results = run(MisconfiguredTestCase.class);

        results.testEvents().assertStatistics(stats -> stats.started(0));
        results.containerEvents().assertThatEvents().haveExactly(1, event(container(MisconfiguredTestCase.class),
                finishedWithFailure(instanceOf(ExtensionConfigurationException.class),
                message("@MigrationTest on " + MisconfiguredTestCase.class.getName() + ": unknown database provider "
                        + "'docker' in database (flyback.database); allowed values: embedded, testcontainers, "
                        + "external, auto"))));
    }

    @Test
    void should_name_a_misspelled_check_and_the_allowed_ones() {
        EngineExecutionResults results = run(MisspelledCheckTestCase.class);

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(MisspelledCheckTestCase.class),
                finishedWithFailure(message("@MigrationTest on " + MisspelledCheckTestCase.class.getName() + ": unknown check "
                        + "'reversibilty' in checks (flyback.checks); allowed values: reversibility, reapply, indexes, data-loss, online, history"))));
    }

    @Test
    void should_let_a_configuration_parameter_override_the_annotation() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("flyback.checks", "reversibility")
                .selectors(selectClass(CleanTestCase.class)).execute();

        then(displayNames(results)).containsExactly("migration history",
                "V1__create_users: reversible (U1__create_users.sql)", "V2__add_role: reversible (U2__add_role.sql)");
    }

    @Test
    void should_fail_keeps_data_when_the_undo_does_not_bring_the_seeded_values_back() {
        EngineExecutionResults results = run(LossyUndoTestCase.class);

        results.testEvents().assertThatEvents()
                .haveExactly(1, event(test(), displayName("V1__create_users: keeps data"), finishedSuccessfully()))
                .haveExactly(1, event(test(), displayName("V2__rename_email: keeps data"),
                        finishedWithFailure(instanceOf(AssertionFailedError.class), message(m -> m.contains(
                                "error DATA_NOT_RESTORED V2__rename_email: after U2__rename_email.sql, the 10 values "
                                        + "of public.users.email differ from before V2 (checksum)")))));
    }

    @Test
    void should_prove_nothing_with_rows_when_seeding_is_off_and_refuse_a_bad_row_count() {
        EngineExecutionResults off = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("flyback.seed.rows", "0")
                .selectors(selectClass(LossyUndoTestCase.class)).execute();
        off.testEvents().assertStatistics(stats -> stats.failed(0).succeeded(3));

        EngineExecutionResults bad = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("flyback.seed.rows", "many")
                .selectors(selectClass(LossyUndoTestCase.class)).execute();
        bad.containerEvents().assertThatEvents().haveExactly(1, event(container(LossyUndoTestCase.class),
                finishedWithFailure(message("@MigrationTest on " + LossyUndoTestCase.class.getName()
                        + ": flyback.seed.rows must be a number of rows, 0 or more, was 'many'"))));
    }

    @Test
    void should_let_the_team_lower_a_rule_so_that_its_test_passes() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("flyback.severity", "DATA_NOT_RESTORED=warning")
                .selectors(selectClass(LossyUndoTestCase.class)).execute();
        results.testEvents().assertStatistics(stats -> stats.failed(0).succeeded(3));

        EngineExecutionResults wrong = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("flyback.severity", "DATA_NOT_RESTORED")
                .selectors(selectClass(LossyUndoTestCase.class)).execute();
        wrong.containerEvents().assertThatEvents().haveExactly(1, event(container(LossyUndoTestCase.class),
                finishedWithFailure(message("@MigrationTest on " + LossyUndoTestCase.class.getName()
                        + ": severity override 'DATA_NOT_RESTORED' must look like RULE=level, e.g. "
                        + "UNDO_MISSING=warning (severities, flyback.severity)"))));
    }

    @Test
    void should_name_a_reference_history_it_cannot_use() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("flyback.reference-history", "origin/main")
                .selectors(selectClass(CleanTestCase.class)).execute();

        results.containerEvents().assertThatEvents().haveExactly(1, event(container(CleanTestCase.class),
                finishedWithFailure(message("@MigrationTest on " + CleanTestCase.class.getName() + ": reference "
                        + "history 'origin/main' must be git:<ref> (a branch, tag or commit, e.g. git:origin/main) or "
                        + "the jdbc:postgresql:// URL of a database Flyway migrated (referenceHistory, "
                        + "flyback.reference-history)"))));
    }

    @Test
    void should_give_classes_run_in_parallel_their_own_databases_and_the_results_they_get_alone() {
        java.util.Map<String, String> alone = new java.util.TreeMap<>(outcomes(run(CleanTestCase.class)));
        alone.putAll(outcomes(run(LeftoverIndexTestCase.class)));

        EngineExecutionResults together = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "concurrent")
                .selectors(selectClass(CleanTestCase.class), selectClass(LeftoverIndexTestCase.class)).execute();

        then(new java.util.TreeMap<>(outcomes(together))).isEqualTo(alone);
        then(alone).containsValue("FAILED").containsValue("SUCCESSFUL");
    }

    /** Each test's class and name, and how it ended. */
    private static java.util.Map<String, String> outcomes(EngineExecutionResults results) {
        java.util.Map<String, String> outcomes = new java.util.TreeMap<>();
        results.testEvents().finished().stream().forEach(event -> outcomes.put(
                event.getTestDescriptor().getUniqueId().toString().replaceAll("\\[engine:[^]]*]/", ""),
                event.getPayload(org.junit.platform.engine.TestExecutionResult.class).orElseThrow().getStatus()
                        .name()));
        return outcomes;
    }

    @Test
    void should_work_through_a_meta_annotation() {
        run(MetaAnnotatedTestCase.class).testEvents().assertThatEvents()
                .haveExactly(11, event(test(), finishedSuccessfully()));
    }

    private static EngineExecutionResults run(Class<?> testCase) {
        return EngineTestKit.engine("junit-jupiter").selectors(selectClass(testCase)).execute();
    }

    private static List<String> displayNames(EngineExecutionResults results) {
        return results.testEvents().started().stream().map(Event::getTestDescriptor)
                .map(d -> d.getDisplayName()).toList();
    }
}
