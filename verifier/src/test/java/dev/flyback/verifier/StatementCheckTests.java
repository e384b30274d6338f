package dev.flyback.verifier;

import static org.assertj.core.api.BDDAssertions.then;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.flyback.verifier.finding.Check;
import dev.flyback.verifier.finding.Finding;
import dev.flyback.verifier.finding.Severity;
import dev.flyback.verifier.migration.FlywaySettings;

/** The evidence of lock tracing and data-loss findings: lock mode, rows, script, line, statement. */
class StatementCheckTests {

    private static List<Finding> verify(String scenario, Check check) {
        return Scenarios.verify(FlywaySettings.of("filesystem:" + Scenarios.folder(scenario)), EnumSet.of(check),
                false).findings();
    }

    @Test
    void should_trace_the_locks_of_up_and_undo_with_mode_rows_line_and_statement() {
        List<Finding> findings = verify("locks", Check.ONLINE);

        // One finding per statement, naming what the work under the lock does to which index.
        then(findings).extracting(Finding::rule).containsExactly("ACCESS_EXCLUSIVE_LOCK", "WRITE_BLOCKING_LOCK",
                "NO_LOCK_TIMEOUT");
        Finding addColumn = findings.get(0);
        then(addColumn.severity()).isEqualTo(Severity.WARNING);
        then(addColumn.summary()).isEqualTo("V2__change.sql line 2 takes ACCESS EXCLUSIVE on public.users "
                + "(it held rows) and holds it while line 3 builds index ix_users_name (a full scan): every read and "
                + "write of it waits until the migration commits; it waits for the lock with no lock_timeout");
        then(addColumn.actual()).contains("ALTER TABLE users ADD COLUMN nickname text;");
        then(addColumn.fix()).hasValueSatisfying(fix -> then(fix).endsWith("and start V2__change.sql with SET "
                + "lock_timeout = '5s';"));
        Finding index = findings.get(1);
        then(index.summary()).startsWith("V2__change.sql line 3 takes SHARE on public.users (it held rows)");
        then(index.fix()).hasValueSatisfying(fix -> then(fix).startsWith("build it with CREATE INDEX CONCURRENTLY"));
        Finding undo = findings.get(2);
        then(undo.file()).contains("U2__change.sql");
        then(undo.severity()).as("a catalog-only change holds the lock briefly").isEqualTo(Severity.INFO);
        then(undo.summary()).isEqualTo("U2__change.sql line 1 waits for ACCESS EXCLUSIVE on public.users with no "
                + "lock_timeout: queued behind a long query it blocks every query on the table");
        then(undo.fix()).contains("start U2__change.sql with: SET lock_timeout = '5s';");
    }

    @Test
    void should_rate_a_lock_on_an_empty_table_as_information() {
        List<Finding> findings = Scenarios.verify(VerifierConfig.builder().flyway(FlywaySettings.of("filesystem:"
                + Scenarios.folder("locks_with_timeout"))).checks(EnumSet.of(Check.ONLINE)).seedRows(0)).findings();

        then(findings.get(0).severity()).isEqualTo(Severity.INFO);
        then(findings.get(0).summary()).contains("(empty here, but not in production)");
    }

    @Test
    void should_judge_set_not_null_brief_when_a_validated_check_proves_it_and_a_scan_when_nothing_does() {
        List<Finding> findings = verify("set_not_null", Check.ONLINE).stream()
                .filter(f -> f.rule().equals("ACCESS_EXCLUSIVE_LOCK")).toList();

        Finding proven = findings.stream().filter(f -> f.file().equals(java.util.Optional.of("V4__email_not_null.sql")))
                .findFirst().orElseThrow();
        then(proven.severity()).isEqualTo(Severity.INFO);
        then(proven.summary()).contains("for catalog changes only, so briefly");
        Finding scan = findings.stream().filter(f -> f.file().equals(java.util.Optional.of("V5__name_not_null.sql")))
                .findFirst().orElseThrow();
        then(scan.severity()).isEqualTo(Severity.WARNING);
        then(scan.summary()).contains("holds it while line 3 scans the table for SET NOT NULL");
        then(scan.fix()).hasValueSatisfying(fix -> then(fix).startsWith("add CHECK (column IS NOT NULL) NOT VALID"));
    }

    @Test
    void should_see_a_rewrite_by_its_new_data_file_and_a_backfill_under_the_lock() {
        List<Finding> findings = verify("rewrites_table", Check.ONLINE).stream()
                .filter(f -> f.rule().equals("ACCESS_EXCLUSIVE_LOCK")).toList();

        then(findings.get(0).severity()).isEqualTo(Severity.WARNING);
        then(findings.get(0).summary()).contains("holds it while line 3 rewrites public.users");
        then(findings.get(1).file()).contains("U2__add_columns.sql");
        then(findings.get(1).severity()).isEqualTo(Severity.INFO);
    }

