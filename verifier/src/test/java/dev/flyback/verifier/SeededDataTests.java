package dev.flyback.verifier;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenThrownBy;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.FindingType;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.migration.FlywaySettings;

/**
 * Data loss proven with seeded rows: the counts behind each finding, the up that fails once tables hold rows, and
 * the user's fixture.
 */
class SeededDataTests {

    private static VerifierConfig.Builder seededData() {
        return VerifierConfig.builder().flyway(FlywaySettings.of("filesystem:" + Scenarios.folder("seeded_data")))
                .checks(EnumSet.of(Check.DATA_LOSS));
    }

    private static Finding only(List<Finding> findings, FindingType type, String object) {
        List<Finding> matching = findings.stream().filter(f -> f.type() == type)
                .filter(f -> f.object().equals(Optional.of(object))).toList();
        then(matching).as("%s on %s", type, object).hasSize(1);
        return matching.get(0);
    }

    @Test
    void should_count_the_rows_and_values_an_up_destroys_and_locate_the_statement() {
        List<Finding> findings = Scenarios.verify(seededData()).findings();

        Finding rows = only(findings, FindingType.ROWS_LOST, "public.memberships");
        then(rows.summary()).isEqualTo("V2__split_name.sql line 8 deleted 3 of the 10 rows of public.memberships; "
                + "U2__split_name.sql does not bring them back");
        then(rows.line()).contains(8);
        then(rows.expected()).contains("10 rows");
        then(rows.actual()).contains("7 rows");
        Finding values = only(findings, FindingType.VALUES_LOST, "public.users.bio");
        then(values.summary()).isEqualTo("V2__split_name.sql line 7 lost 5 of the 10 values of public.users.bio; "
                + "U2__split_name.sql does not bring them back");
        then(values.severity()).isEqualTo(Severity.WARNING);
        Finding dropped = only(findings, FindingType.DROPS_COLUMN, "\"public\".\"users\".\"name\"");
        then(dropped.summary()).endsWith("is dropped, with its values (here: 10 seeded values)");
    }

    /**
     * The undo's defect is data the up kept and the undo lost: V2 moved users.name into first_name and last_name,
     * and U2 drops them without joining them back. Rows and values V2 itself destroyed cannot come back: that is
     * V2's ROWS_LOST and VALUES_LOST (warnings, saying so), not an error of the undo.
     */
    @Test
    void should_report_data_the_undo_does_not_bring_back_as_an_error() {
        List<Finding> findings = Scenarios.verify(seededData()).findings();

        Finding name = only(findings, FindingType.DATA_NOT_RESTORED, "public.users.name");
        then(name.severity()).isEqualTo(Severity.ERROR);
        then(name.summary()).isEqualTo("after U2__split_name.sql, public.users.name holds 0 of the 10 values it held "
                + "before V2");
        then(name.file()).contains("U2__split_name.sql");
        then(name.fix()).hasValueSatisfying(fix -> then(fix).startsWith("a column re-created by the undo comes back "
                + "empty"));
        then(findings).filteredOn(f -> f.type() == FindingType.DATA_NOT_RESTORED).extracting(f -> f.object()
                .orElseThrow()).containsExactly("public.users.name");
        then(only(findings, FindingType.ROWS_LOST, "public.memberships").severity()).isEqualTo(Severity.WARNING);
    }

    /**
     * What depends on intent Flyback cannot know is a warning that says so: an undo that deletes every row of a
     * table its up inserted one row into (right if the table held nothing else), a unique index that allows one
     * row (production has one, Flyback seeds ten); an undo that copies moved rows back restores them.
     */
    @Test
    void should_grade_what_depends_on_intent_or_seeded_rows_as_warnings() {
        VerificationResult result = Scenarios.verify(VerifierConfig.builder().flyway(FlywaySettings.of("filesystem:"
                + Scenarios.folder("data_intent"))).checks(EnumSet.of(Check.REVERSIBILITY, Check.REAPPLY,
                Check.DATA_LOSS)));

        then(result.findingsAtLeast(Severity.ERROR)).isEmpty();
        Finding deletesAll = only(result.findings(), FindingType.DATA_NOT_RESTORED, "public.metadata");
        then(deletesAll.severity()).isEqualTo(Severity.WARNING);
        then(deletesAll.summary()).endsWith("(it deletes every row, not only those V3__first_row.sql inserted: "
                + "right only if public.metadata holds nothing else in production)");
        then(deletesAll.line()).contains(2);
        then(result.findings()).filteredOn(f -> f.type() == FindingType.UP_FAILS_WITH_SEEDED_ROWS).singleElement()
                .satisfies(f -> then(f.summary()).contains("Key ((true))=(t) is duplicated."));
    }

