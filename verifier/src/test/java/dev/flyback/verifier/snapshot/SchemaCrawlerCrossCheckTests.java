package dev.flyback.verifier.snapshot;

import static org.assertj.core.api.BDDAssertions.then;

import java.sql.Connection;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.flyback.verifier.TestDatabases;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.internal.schemacrawler.SchemaCrawlerReader;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.migration.Migrations;

/**
 * The catalog reader and SchemaCrawler, on the same real database full of every kind of object, must see the same
 * tables, views, columns, indexes, foreign keys, triggers, sequences and routines: SchemaCrawler is the independent
 * witness of the catalog reader's coverage.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaCrawlerCrossCheckTests {
    private SchemaSnapshot catalog;
    private SchemaSnapshot crawled;
    private Set<String> extensionFunctions;

    @BeforeAll
    void migrate_the_clean_scenario() throws Exception {
        try (DisposableDatabase database = TestDatabases.fresh()) {
            Migrations migrations = Migrations.open(FlywaySettings.of("filesystem:src/test/resources/scenarios/clean"),
                    database.dataSource(), getClass().getClassLoader());
            migrations.up(migrations.revisions().get(1));
            try (Connection connection = database.dataSource().getConnection()) {
                catalog = CatalogReader.read(connection, migrations.historyTables());
                crawled = SchemaCrawlerReader.read(connection, migrations.historyTables());
                extensionFunctions = new java.util.TreeSet<>();
                try (java.sql.Statement statement = connection.createStatement();
                     java.sql.ResultSet rows = statement.executeQuery("SELECT n.nspname || '.' || p.proname "
                             + "FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace JOIN pg_depend d "
                             + "ON d.objid = p.oid AND d.classid = 'pg_proc'::regclass AND d.deptype = 'e'")) {
                    while (rows.next()) {
                        extensionFunctions.add(rows.getString(1));
                    }
                }
            }
        }
    }

    @Test
    void should_see_the_same_tables_views_columns_indexes_triggers_and_sequences() {
        for (ObjectType type : Set.of(ObjectType.TABLE, ObjectType.VIEW, ObjectType.COLUMN, ObjectType.INDEX,
                ObjectType.TRIGGER, ObjectType.SEQUENCE)) {
            then(names(crawled, type)).as("%s names", type).isEqualTo(names(catalog, type));
        }
        then(names(catalog, ObjectType.TABLE)).contains("\"reporting\".\"visits\"", "\"public\".\"users\"");
    }

    @Test
    void should_see_the_same_foreign_keys_with_their_columns_and_targets() {
        Map<String, String> fromCatalog = catalog.objects(ObjectType.CONSTRAINT).stream()
                .filter(c -> c.property("kind").orElse("").equals("FOREIGN KEY"))
                .collect(Collectors.toMap(SchemaObject::qualifiedName, c -> c.property("definition").orElseThrow(),
                        (a, b) -> a, TreeMap::new));
        Map<String, String> fromCrawler = crawled.objects(ObjectType.CONSTRAINT).stream()
                .collect(Collectors.toMap(SchemaObject::qualifiedName, c -> "FOREIGN KEY ("
                        + c.property("columns").orElseThrow() + ") REFERENCES " + c.property("references").orElseThrow(),
                        (a, b) -> a, TreeMap::new));

        then(fromCrawler.keySet()).isEqualTo(fromCatalog.keySet()).isNotEmpty();
        fromCrawler.forEach((name, definition) -> then(fromCatalog.get(name)).startsWith(definition));
    }

    @Test
    void should_agree_on_nullability_of_every_column() {
        for (SchemaObject column : crawled.objects(ObjectType.COLUMN)) {
            then(catalog.find(ObjectType.COLUMN, column.qualifiedName()).orElseThrow().property("nullable"))
                    .as(column.qualifiedName()).isEqualTo(column.property("nullable"));
        }
    }

    /** The catalog reader describes an extension's functions through the extension (LEFTOVER_EXTENSION, not 30 findings). */
    @Test
    void should_see_the_same_routines_apart_from_extension_members() {
        Set<String> fromCatalog = catalog.objects().stream()
                .filter(o -> o.type() == ObjectType.FUNCTION || o.type() == ObjectType.PROCEDURE)
                .map(o -> o.schema() + "." + o.name()).collect(Collectors.toCollection(java.util.TreeSet::new));
        Set<String> fromCrawler = crawled.objects().stream()
                .filter(o -> o.type() == ObjectType.FUNCTION || o.type() == ObjectType.PROCEDURE)
                .map(o -> o.schema() + "." + o.name()).collect(Collectors.toCollection(java.util.TreeSet::new));
        then(fromCatalog).contains("reporting.visit_total", "reporting.forget", "reporting.no_sad_mondays");
        then(extensionFunctions).contains("public.citext_cmp");
        java.util.Set<String> withoutExtensions = new java.util.TreeSet<>(fromCrawler);
        withoutExtensions.removeAll(extensionFunctions);
        then(withoutExtensions).isEqualTo(fromCatalog);
    }

    private static Set<String> names(SchemaSnapshot snapshot, ObjectType type) {
        return snapshot.objects(type).stream().map(SchemaObject::qualifiedName)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
