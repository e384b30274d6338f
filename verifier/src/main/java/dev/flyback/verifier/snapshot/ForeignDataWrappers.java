package dev.flyback.verifier.snapshot;

import java.util.List;
import java.util.Optional;

/** {@code CREATE FOREIGN DATA WRAPPER} (one an extension creates is the extension's, as everywhere). */
final class ForeignDataWrappers implements ObjectKind {

    @Override
    public ObjectType type() {
        return ObjectType.FOREIGN_DATA_WRAPPER;
    }

    @Override
    public List<Catalog> catalogs() {
        return List.of(Catalog.own("pg_foreign_data_wrapper"));
    }

    @Override
    public String select() {
        return """
                SELECT 'pg_foreign_data_wrapper:' || w.oid, '', NULL, w.fdwname, NULL, jsonb_build_object(
                         'handler', CASE WHEN w.fdwhandler <> 0 THEN w.fdwhandler::regproc::text END,
                         'validator', CASE WHEN w.fdwvalidator <> 0 THEN w.fdwvalidator::regproc::text END,
                         'options', array_to_string(w.fdwoptions, ', ')),
                       'pg_foreign_data_wrapper:' || w.oid, w.oid
                  FROM pg_foreign_data_wrapper w""";
    }

    @Override
    public String drop(SchemaObject object) {
        return "DROP FOREIGN DATA WRAPPER IF EXISTS " + object.sqlName() + ";";
    }

    @Override
    public Optional<String> recreate(SchemaObject object) {
        return Optional.of("CREATE FOREIGN DATA WRAPPER " + object.sqlName()
                + object.property("handler").map(h -> " HANDLER " + h).orElse("")
                + object.property("validator").map(v -> " VALIDATOR " + v).orElse("") + ";");
    }
}
