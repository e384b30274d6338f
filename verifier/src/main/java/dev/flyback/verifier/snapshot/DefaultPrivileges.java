package dev.flyback.verifier.snapshot;

import java.util.List;

/**
 * {@code ALTER DEFAULT PRIVILEGES}: the privileges every later object of a kind gets, named as the command names
 * them ({@code FOR ROLE app IN SCHEMA public ON TABLES}). One an undo forgets grants on every table created after it.
 */
final class DefaultPrivileges implements ObjectKind {

    @Override
    public ObjectType type() {
        return ObjectType.DEFAULT_PRIVILEGES;
    }

    @Override
    public List<Catalog> catalogs() {
        return List.of(Catalog.own("pg_default_acl"));
    }

    @Override
    public String select() {
        return """
                SELECT 'pg_default_acl:' || d.oid, '', NULL,
                       'FOR ROLE ' || quote_ident(pg_get_userbyid(d.defaclrole))
                         || CASE WHEN d.defaclnamespace <> 0 THEN ' IN SCHEMA ' || quote_ident(n.nspname) ELSE '' END
                         || ' ON ' || CASE d.defaclobjtype WHEN 'r' THEN 'TABLES' WHEN 'S' THEN 'SEQUENCES'
                                      WHEN 'f' THEN 'FUNCTIONS' WHEN 'T' THEN 'TYPES' WHEN 'n' THEN 'SCHEMAS'
                                      ELSE 'LARGE OBJECTS' END,
                       NULL, jsonb_build_object(
                         'acl', (SELECT string_agg(x::text, ',' ORDER BY x::text) FROM unnest(d.defaclacl) x),
                         'role', pg_get_userbyid(d.defaclrole), 'global', d.defaclnamespace = 0),
                       'pg_default_acl:' || d.oid, d.oid
                  FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace""";
    }

    /** The grants the entry holds, as the commands that make it. */
    @Override
    public java.util.Optional<String> recreate(SchemaObject object) {
        String name = object.name();
        int on = name.lastIndexOf(" ON ");
        String role = object.property("role").orElse("");
        StringBuilder sql = new StringBuilder();
        Privileges.byGrantee(object.property("acl").orElse("")).forEach((grantee, letters) -> {
            String privileges = Privileges.names(letters);
            if (!grantee.equals(role) && !privileges.isEmpty()) {
                sql.append("ALTER DEFAULT PRIVILEGES ").append(name, 0, on).append(" GRANT ").append(privileges)
                        .append(" ON ").append(name.substring(on + 4)).append(" TO ")
                        .append(grantee.isEmpty() ? "PUBLIC" : Identifiers.quote(grantee)).append(";\n");
            }
        });
        return sql.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(sql.toString().strip());
    }

    /**
     * Revokes what the entry grants to others; a database-wide entry that took privileges from the role itself gives
     * them back. PostgreSQL removes an entry once it equals the default.
     */
    @Override
    public String drop(SchemaObject object) {
        String name = object.name();
        int on = name.lastIndexOf(" ON ");
        String scope = "ALTER DEFAULT PRIVILEGES " + name.substring(0, on);
        String objects = name.substring(on + 4);
        String role = object.property("role").orElse("");
        StringBuilder sql = new StringBuilder();
        for (String grantee : Privileges.byGrantee(object.property("acl").orElse("")).keySet()) {
            if (!grantee.equals(role)) {
                sql.append(scope).append(" REVOKE ALL ON ").append(objects).append(" FROM ")
                        .append(grantee.isEmpty() ? "PUBLIC" : Identifiers.quote(grantee)).append(";\n");
            }
        }
        if ("true".equals(object.property("global").orElse("false"))) {
            sql.append(scope).append(" GRANT ALL ON ").append(objects).append(" TO ").append(Identifiers.quote(role))
                    .append(";\n");
        }
        return sql.toString().strip();
    }
}
