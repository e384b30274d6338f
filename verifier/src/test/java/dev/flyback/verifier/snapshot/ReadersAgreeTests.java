package dev.flyback.verifier.snapshot;

import static org.assertj.core.api.BDDAssertions.then;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.flyback.verifier.TestDatabases;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.internal.schemacrawler.SchemaCrawlerReader;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.migration.MigrationException;
import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.migration.Revision;

/**
 * On every golden scenario, migrated as far as it goes, the catalog reader and SchemaCrawler see the same tables,
 * views, columns, indexes, triggers, sequences and foreign keys: SchemaCrawler is the independent witness of what the
 * fast reader covers, on all the shapes the scenarios were written to catch.
 */
class ReadersAgreeTests {
    /** Scenarios that stop the server, sleep or wait on purpose: nothing to read that the others do not cover. */
    private static final Set<String> LEFT_OUT = Set.of("server_dies", "sleeps", "slow_revision", "slow_statement",
            "waits_for_lock", "locks_with_timeout");

    static Stream<String> scenarios() throws IOException {
        Path root = Path.of("src/test/resources/scenarios");
        try (Stream<Path> folders = Files.list(root)) {
            return folders.filter(Files::isDirectory).map(f -> f.getFileName().toString())
                    .filter(name -> !LEFT_OUT.contains(name)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void should_see_the_same_objects(String scenario) throws Exception {
        try (DisposableDatabase database = TestDatabases.fresh()) {
            Migrations migrations = Migrations.open(FlywaySettings.of("filesystem:src/test/resources/scenarios/"
                    + scenario), database.dataSource(), getClass().getClassLoader());
            for (Revision revision : migrations.revisions()) {
                try {
                    migrations.up(revision);
                } catch (MigrationException e) {
                    break;
                }
            }
            SchemaSnapshot catalog;
            SchemaSnapshot crawled;
            try (Connection connection = database.dataSource().getConnection()) {
                catalog = CatalogReader.read(connection, migrations.historyTables());
                crawled = SchemaCrawlerReader.read(connection, migrations.historyTables());
            }

            then(names(crawled, ObjectType.TABLE)).as("tables").isEqualTo(names(catalog, ObjectType.TABLE));
            for (ObjectType type : Set.of(ObjectType.VIEW, ObjectType.MATERIALIZED_VIEW, ObjectType.COLUMN, ObjectType.INDEX, ObjectType.TRIGGER,
                    ObjectType.SEQUENCE)) {
                then(names(crawled, type)).as("%s names", type).isEqualTo(names(catalog, type));
            }
            then(foreignKeys(crawled)).as("foreign keys").isEqualTo(foreignKeys(catalog));
        }
    }

    private static Set<String> names(SchemaSnapshot snapshot, ObjectType type) {
        return snapshot.objects(type).stream().map(SchemaObject::qualifiedName)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> foreignKeys(SchemaSnapshot crawled) {
        return crawled.objects(ObjectType.CONSTRAINT).stream()
                .filter(c -> c.property("kind").orElse("").equals("FOREIGN KEY"))
                .map(SchemaObject::qualifiedName).collect(Collectors.toCollection(TreeSet::new));
    }
}
