package dev.flyback.verifier;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;

/**
 * Every fix that is SQL is proven: applied to its scenario as the fix text says (appended to the script it names,
 * put first, or the line it names left out), the finding is gone. A fix that only a person can carry out ("fix the
 * statement", "keep a copy the undo restores from") says so in words and is not listed here.
 */
class FixProofTests {
    private static final Set<Check> PROOF = EnumSet.of(Check.REVERSIBILITY, Check.REAPPLY);

    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource({
            "leftover_constraint, LEFTOVER_CONSTRAINT", "leftover_domain, LEFTOVER_DOMAIN",
            "leftover_enum, LEFTOVER_ENUM", "leftover_extension, LEFTOVER_EXTENSION",
            "leftover_trigger, LEFTOVER_FUNCTION", "leftover_index, LEFTOVER_INDEX",
            "leftover_materialized_view, LEFTOVER_MATERIALIZED_VIEW", "leftover_policy, LEFTOVER_POLICY",
            "leftover_schema, LEFTOVER_SCHEMA", "leftover_sequence, LEFTOVER_SEQUENCE",
            "leftover_table, LEFTOVER_TABLE", "leftover_trigger_only, LEFTOVER_TRIGGER",
            "leftover_view, LEFTOVER_VIEW", "changed_column, CHANGED_COLUMN", "changed_comment, CHANGED_COLUMN",
            "changed_default, CHANGED_COLUMN", "changed_index_definition, CHANGED_INDEX",
            "changed_privileges, CHANGED_TABLE", "leftover_publication, LEFTOVER_PUBLICATION",
            "leftover_event_trigger, LEFTOVER_EVENT_TRIGGER", "leftover_cast, LEFTOVER_CAST",
            "leftover_operator, LEFTOVER_OPERATOR",
            "leftover_text_search_dictionary, LEFTOVER_TEXT_SEARCH_DICTIONARY",
            "leftover_text_search_configuration, LEFTOVER_TEXT_SEARCH_CONFIGURATION",
            "leftover_default_privileges, LEFTOVER_DEFAULT_PRIVILEGES", "leftover_collation, LEFTOVER_COLLATION",
            "leftover_conversion, LEFTOVER_CONVERSION", "leftover_statistics, LEFTOVER_STATISTICS",
            "leftover_server, LEFTOVER_SERVER", "leftover_foreign_data_wrapper, LEFTOVER_FOREIGN_DATA_WRAPPER",
            "changed_replica_identity, CHANGED_TABLE", "changed_statistics_target, CHANGED_COLUMN",
            "changed_owner, CHANGED_TABLE"})
    void should_make_an_undo_finding_go_away(String scenario, String rule, @TempDir Path work) {
        List<Finding> fixed = FixProof.apply(Scenarios.folder(scenario), work, PROOF, rule, "2");

        then(FixProof.find(fixed, rule, "2")).isEmpty();
        then(fixed).as("the undo is complete: applying the revision again works").noneMatch(f -> f.version()
                .equals("2") && f.rule().startsWith("REUP_"));
    }

    @ParameterizedTest(name = "{1} in {0}")
    @CsvSource({
            "fk_without_index, FK_WITHOUT_INDEX, 2", "fk_type_mismatch, FK_TYPE_MISMATCH, 2",
            "table_without_primary_key, TABLE_WITHOUT_PRIMARY_KEY, 2", "redundant_index, REDUNDANT_INDEX, 2",
            "invalid_index, INVALID_INDEX, 2", "missing_foreign_key, MISSING_FOREIGN_KEY, 2",
            "fk_duplicate, FK_DUPLICATE, 2", "fk_set_null_not_null, FK_SET_NULL_ON_NOT_NULL, 2"})
    void should_make_an_index_or_key_finding_go_away(String scenario, String rule, String version,
                                                     @TempDir Path work) {
        Set<Check> checks = EnumSet.of(Check.INDEXES);
        List<Finding> before = FixProof.verify(Scenarios.folder(scenario), checks).stream()
                .filter(f -> f.rule().equals(rule)).toList();
        for (Finding finding : before.subList(1, before.size())) {
            // A scenario with several findings of the rule: each fix is proven in turn, the first one below.
            then(finding.fix()).isPresent();
        }

        List<Finding> fixed = FixProof.apply(Scenarios.folder(scenario), work, checks, rule, version,
                before.get(0).object().orElseThrow());

        then(fixed).noneMatch(f -> f.rule().equals(rule) && f.object().equals(before.get(0).object()));
    }

