package dev.flyback.verifier.snapshot;

import java.util.List;

/** {@code CREATE CONVERSION} between two encodings. */
final class Conversions implements ObjectKind {

    @Override
    public ObjectType type() {
        return ObjectType.CONVERSION;
    }

    @Override
    public List<Catalog> catalogs() {
        return List.of(Catalog.own("pg_conversion"));
    }

    @Override
    public String select() {
        return """
                SELECT 'pg_conversion:' || c.oid, n.nspname, NULL, c.conname, NULL, jsonb_build_object(
                         'from', pg_encoding_to_char(c.conforencoding), 'to', pg_encoding_to_char(c.contoencoding),
                         'function', c.conproc::text, 'default', c.condefault),
                       'pg_conversion:' || c.oid, c.oid
                  FROM pg_conversion c JOIN pg_namespace n ON n.oid = c.connamespace""";
    }

    @Override
    public String drop(SchemaObject object) {
        return "DROP CONVERSION IF EXISTS " + object.sqlName() + ";";
    }
}
