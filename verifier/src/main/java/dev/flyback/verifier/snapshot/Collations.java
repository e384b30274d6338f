package dev.flyback.verifier.snapshot;

import java.util.List;

/**
 * {@code CREATE COLLATION}. The locale's column is named by PostgreSQL's version ({@code colliculocale} in 15 and
 * 16, {@code colllocale} from 17, none before 15): it is read from the row as JSON, so one query serves them all.
 */
final class Collations implements ObjectKind {

    @Override
    public ObjectType type() {
        return ObjectType.COLLATION;
    }

    @Override
    public List<Catalog> catalogs() {
        return List.of(Catalog.own("pg_collation"));
    }

    @Override
    public String select() {
        return """
                SELECT 'pg_collation:' || c.oid, n.nspname, NULL, c.collname, NULL, jsonb_build_object(
                         'provider', CASE c.collprovider WHEN 'i' THEN 'icu' WHEN 'c' THEN 'libc'
                                                         WHEN 'b' THEN 'builtin' ELSE 'default' END,
                         'deterministic', c.collisdeterministic, 'lc_collate', c.collcollate,
                         'lc_ctype', c.collctype,
                         'locale', coalesce(to_jsonb(c) ->> 'colllocale', to_jsonb(c) ->> 'colliculocale')),
                       'pg_collation:' || c.oid, c.oid
                  FROM pg_collation c JOIN pg_namespace n ON n.oid = c.collnamespace""";
    }

    @Override
    public String drop(SchemaObject object) {
        return "DROP COLLATION IF EXISTS " + object.sqlName() + ";";
    }
}
