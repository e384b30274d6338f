package dev.flyback.verifier.snapshot;

import static org.assertj.core.api.BDDAssertions.then;

import java.sql.Connection;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import dev.flyback.verifier.TestDatabases;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.internal.schemacrawler.SchemaCrawlerDiagram;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.migration.Migrations;

/**
 * SchemaCrawler's diagram of the tables a revision touched: drawn by Graphviz (installed by {@code .ci/run}), with
 * the tables their foreign keys reference and nothing else of the schema.
 */
class SchemaCrawlerDiagramTests {

    @Test
    void should_draw_the_named_table_with_its_columns_and_the_table_its_foreign_key_references() throws Exception {
        Assumptions.assumeTrue(SchemaCrawlerDiagram.available(), "No Graphviz 'dot' on the PATH, so SchemaCrawler "
                + "cannot draw and the test is skipped; install Debian's graphviz package (.ci/run does)");
        try (DisposableDatabase database = TestDatabases.fresh()) {
            Migrations migrations = Migrations.open(FlywaySettings.of("filesystem:src/test/resources/scenarios/clean"),
                    database.dataSource(), getClass().getClassLoader());
            migrations.up(migrations.revisions().get(2));

            SchemaObject visits;
            try (Connection connection = database.dataSource().getConnection()) {
                visits = CatalogReader.read(connection, migrations.historyTables()).objects(ObjectType.TABLE)
                        .stream().filter(t -> t.name().equals("visits")).findFirst().orElseThrow();
            }

            Optional<String> svg;
            try (Connection connection = database.dataSource().getConnection()) {
                svg = SchemaCrawlerDiagram.svg(connection, List.of(visits));
            }

            then(svg).hasValueSatisfying(drawing -> then(drawing)
                    .startsWith("<svg")
                    .contains("reporting.visits", "user_id")
                    .as("the referenced table, drawn with its columns").contains("public.users", "email")
                    .doesNotContain("tags", "flyway_schema_history"));
        }
    }

    @Test
    void should_draw_nothing_for_no_table() throws Exception {
        try (DisposableDatabase database = TestDatabases.fresh()) {
            then(SchemaCrawlerDiagram.svg(database.dataSource().getConnection(), List.of())).isEmpty();
        }
    }
}
