package dev.flyback.verifier.snapshot;

import java.util.List;
import java.util.Optional;

/** {@code CREATE PUBLICATION}: what it publishes and which tables (issue 16: it showed as "no schema change"). */
final class Publications implements ObjectKind {

    @Override
    public ObjectType type() {
        return ObjectType.PUBLICATION;
    }

    @Override
    public List<Catalog> catalogs() {
        return List.of(Catalog.own("pg_publication"),
                Catalog.partOf("pg_publication_rel", "'pg_publication:' || x.prpubid"));
    }

    @Override
    public String select() {
        return """
                SELECT 'pg_publication:' || p.oid, '', NULL, p.pubname, NULL, jsonb_build_object(
                         'all_tables', p.puballtables,
                         'publish', concat_ws(', ', CASE WHEN p.pubinsert THEN 'insert' END,
                                              CASE WHEN p.pubupdate THEN 'update' END,
                                              CASE WHEN p.pubdelete THEN 'delete' END,
                                              CASE WHEN p.pubtruncate THEN 'truncate' END),
                         'tables', (SELECT string_agg(r.prrelid::regclass::text, ', ' ORDER BY r.prrelid::regclass::text)
                                      FROM pg_publication_rel r WHERE r.prpubid = p.oid)),
                       'pg_publication:' || p.oid, p.oid
                  FROM pg_publication p""";
    }

    @Override
    public String drop(SchemaObject object) {
        return "DROP PUBLICATION IF EXISTS " + object.sqlName() + ";";
    }

    @Override
    public Optional<String> recreate(SchemaObject object) {
        String target = "true".equals(object.property("all_tables").orElse("false")) ? " FOR ALL TABLES"
                : object.property("tables").map(t -> " FOR TABLE " + t).orElse("");
        return Optional.of("CREATE PUBLICATION " + object.sqlName() + target + " WITH (publish = '"
                + object.property("publish").orElse("") + "');");
    }
}
