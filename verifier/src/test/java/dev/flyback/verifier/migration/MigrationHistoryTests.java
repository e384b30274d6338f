package dev.flyback.verifier.migration;

import static org.assertj.core.api.BDDAssertions.then;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.flyback.verifier.TestDatabases;
import dev.flyback.verifier.database.DisposableDatabase;

/**
 * The workflow's face of the engine: it moves a real database up and down, says where it is, and writes nothing when
 * it is only opened (a user's database under {@code flyback current} stays as it was).
 */
class MigrationHistoryTests {

    @Test
    void should_open_without_writing_then_go_up_and_down_and_say_where_it_is() throws Exception {
        FlywaySettings settings = new FlywaySettings(List.of("filesystem:src/test/resources/scenarios/clean"),
                Map.of("flyway.schemas", "public,audit_trail"), List.of(), false);
        try (DisposableDatabase database = TestDatabases.fresh()) {
            MigrationHistory history = MigrationHistory.open(settings, database.dataSource(),
                    getClass().getClassLoader());

            then(history.revisions()).extracting(Revision::version).containsExactly("1", "2", "3");
            then(schemas(database)).as("opening writes nothing").doesNotContain("audit_trail");
            then(history.current()).isEmpty();

            history.createSchemas();
            then(schemas(database)).contains("audit_trail");

            history.up(history.revisions().get(1));
            then(history.current()).contains("2");
            then(history.applied()).containsExactly("1", "2");

            history.down(history.revisions().get(1));
            then(history.current()).contains("1");
            then(history.historyTables()).contains("flyway_schema_history");
        }
    }

    private static List<String> schemas(DisposableDatabase database) throws Exception {
        return TestDatabases.strings(database, "SELECT nspname FROM pg_namespace");
    }
}
