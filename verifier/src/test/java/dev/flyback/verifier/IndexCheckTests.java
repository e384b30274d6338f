package dev.flyback.verifier;

import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.BDDAssertions.then;

import java.util.EnumSet;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.migration.FlywaySettings;

/** The evidence behind the index and foreign-key rules: where the SQL says it, and what to do. */
class IndexCheckTests {

    @Test
    void should_point_at_the_foreign_key_line_and_give_the_index_to_create() {
        VerificationResult result = Scenarios.verify("fk_without_index", Check.INDEXES);

        Finding orders = result.findings().get(1);
        then(orders.rule()).isEqualTo("FK_WITHOUT_INDEX");
        then(orders.severity()).isEqualTo(Severity.WARNING);
        then(orders.file()).contains("V2__change.sql");
        then(orders.line()).contains(5);
        then(orders.summary()).isEqualTo("foreign key orders_user_id_fkey on public.orders (user_id) has no index "
                + "leading with exactly its columns, so every delete or key update in users scans public.orders");
        then(orders.fix()).contains("add to V2__change.sql\n"
                + "CREATE INDEX ix_orders_user_id ON public.orders (user_id);");
        then(result.findings().get(0).line()).contains(11);
    }

    @Test
    void should_name_both_types_of_a_mismatched_foreign_key() {
        VerificationResult result = Scenarios.verify("fk_type_mismatch", Check.INDEXES);

        then(result.findings()).singleElement().satisfies(f -> {
            then(f.summary()).endsWith("joins columns of different types: user_id integer references id bigint");
            then(f.severity()).isEqualTo(Severity.ERROR);
            then(f.line()).contains(1);
        });
    }

    @Test
    void should_judge_only_what_each_revision_touched_unless_asked_for_the_whole_schema() {
        FlywaySettings legacy = FlywaySettings.of("filesystem:" + Scenarios.folder("legacy_table"));

        VerificationResult touched = Scenarios.verify(legacy, EnumSet.of(Check.INDEXES), false);
        VerificationResult whole = Scenarios.verify(legacy, EnumSet.of(Check.INDEXES), true);

        then(touched.findings()).extracting(Finding::rule, Finding::version, Finding::object).containsExactly(
                tuple("TABLE_WITHOUT_PRIMARY_KEY", "1", Optional.of("\"public\".\"legacy_import\"")));
        then(whole.findings()).extracting(Finding::rule, Finding::version).containsExactly(
                tuple("TABLE_WITHOUT_PRIMARY_KEY", "1"), tuple("TABLE_WITHOUT_PRIMARY_KEY", "2"));
        then(touched.revisions()).allSatisfy(r -> then(r.steps()).extracting(s -> s.status())
                .containsExactly(StepOutcome.Status.SUCCEEDED, StepOutcome.Status.SKIPPED, StepOutcome.Status.SKIPPED));
    }
}
