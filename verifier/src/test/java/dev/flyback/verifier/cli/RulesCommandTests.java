package dev.flyback.verifier.cli;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;

/** {@code flyback rules}: the registry of rules as a user reads it, and the README's tables. */
class RulesCommandTests {

    @Test
    void should_list_a_checks_rules_with_their_severity_and_basis() {
        StringWriter out = new StringWriter();
        int exit = FlybackCommand.commandLine().setOut(new PrintWriter(out, true))
                .execute("rules", "--check", "data-loss");

        then(exit).isZero();
        then(out.toString()).contains("DROPS_COLUMN  (data-loss, warning)\n  a column that existed before")
                .contains("NOT_SEEDED  (data-loss, info, measured with seeded rows)")
                .doesNotContain("FK_WITHOUT_INDEX").doesNotContain("`");
    }

    @Test
    void should_print_the_readme_table_of_the_rules_measured_with_rows() {
        StringWriter out = new StringWriter();
        FlybackCommand.commandLine().setOut(new PrintWriter(out, true))
                .execute("rules", "--markdown", "--check", "data-loss", "--basis", "seeded-rows");

        then(out.toString()).startsWith("| rule | severity | meaning |\n|---|---|---|\n| `ROWS_LOST` | warning | ")
                .contains("| `UP_FAILS_WITH_SEEDED_ROWS` | warning |").doesNotContain("DROPS_TABLE");
    }

    @Test
    void should_name_the_allowed_values_of_a_wrong_basis() {
        StringWriter err = new StringWriter();
        int exit = FlybackCommand.commandLine().setErr(new PrintWriter(err, true))
                .execute("rules", "--basis", "vibes");

        then(exit).isEqualTo(FlybackCommand.USAGE);
        then(err.toString()).contains("Unknown basis 'vibes'; allowed values: schema, seeded-rows");
    }
}