    @Test
    void should_make_a_foreign_key_never_validated_go_away_with_the_migration_its_fix_describes(@TempDir Path work)
            throws IOException {
        Set<Check> checks = EnumSet.of(Check.INDEXES, Check.REVERSIBILITY, Check.REAPPLY);
        Finding finding = FixProof.only(FixProof.verify(Scenarios.folder("fk_not_validated"), checks),
                "FK_NOT_VALIDATED", "2");
        then(finding.fix()).hasValueSatisfying(fix -> then(fix).startsWith("validate it in a migration after "
                + "V2__add_user_fk.sql"));
        String sql = finding.fix().orElseThrow().lines().reduce((a, b) -> b).orElseThrow().strip();

        try (java.util.stream.Stream<Path> files = Files.list(Scenarios.folder("fk_not_validated"))) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Files.copy(file, work.resolve(file.getFileName()));
            }
        }
        Files.writeString(work.resolve("V3__validate_user_fk.sql"), sql + "\n");
        Files.writeString(work.resolve("U3__validate_user_fk.sql"), "SELECT 1;\n");
        List<Finding> fixed = FixProof.verify(work, checks);

        then(fixed).noneMatch(f -> f.rule().equals("FK_NOT_VALIDATED"))
                .as("the new migration's undo cannot make the key NOT VALID again, which is information")
                .noneMatch(f -> f.severity() != dev.flyback.verifier.finding.Severity.INFO);
    }

    @Test
    void should_make_a_missing_lock_timeout_go_away(@TempDir Path work) {
        Set<Check> online = EnumSet.of(Check.ONLINE);
        List<Finding> fixed = FixProof.apply(Scenarios.folder("locks"), work, online, "NO_LOCK_TIMEOUT", "2");

        then(fixed).noneMatch(f -> f.rule().equals("NO_LOCK_TIMEOUT"));
    }

    @Test
    void should_make_a_rename_that_is_not_taken_back_go_away(@TempDir Path work) {
        List<Finding> fixed = FixProof.apply(Scenarios.folder("renames"), work, PROOF, "CHANGED_COLUMN", "4");

        then(fixed).noneMatch(f -> f.version().equals("4"));
    }

    /** The template flyback new used to write, with CREATE INDEX CONCURRENTLY: the fix names the line to delete. */
    @Test
    void should_make_a_set_beside_concurrently_go_away(@TempDir Path scenario) throws IOException {
        Files.writeString(scenario.resolve("V1__t.sql"), "CREATE TABLE t (x int);\n");
        Files.writeString(scenario.resolve("U1__t.sql"), "DROP TABLE t;\n");
        Files.writeString(scenario.resolve("V2__ix.sql"), "-- index x\nSET lock_timeout = '5s';\n"
                + "CREATE INDEX CONCURRENTLY ix_t_x ON t (x);\n");
        Files.writeString(scenario.resolve("U2__ix.sql"), "DROP INDEX CONCURRENTLY ix_t_x;\n");
        Finding finding = FixProof.only(FixProof.verify(scenario, PROOF), "CONCURRENTLY_IN_TRANSACTION", "2");
        then(finding.fix()).hasValueSatisfying(fix -> then(fix).startsWith("Flyway runs line 2: SET lock_timeout = "
                + "'5s' in a transaction and refuses to mix it with the CONCURRENTLY statement: delete that line"));

        List<String> lines = new java.util.ArrayList<>(Files.readAllLines(scenario.resolve("V2__ix.sql")));
        lines.remove(1);
        Files.write(scenario.resolve("V2__ix.sql"), lines);

        then(FixProof.verify(scenario, PROOF)).isEmpty();
    }
}
