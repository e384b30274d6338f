package dev.flyback.verifier.internal.check;

import static org.assertj.core.api.BDDAssertions.then;
import static org.assertj.core.api.BDDAssertions.thenThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.FindingType;

/**
 * The registries of rules: every rule of the indexes check and every static data-loss rule is in one once, each schema
 * rule with its query beside it.
 */
class SchemaRulesTests {

    @Test
    void should_list_every_rule_of_the_indexes_check_once() {
        then(Stream.concat(SchemaRules.ALL.stream().map(SchemaRule::type), Stream.of(FindingType.FK_NOT_VALIDATED)))
                .as("the schema rules, and the one judged at head")
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(FindingType.values())
                        .filter(t -> t.check() == Check.INDEXES).toList());
    }

    @Test
    void should_list_every_static_data_loss_rule_once() {
        then(Stream.concat(StepRules.DATA_LOSS_CHANGES.stream().map(DiffRule::type),
                StepRules.DATA_LOSS_STATEMENTS.stream().map(StatementRule::type)))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(FindingType.values())
                        .filter(t -> t.check() == Check.DATA_LOSS && t.basis() == FindingType.Basis.SCHEMA).toList());
    }

    @Test
    void should_keep_each_rules_query_beside_it() {
        then(SchemaRules.ALL).allSatisfy(rule -> then(SchemaRules.sql(rule.query()))
                .as("%s's query", rule.getClass().getSimpleName()).contains("SELECT").contains("?::text[]"));
        thenThrownBy(() -> SchemaRules.sql("Nowhere.sql")).hasMessageContaining("no query Nowhere.sql beside");
    }
}