    @Test
    void should_flag_a_column_whose_default_rewrites_a_table_that_holds_rows_but_not_a_stable_one() {
        List<Finding> rewrites = verify("rewrites_table", Check.ONLINE).stream()
                .filter(f -> f.rule().equals("REWRITES_TABLE")).toList();

        then(rewrites).extracting(f -> f.object().orElse("")).containsExactly("public.users.seq", "public.users.token");
        Finding token = rewrites.get(1);
        then(token.severity()).isEqualTo(Severity.WARNING);
        then(token.line()).contains(3);
        then(token.summary()).isEqualTo("V2__add_columns.sql line 3 adds column public.users.token with a volatile "
                + "default (gen_random_uuid()) computed for every row: PostgreSQL rewrites public.users (10 rows here) "
                + "under ACCESS EXCLUSIVE");
        then(token.fix()).contains("add the column without a default, SET DEFAULT for new rows, then backfill the old "
                + "ones in batches");
        then(rewrites.get(0).fix()).hasValueSatisfying(fix -> then(fix).contains("ADD GENERATED BY DEFAULT AS IDENTITY"));
    }

    @Test
    void should_explain_concurrently_inside_a_transaction_whatever_checks_are_enabled() {
        List<Finding> findings = verify("concurrently_in_transaction", Check.INDEXES);

        then(findings).hasSize(1);
        then(findings.get(0).rule()).isEqualTo("CONCURRENTLY_IN_TRANSACTION");
        then(findings.get(0).severity()).isEqualTo(Severity.ERROR);
        then(findings.get(0).summary()).isEqualTo("V2__idx.sql runs a CONCURRENTLY statement inside a transaction "
                + "at line 2, which Flyway refuses: Detected both transactional and non-transactional statements "
                + "within the same migration (even though mixed is false)");
        then(findings.get(0).fix()).contains("Flyway runs line 1: ALTER TABLE t ADD COLUMN y int in a transaction "
                + "and refuses to mix it with the CONCURRENTLY statement: move it to a migration of its own, so that the CONCURRENTLY statement is alone and Flyway runs it outside a transaction; later "
                + "revisions were not checked");
    }

    @Test
    void should_locate_data_loss_at_its_statement() {
        List<Finding> findings = verify("data_loss", Check.DATA_LOSS).stream()
                .filter(f -> f.file().equals(java.util.Optional.of("V2__change.sql"))).toList();

        then(findings).extracting(f -> f.line().orElse(0)).containsExactly(4, 3, 2, 4, 5, 6, 6);
        then(findings.get(6).summary()).isEqualTo("after U2__change.sql, the values of name of public.teams differ "
                + "from before V2: V2__change.sql line 6 rewrote them, and U2__change.sql does not restore them");
        then(findings.get(2).summary()).isEqualTo("column public.users.name narrows from character varying(50) "
                + "to character varying(20): longer or more precise values are cut or rejected");
        then(findings.get(4).summary()).isEqualTo("V2__change.sql line 5 deletes every row of archive (here: 10 seeded rows)");
    }

    @Test
    void should_name_the_statement_whose_trigger_rewrote_a_table_it_does_not_name() {
        List<Finding> rewritten = verify("trigger_rewrites", Check.DATA_LOSS).stream()
                .filter(f -> f.rule().equals("DATA_REWRITTEN") && f.version().equals("5")).toList();

        then(rewritten).hasSize(1);
        then(rewritten.get(0).object()).contains("public.documents");
        then(rewritten.get(0).file()).contains("V5__comment_every_document.sql");
        then(rewritten.get(0).line()).contains(3);
        then(rewritten.get(0).summary()).isEqualTo("after U5__comment_every_document.sql, the values of title, "
                + "updated_at of public.documents differ from before V5: V5__comment_every_document.sql line 3, through a trigger "
                + "or a foreign key's action, rewrote them, and U5__comment_every_document.sql does not restore them");
    }

    @Test
    void should_name_the_statement_that_rewrote_a_table_it_alters_without_a_trigger_in_between() {
        List<Finding> rewritten = verify("trigger_rewrites", Check.DATA_LOSS).stream()
                .filter(f -> f.rule().equals("DATA_REWRITTEN") && f.version().equals("6")).toList();

        then(rewritten).hasSize(1);
        then(rewritten.get(0).file()).contains("V6__lower_titles.sql");
        then(rewritten.get(0).line()).contains(2);
        then(rewritten.get(0).summary()).isEqualTo("after U6__lower_titles.sql, the values of title of "
                + "public.documents differ from before V6: V6__lower_titles.sql line 2 rewrote them, and "
                + "U6__lower_titles.sql does not restore them");
    }
}
