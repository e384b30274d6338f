package dev.flyback.verifier.snapshot;

import java.util.List;

/** {@code CREATE SERVER}: a foreign server and the wrapper it uses (foreign tables are tables). */
final class ForeignServers implements ObjectKind {

    @Override
    public ObjectType type() {
        return ObjectType.SERVER;
    }

    @Override
    public List<Catalog> catalogs() {
        return List.of(Catalog.own("pg_foreign_server"));
    }

    @Override
    public String select() {
        return """
                SELECT 'pg_foreign_server:' || s.oid, '', NULL, s.srvname, NULL, jsonb_build_object(
                         'wrapper', (SELECT w.fdwname FROM pg_foreign_data_wrapper w WHERE w.oid = s.srvfdw),
                         'type', s.srvtype, 'version', s.srvversion,
                         'options', array_to_string(s.srvoptions, ', ')),
                       'pg_foreign_server:' || s.oid, s.oid
                  FROM pg_foreign_server s""";
    }

    @Override
    public String drop(SchemaObject object) {
        return "DROP SERVER IF EXISTS " + object.sqlName() + ";";
    }
}
