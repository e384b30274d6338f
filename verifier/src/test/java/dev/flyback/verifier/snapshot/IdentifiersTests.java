package dev.flyback.verifier.snapshot;

import static org.assertj.core.api.BDDAssertions.then;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Identifiers are quoted where PostgreSQL needs quotes, and only there. */
class IdentifiersTests {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "users|users",
        "_audit_log|_audit_log",
        "t_1$x|t_1$x",
        "Users|\"Users\"",
        "1st|\"1st\"",
        "$x|\"$x\"",
        "user name|\"user name\"",
        "café|\"café\"",
        "a\"b|\"a\"\"b\"",
        "x-y|\"x-y\""})
    void should_quote_only_what_postgresql_would_not_read_as_written(String identifier, String quoted) {
        then(Identifiers.quote(identifier)).isEqualTo(quoted);
    }

    @org.junit.jupiter.api.Test
    void should_quote_the_empty_name() {
        then(Identifiers.quote("")).isEqualTo("\"\"");
    }
}
