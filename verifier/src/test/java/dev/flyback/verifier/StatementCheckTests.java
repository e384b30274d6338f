package dev.flyback.verifier;

import static org.assertj.core.api.BDDAssertions.then;

import java.util.EnumSet;
import java.util.List;

import org.junit.jupiter.api.Test;

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

        Finding addColumn = findings.get(0);
        then(addColumn.severity()).isEqualTo(Severity.WARNING);
        then(addColumn.summary()).isEqualTo("V2__change.sql line 2 takes ACCESS EXCLUSIVE on public.users "
                + "(it held rows): every read and write of it waits until the migration commits");
        then(addColumn.actual()).contains("ALTER TABLE users ADD COLUMN nickname text;");
        Finding index = findings.get(2);
        then(index.summary()).startsWith("V2__change.sql line 3 takes SHARE on public.users (it held rows)");
        then(index.fix()).hasValueSatisfying(fix -> then(fix).startsWith("build it with CREATE INDEX CONCURRENTLY"));
        Finding undo = findings.get(3);
        then(undo.file()).contains("U2__change.sql");
        then(undo.summary()).startsWith("U2__change.sql line 1 takes ACCESS EXCLUSIVE on public.users");
        then(findings.get(4).fix()).contains("start U2__change.sql with: SET lock_timeout = '5s';");
    }

    @Test
    void should_rate_a_lock_on_an_empty_table_as_information() {
        List<Finding> findings = Scenarios.verify(VerifierConfig.builder().flyway(FlywaySettings.of("filesystem:"
                + Scenarios.folder("locks_with_timeout"))).checks(EnumSet.of(Check.ONLINE)).seedRows(0)).findings();

        then(findings.get(0).severity()).isEqualTo(Severity.INFO);
        then(findings.get(0).summary()).contains("(empty here, but not in production)");
    }

    @Test
    void should_locate_data_loss_at_its_statement() {
        List<Finding> findings = verify("data_loss", Check.DATA_LOSS).stream()
                .filter(f -> f.file().equals(java.util.Optional.of("V2__change.sql"))).toList();

        then(findings).extracting(f -> f.line().orElse(0)).containsExactly(4, 3, 2, 4, 5, 6);
        then(findings.get(2).summary()).isEqualTo("column public.users.name narrows from character varying(50) "
                + "to character varying(20): longer or more precise values are cut or rejected");
        then(findings.get(4).summary()).isEqualTo("V2__change.sql line 5 deletes every row of archive (here: 10 seeded rows)");
    }
}
