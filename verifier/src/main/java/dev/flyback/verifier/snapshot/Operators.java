package dev.flyback.verifier.snapshot;

import java.util.List;

/**
 * {@code CREATE OPERATOR}, named by its symbol and operand types (issue 16: only the function behind it was
 * reported).
 */
final class Operators implements ObjectKind {

    @Override
    public ObjectType type() {
        return ObjectType.OPERATOR;
    }

    @Override
    public List<Catalog> catalogs() {
        return List.of(Catalog.own("pg_operator"));
    }

    @Override
    public String select() {
        return """
                SELECT 'pg_operator:' || o.oid, n.nspname, NULL, o.oprname,
                       CASE WHEN o.oprleft = 0 THEN 'NONE' ELSE format_type(o.oprleft, NULL) END || ', '
                         || format_type(o.oprright, NULL),
                       jsonb_build_object(
                         'function', o.oprcode::text, 'result', format_type(o.oprresult, NULL),
                         'commutator', CASE WHEN o.oprcom <> 0 THEN o.oprcom::regoperator::text END,
                         'negator', CASE WHEN o.oprnegate <> 0 THEN o.oprnegate::regoperator::text END,
                         'restrict', CASE WHEN o.oprrest <> 0 THEN o.oprrest::text END,
                         'join', CASE WHEN o.oprjoin <> 0 THEN o.oprjoin::text END,
                         'hashes', o.oprcanhash, 'merges', o.oprcanmerge),
                       'pg_operator:' || o.oid, o.oid
                  FROM pg_operator o JOIN pg_namespace n ON n.oid = o.oprnamespace""";
    }

    @Override
    public String drop(SchemaObject object) {
        // An operator's symbol is never quoted.
        return "DROP OPERATOR IF EXISTS " + Identifiers.quote(object.schema()) + "." + object.name() + " ("
                + object.arguments().orElse("") + ");";
    }
}
