package dev.flyback.verifier.snapshot;

import java.util.List;
import java.util.Optional;

/**
 * {@code CREATE CAST}, named as PostgreSQL's commands name it: {@code (text AS public.email)}. The casts PostgreSQL
 * makes for a range type (to its multirange) are the type's, internally: they come and go with it.
 */
final class Casts implements ObjectKind {

    @Override
    public ObjectType type() {
        return ObjectType.CAST;
    }

    @Override
    public List<Catalog> catalogs() {
        return List.of(Catalog.own("pg_cast"));
    }

    @Override
    public String select() {
        return """
                SELECT 'pg_cast:' || c.oid, '', NULL,
                       '(' || format_type(c.castsource, NULL) || ' AS ' || format_type(c.casttarget, NULL) || ')',
                       NULL, jsonb_build_object(
                         'function', CASE WHEN c.castfunc <> 0 THEN c.castfunc::regprocedure::text END,
                         'context', CASE c.castcontext WHEN 'e' THEN 'explicit' WHEN 'a' THEN 'assignment'
                                                       ELSE 'implicit' END,
                         'method', CASE c.castmethod WHEN 'f' THEN 'function' WHEN 'i' THEN 'inout'
                                                     ELSE 'binary' END),
                       'pg_cast:' || c.oid, c.oid
                  FROM pg_cast c
                 WHERE NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_cast'::regclass
                                      AND d.objid = c.oid AND d.deptype = 'i')""";
    }

    @Override
    public String drop(SchemaObject object) {
        return "DROP CAST IF EXISTS " + object.name() + ";";
    }

    @Override
    public Optional<String> recreate(SchemaObject object) {
        String how = switch (object.property("method").orElse("")) {
            case "function" -> object.property("function").map(f -> " WITH FUNCTION " + f).orElse("");
            case "inout" -> " WITH INOUT";
            default -> " WITHOUT FUNCTION";
        };
        String context = switch (object.property("context").orElse("explicit")) {
            case "assignment" -> " AS ASSIGNMENT";
            case "implicit" -> " AS IMPLICIT";
            default -> "";
        };
        return how.isEmpty() ? Optional.empty() : Optional.of("CREATE CAST " + object.name() + how + context + ";");
    }
}