    @Test
    void should_report_what_only_the_revision_held_as_the_expected_cost_of_rolling_back() {
        List<Finding> findings = Scenarios.verify(seededData()).findings();

        Finding table = only(findings, FindingType.ROLLBACK_DISCARDS_DATA, "public.audit_log");
        then(table.severity()).isEqualTo(Severity.INFO);
        then(table.summary()).isEqualTo("rolling back with U2__split_name.sql discards the 10 rows of "
                + "public.audit_log, a table only V2__split_name.sql creates");
        then(only(findings, FindingType.ROLLBACK_DISCARDS_DATA, "public.users.first_name").expected())
                .contains("10 values");
    }

    @Test
    void should_catch_an_up_that_passes_on_empty_tables_but_fails_on_rows_and_go_on() {
        VerificationResult result = Scenarios.verify(seededData());

        List<Finding> failures = result.findings().stream().filter(f -> f.type() == FindingType.UP_FAILS_WITH_ROWS)
                .toList();
        then(failures).hasSize(1);
        Finding failure = failures.get(0);
        then(failure.severity()).isEqualTo(Severity.ERROR);
        then(failure.line()).contains(2);
        then(failure.summary()).startsWith("V3__add_age.sql fails at line 2 once the tables hold rows, as in "
                + "production (it passes on empty tables): ").contains("contains null values");
        then(failure.actual()).contains("ALTER TABLE users ADD COLUMN age int NOT NULL");
        then(result.revisions()).hasSize(3);
        then(result.revisions().get(2).applied()).isTrue();
        then(result.currentVersion()).contains("3");
    }

    @Test
    void should_report_a_table_it_cannot_fill_once_and_use_the_fixture_instead() {
        List<Finding> without = Scenarios.verify(seededData()).findings();
        Finding gap = only(without, FindingType.NOT_SEEDED, "public.codes");
        then(gap.version()).isEqualTo("2");
        then(gap.summary()).contains("violates check constraint \"codes_code_check\"");
        then(gap.fix()).contains("give rows for it in a seed fixture (--seed-fixtures DIR with V2__rows.sql)");

        List<Finding> with = Scenarios.verify(seededData().seedFixtures(fixtures("codes"))).findings();
        then(with).noneMatch(f -> f.type() == FindingType.NOT_SEEDED);
    }

    @Test
    void should_name_the_fixture_that_fails_and_refuse_a_missing_folder_before_starting_anything() {
        thenThrownBy(() -> Scenarios.verify(seededData().seedFixtures(fixtures("broken"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("seed fixture " + fixtures("broken").resolve("V2__codes.sql"))
                .hasMessageContaining("failed on the schema before V2")
                .hasMessageContaining("violates check constraint \"codes_code_check\"");

        thenThrownBy(() -> MigrationVerifier.verify(seededData().seedFixtures(fixtures("nowhere")).build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("seed fixture folder " + fixtures("nowhere") + " does not exist: give a folder of "
                        + "V<version>__*.sql data scripts");
    }

    @Test
    void should_seed_nothing_when_seeding_is_off() {
        List<Finding> findings = Scenarios.verify(seededData().seedRows(0)).findings();

        then(findings).extracting(Finding::type).doesNotContain(FindingType.ROWS_LOST, FindingType.VALUES_LOST,
                FindingType.DATA_NOT_RESTORED, FindingType.UP_FAILS_WITH_ROWS, FindingType.NOT_SEEDED);
        then(findings).extracting(Finding::type).contains(FindingType.DROPS_COLUMN);
    }

    private static Path fixtures(String name) {
        return Path.of("src", "test", "resources", "seed-fixtures", name).toAbsolutePath();
    }
}
