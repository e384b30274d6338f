package dev.flyback.verifier.internal.schemacrawler;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.apiguardian.api.API;

import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;
import dev.flyback.verifier.snapshot.SchemaSnapshot;
import dev.flyback.verifier.snapshot.SnapshotReader;

import schemacrawler.inclusionrule.RegularExpressionInclusionRule;
import schemacrawler.schema.Catalog;
import schemacrawler.schema.Column;
import schemacrawler.schema.ColumnReference;
import schemacrawler.schema.ForeignKey;
import schemacrawler.schema.Index;
import schemacrawler.schema.IndexColumn;
import schemacrawler.schema.Routine;
import schemacrawler.schema.Sequence;
import schemacrawler.schema.Table;
import schemacrawler.schema.Trigger;
import schemacrawler.schema.View;
import schemacrawler.schemacrawler.LimitOptionsBuilder;
import schemacrawler.schemacrawler.LoadOptionsBuilder;
import schemacrawler.schemacrawler.SchemaCrawlerOptions;
import schemacrawler.schemacrawler.SchemaCrawlerOptionsBuilder;
import schemacrawler.schemacrawler.SchemaInfoLevelBuilder;
import schemacrawler.tools.utility.SchemaCrawlerUtility;
import us.fatehi.utility.datasource.DatabaseConnectionSources;

/**
 * Reads a {@link SchemaSnapshot} with SchemaCrawler (and its PostgreSQL plugin): tables, columns, indexes, foreign
 * keys, views, routines, triggers and sequences, as SchemaCrawler models them. The only SchemaCrawler importer.
 *
 * <p>A full crawl costs about a second for 200 tables, so the up/down/up proof reads the catalog directly
 * ({@link dev.flyback.verifier.snapshot.CatalogReader}); this reader is the independent second opinion that proves
 * the catalog reader sees the same objects, and a structured view for tools that want SchemaCrawler's model.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class SchemaCrawlerReader {
    private static final Pattern USER_SCHEMAS = Pattern.compile("(?!pg_catalog$|information_schema$|pg_toast).*");
    static {
        QuietLogs.ensure();
    }

    /** This reader, as a {@link SnapshotReader}. */
    public static final SnapshotReader READER = new SnapshotReader() {
        @Override
        public SchemaSnapshot read(Connection connection, java.util.Collection<String> excludedTables) {
            return SchemaCrawlerReader.read(connection, excludedTables);
        }

        @Override
        public String id() {
            return "schemacrawler";
        }
    };

    private SchemaCrawlerReader() {
    }

    /**
     * Crawls every user schema of the connected database, leaving out the named tables (Flyway's history).
     *
     * @throws IllegalStateException when SchemaCrawler fails, with its message
     */
    public static SchemaSnapshot read(Connection connection, java.util.Collection<String> excludedTables) {
        SchemaCrawlerOptions options = SchemaCrawlerOptionsBuilder.newSchemaCrawlerOptions()
                .withLimitOptions(LimitOptionsBuilder.builder()
                        .includeSchemas(new RegularExpressionInclusionRule(USER_SCHEMAS))
                        .includeRoutines(new RegularExpressionInclusionRule(".*"))
                        .includeSequences(new RegularExpressionInclusionRule(".*"))
                        // SchemaCrawler's default types leave out materialized views and partitioned tables
                        // (ReadersAgreeTests found both missing on the golden scenarios).
                        .tableTypes("TABLE", "VIEW", "MATERIALIZED VIEW", "PARTITIONED TABLE", "FOREIGN TABLE")
                        .toOptions())
                .withLoadOptions(LoadOptionsBuilder.builder()
                        .withSchemaInfoLevel(SchemaInfoLevelBuilder.maximum()).toOptions());
        Catalog catalog;
        try {
            catalog = SchemaCrawlerUtility.getCatalog(DatabaseConnectionSources.fromConnection(connection), options);
        } catch (RuntimeException e) {
            throw new IllegalStateException("SchemaCrawler could not read the schema: " + e.getMessage(), e);
        }
        List<SchemaObject> objects = new ArrayList<>();
        for (Table table : catalog.getTables()) {
            if (!excludedTables.contains(table.getName())) {
                addTable(objects, table);
            }
        }
        for (Routine routine : catalog.getRoutines()) {
            objects.add(object(routine.getRoutineType().name().contains("PROCEDURE") ? ObjectType.PROCEDURE
                    : ObjectType.FUNCTION, schema(routine.getSchema().getName()), Optional.empty(), routine.getName(),
                    new TreeMap<>()));
        }
        for (Sequence sequence : catalog.getSequences()) {
            TreeMap<String, String> properties = new TreeMap<>();
            properties.put("increment", String.valueOf(sequence.getIncrement()));
            objects.add(object(ObjectType.SEQUENCE, schema(sequence.getSchema().getName()), Optional.empty(),
                    sequence.getName(), properties));
        }
        return new SchemaSnapshot(objects);
    }

    private static void addTable(List<SchemaObject> objects, Table table) {
        String schema = schema(table.getSchema().getName());
        boolean materialized = table.getTableType().getTableType().toUpperCase(java.util.Locale.ROOT)
                .contains("MATERIALIZED");
        boolean view = table instanceof View || table.getTableType().isView() || materialized;
        objects.add(object(materialized ? ObjectType.MATERIALIZED_VIEW : view ? ObjectType.VIEW : ObjectType.TABLE,
                schema, Optional.empty(), table.getName(), new TreeMap<>()));
        if (view) {
            return;
        }
        Optional<String> owner = Optional.of(table.getName());
        for (Column column : table.getColumns()) {
            TreeMap<String, String> properties = new TreeMap<>();
            properties.put("type", column.getColumnDataType().getName());
            properties.put("nullable", String.valueOf(column.isNullable()));
            objects.add(object(ObjectType.COLUMN, schema, owner, column.getName(), properties));
        }
        for (Index index : table.getIndexes()) {
            TreeMap<String, String> properties = new TreeMap<>();
            properties.put("unique", String.valueOf(index.isUnique()));
            properties.put("columns", index.getColumns().stream().map(IndexColumn::getName)
                    .collect(Collectors.joining(", ")));
            objects.add(object(ObjectType.INDEX, schema, owner, index.getName(), properties));
        }
        for (ForeignKey foreignKey : table.getImportedForeignKeys()) {
            TreeMap<String, String> properties = new TreeMap<>();
            properties.put("kind", "FOREIGN KEY");
            properties.put("columns", foreignKey.getColumnReferences().stream()
                    .map(ColumnReference::getForeignKeyColumn).map(Column::getName).collect(Collectors.joining(", ")));
            properties.put("references", foreignKey.getPrimaryKeyTable().getName());
            properties.put("on_delete", foreignKey.getDeleteRule().name());
            objects.add(object(ObjectType.CONSTRAINT, schema, owner, foreignKey.getName(), properties));
        }
        for (Trigger trigger : table.getTriggers()) {
            objects.add(object(ObjectType.TRIGGER, schema, owner, trigger.getName(), new TreeMap<>()));
        }
    }

    private static SchemaObject object(ObjectType type, String schema, Optional<String> table, String name,
                                       TreeMap<String, String> properties) {
        return new SchemaObject(type, schema, table, name, Optional.empty(), properties);
    }

    /** SchemaCrawler names PostgreSQL schemas with the database in front ({@code db.public}); keep the schema. */
    private static String schema(String name) {
        return name.contains(".") ? name.substring(name.lastIndexOf('.') + 1) : name;
    }
}
