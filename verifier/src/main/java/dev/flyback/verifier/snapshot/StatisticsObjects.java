package dev.flyback.verifier.snapshot;

import java.util.List;
import java.util.Optional;

/**
 * {@code CREATE STATISTICS} on a table: part of the table's unit, so that dropping the table (or the statistics)
 * reads the table again. Named under its table, like an index; {@code pg_get_statisticsobjdef} writes it whole.
 */
final class StatisticsObjects implements ObjectKind {

    @Override
    public ObjectType type() {
        return ObjectType.STATISTICS;
    }

    @Override
    public List<Catalog> catalogs() {
        return List.of(Catalog.partOf("pg_statistic_ext", "'c:' || x.stxrelid"));
    }

    @Override
    public String unitGroup() {
        return "c";
    }

    @Override
    public String select() {
        return """
                SELECT 'c:' || s.stxrelid, tn.nspname, t.relname, s.stxname, NULL, jsonb_build_object(
                         'definition', pg_get_statisticsobjdef(s.oid)),
                       'pg_statistic_ext:' || s.oid, s.oid
                  FROM pg_statistic_ext s JOIN pg_class t ON t.oid = s.stxrelid
                  JOIN pg_namespace tn ON tn.oid = t.relnamespace""";
    }

    /** The statistics object's own qualified name, as its definition spells it (it may live in another schema). */
    private static String qualified(SchemaObject object) {
        return object.property("definition").filter(d -> d.startsWith("CREATE STATISTICS "))
                .map(d -> d.substring("CREATE STATISTICS ".length()).split(" ")[0])
                .orElse(Identifiers.quote(object.schema()) + "." + Identifiers.quote(object.name()));
    }

    @Override
    public String drop(SchemaObject object) {
        return "DROP STATISTICS IF EXISTS " + qualified(object) + ";";
    }

    @Override
    public Optional<String> recreate(SchemaObject object) {
        return object.property("definition").map(d -> d + ";");
    }
}
