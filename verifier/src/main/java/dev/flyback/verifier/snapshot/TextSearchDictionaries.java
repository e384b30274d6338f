package dev.flyback.verifier.snapshot;

import java.util.List;
import java.util.Optional;

/** {@code CREATE TEXT SEARCH DICTIONARY}: its template and options. */
final class TextSearchDictionaries implements ObjectKind {

    @Override
    public ObjectType type() {
        return ObjectType.TEXT_SEARCH_DICTIONARY;
    }

    @Override
    public List<Catalog> catalogs() {
        return List.of(Catalog.own("pg_ts_dict"));
    }

    @Override
    public String select() {
        return """
                SELECT 'pg_ts_dict:' || d.oid, n.nspname, NULL, d.dictname, NULL, jsonb_build_object(
                         'template', (SELECT tn.nspname || '.' || t.tmplname FROM pg_ts_template t
                                        JOIN pg_namespace tn ON tn.oid = t.tmplnamespace WHERE t.oid = d.dicttemplate),
                         'options', d.dictinitoption),
                       'pg_ts_dict:' || d.oid, d.oid
                  FROM pg_ts_dict d JOIN pg_namespace n ON n.oid = d.dictnamespace""";
    }

    @Override
    public String drop(SchemaObject object) {
        return "DROP TEXT SEARCH DICTIONARY IF EXISTS " + object.sqlName() + ";";
    }

    @Override
    public Optional<String> recreate(SchemaObject object) {
        return object.property("template").map(template -> "CREATE TEXT SEARCH DICTIONARY " + object.sqlName()
                + " (TEMPLATE = " + template + object.property("options").map(o -> ", " + o).orElse("") + ");");
    }
}
