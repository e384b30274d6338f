package dev.flyback.verifier.finding;

import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.diff.SchemaDifference.PropertyChange;
import dev.flyback.verifier.snapshot.Identifiers;
import dev.flyback.verifier.snapshot.ObjectKinds;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.Privileges;
import dev.flyback.verifier.snapshot.SchemaObject;

/**
 * The SQL that fixes a difference, where Flyback can write it: the fix texts of the reversibility findings
 * ({@code FixProofTests} applies each and proves its finding gone), and the statements of a written undo
 * ({@code flyback undo}).
 *
 * @since 0.4
 */
@API(status = API.Status.INTERNAL, since = "0.4")
public final class FixHints {

    private FixHints() {
    }

    /** How to remove an object the undo left behind. */
    public static String drop(SchemaObject object) {
        String name = object.sqlName();
        String table = object.sqlTable().orElse("");
        String member = Identifiers.quote(object.name());
        switch (object.type()) {
            case COLUMN:
                return "ALTER TABLE " + table + " DROP COLUMN IF EXISTS " + member + ";";
            case CONSTRAINT:
                return "ALTER TABLE " + table + " DROP CONSTRAINT IF EXISTS " + member + ";";
            case TRIGGER:
            case POLICY:
            case RULE:
                return "DROP " + object.type().displayName().toUpperCase() + " IF EXISTS " + member + " ON " + table + ";";
            case ENUM:
                return "DROP TYPE IF EXISTS " + name + ";";
            case INDEX:
                return "DROP INDEX IF EXISTS " + Identifiers.quote(object.schema()) + "." + member + ";";
            default:
                return ObjectKinds.of(object.type()).map(kind -> kind.drop(object)).orElseGet(() -> "DROP "
                        + object.type().displayName().toUpperCase() + " IF EXISTS " + name + ";");
        }
    }

    /** How to bring back an object the undo dropped, or empty when only a human can say. */
    public static Optional<String> recreate(SchemaObject object) {
        String table = object.sqlTable().orElse("");
        String member = Identifiers.quote(object.name());
        Optional<String> definition = object.property("definition");
        switch (object.type()) {
            case INDEX:
            case FUNCTION:
            case PROCEDURE:
            case TRIGGER:
                return definition.map(d -> d.strip() + ";");
            case CONSTRAINT:
                return definition.map(d -> "ALTER TABLE " + table + " ADD CONSTRAINT " + member + " " + d + ";");
            case VIEW:
            case MATERIALIZED_VIEW:
                return definition.map(d -> "CREATE " + object.type().displayName().toUpperCase() + " "
                        + object.sqlName() + " AS\n" + d.stripTrailing().replaceAll(";$", "") + ";");
            case COLUMN:
                return Optional.of("ALTER TABLE " + table + " ADD COLUMN " + member + " " + columnSpec(object) + ";");
            case ENUM:
                return object.property("values").map(v -> "CREATE TYPE " + object.sqlName() + " AS ENUM (" + v + ");");
            case POLICY:
                return Optional.of(createPolicy(object));
            case DOMAIN:
                return object.property("base_type").map(base -> "CREATE DOMAIN " + object.sqlName() + " AS " + base
                        + object.property("default").map(d -> " DEFAULT " + d).orElse("")
                        + ("true".equals(object.property("not_null").orElse("false")) ? " NOT NULL" : "")
                        + object.property("constraints").map(FixHints::domainConstraints).orElse("") + ";");
            case TYPE:
                if (object.property("attributes").isPresent()) {
                    return Optional.of("CREATE TYPE " + object.sqlName() + " AS (" + object.property("attributes")
                            .get() + ");");
                }
                return object.property("subtype").map(subtype -> "CREATE TYPE " + object.sqlName()
                        + " AS RANGE (SUBTYPE = " + subtype + ");");
            case SCHEMA:
                return Optional.of("CREATE SCHEMA " + Identifiers.quote(object.name()) + ";");
            case EXTENSION:
                return Optional.of("CREATE EXTENSION IF NOT EXISTS " + Identifiers.quote(object.name()) + ";");
            case SEQUENCE:
                return Optional.of("CREATE SEQUENCE " + object.sqlName() + " AS " + object.property("type").orElse("bigint")
                        + " INCREMENT " + object.property("increment").orElse("1")
                        + " MINVALUE " + object.property("min").orElse("1")
                        + " MAXVALUE " + object.property("max").orElse("9223372036854775807")
                        + " START " + object.property("start").orElse("1")
                        + ("true".equals(object.property("cycle").orElse("false")) ? " CYCLE" : "") + ";");
            default:
                return ObjectKinds.of(object.type()).flatMap(kind -> kind.recreate(object));
        }
    }

    /**
     * How to create a table with its columns (in the order given), as it was: unlogged, a partition of its parent,
     * partitioned, inheriting, with its storage options. Keys, indexes and the rest come with their own statements.
     */
    public static String createTable(SchemaObject table, List<SchemaObject> columns) {
        String name = table.sqlName();
        Optional<String> bound = table.property("partition_bound");
        Optional<String> parents = table.property("inherits");
        if (bound.isPresent() && parents.isPresent()) {
            // A partition's columns are its parent's.
            return "CREATE TABLE " + name + " PARTITION OF " + parents.get() + " " + bound.get() + ";";
        }
        StringBuilder sql = new StringBuilder("CREATE ");
        if ("unlogged".equals(table.property("persistence").orElse(""))) {
            sql.append("UNLOGGED ");
        }
        sql.append("TABLE ").append(name).append(" (");
        for (int i = 0; i < columns.size(); i++) {
            sql.append(i == 0 ? "\n    " : ",\n    ").append(Identifiers.quote(columns.get(i).name())).append(' ')
                    .append(columnSpec(columns.get(i)));
        }
        sql.append(columns.isEmpty() ? ")" : "\n)");
        parents.ifPresent(p -> sql.append(" INHERITS (").append(p).append(')'));
        table.property("partition_key").ifPresent(key -> sql.append(" PARTITION BY ").append(key));
        table.property("options").filter(o -> o.startsWith("{") && o.length() > 2)
                .ifPresent(o -> sql.append(" WITH (").append(o, 1, o.length() - 1).append(')'));
        return sql.append(';').toString();
    }

    /** A policy's terms, which its statement sets. */
    private static final java.util.Set<String> POLICY_TERMS = java.util.Set.of("command", "permissive", "roles",
            "using", "with_check");
    /** A sequence's options, which {@code ALTER SEQUENCE} sets. */
    private static final java.util.Set<String> SEQUENCE_TERMS = java.util.Set.of("type", "increment", "min", "max",
            "start", "cache", "cycle", "owned_by");

    /** {@code ALTER SEQUENCE} back to the options it had; its owner, privileges and comment as restoreProperties does. */
    private static Optional<String> alterSequence(SchemaDifference.Changed change) {
        SchemaObject before = change.before();
        java.util.Map<String, PropertyChange> changes = change.changes();
        java.util.Map<String, PropertyChange> rest = new java.util.TreeMap<>(changes);
        rest.keySet().removeAll(SEQUENCE_TERMS);
        Optional<String> others = rest.isEmpty() ? Optional.of("") : restoreProperties(
                new SchemaDifference.Changed(before, change.subject(), new java.util.TreeMap<>(rest)));
        if (others.isEmpty()) {
            return Optional.empty();
        }
        StringBuilder sql = new StringBuilder("ALTER SEQUENCE ").append(before.sqlName());
        if (changes.containsKey("type")) {
            sql.append(" AS ").append(before.property("type").orElse("bigint"));
        }
        if (changes.containsKey("increment")) {
            sql.append(" INCREMENT BY ").append(before.property("increment").orElse("1"));
        }
        if (changes.containsKey("min")) {
            sql.append(before.property("min").map(m -> " MINVALUE " + m).orElse(" NO MINVALUE"));
        }
        if (changes.containsKey("max")) {
            sql.append(before.property("max").map(m -> " MAXVALUE " + m).orElse(" NO MAXVALUE"));
        }
        if (changes.containsKey("start")) {
            sql.append(" START WITH ").append(before.property("start").orElse("1"));
        }
        if (changes.containsKey("cache")) {
            sql.append(" CACHE ").append(before.property("cache").orElse("1"));
        }
        if (changes.containsKey("cycle")) {
            sql.append("true".equals(before.property("cycle").orElse("false")) ? " CYCLE" : " NO CYCLE");
        }
        if (changes.containsKey("owned_by")) {
            sql.append(" OWNED BY ").append(before.property("owned_by").orElse("NONE"));
        }
        sql.append(';');
        return Optional.of((sql + "\n" + others.get()).strip());
    }

    /** {@code CREATE POLICY} as the snapshot describes it (PostgreSQL's {@code polcmd} letter, roles, expressions). */
    private static String createPolicy(SchemaObject policy) {
        String command = switch (policy.property("command").orElse("*")) {
            case "r" -> "SELECT";
            case "a" -> "INSERT";
            case "w" -> "UPDATE";
            case "d" -> "DELETE";
            default -> "ALL";
        };
        StringBuilder sql = new StringBuilder("CREATE POLICY ").append(Identifiers.quote(policy.name())).append(" ON ")
                .append(policy.sqlTable().orElse(""));
        if ("false".equals(policy.property("permissive").orElse("true"))) {
            sql.append(" AS RESTRICTIVE");
        }
        sql.append(" FOR ").append(command);
        policy.property("roles").ifPresent(roles -> sql.append(" TO ").append(roles));
        policy.property("using").ifPresent(using -> sql.append(" USING (").append(using).append(')'));
        policy.property("with_check").ifPresent(check -> sql.append(" WITH CHECK (").append(check).append(')'));
        return sql.append(';').toString();
    }

    /**
     * A domain's constraints as the snapshot lists them ({@code positive_check CHECK ((VALUE > 0)); other ...}),
     * written as clauses of {@code CREATE DOMAIN}.
     */
    private static String domainConstraints(String listed) {
        StringBuilder clauses = new StringBuilder();
        for (String constraint : listed.split("; (?=[\\w\"]+ (?:CHECK|NOT NULL))")) {
            int space = constraint.indexOf(' ');
            clauses.append(" CONSTRAINT ").append(Identifiers.quote(constraint.substring(0, space)))
                    .append(constraint.substring(space));
        }
        return clauses.toString();
    }

    /**
     * How to take a rename back: the object renamed to its old name (moved back to its schema first), then whatever
     * else changed restored where Flyback can write it.
     */
    public static String rename(SchemaDifference.Changed change) {
        SchemaObject was = change.before();
        SchemaObject now = change.subject();
        StringBuilder sql = new StringBuilder();
        String current = now.sqlName();
        boolean schemaItself = now.type() == ObjectType.SCHEMA || now.type() == ObjectType.EXTENSION;
        if (!was.schema().equals(now.schema()) && now.table().isEmpty() && !schemaItself) {
            sql.append(alter(now)).append(' ').append(current).append(" SET SCHEMA ")
                    .append(Identifiers.quote(was.schema())).append(";\n");
            current = now.renamed(was.schema(), now.table(), now.name()).sqlName();
        }
        if (!was.name().equals(now.name())) {
            String member = Identifiers.quote(now.name());
            String old = Identifiers.quote(was.name());
            String table = now.sqlTable().orElse("");
            switch (now.type()) {
                case COLUMN -> sql.append("ALTER TABLE ").append(table).append(" RENAME COLUMN ").append(member)
                        .append(" TO ").append(old).append(";\n");
                case CONSTRAINT -> sql.append("ALTER TABLE ").append(table).append(" RENAME CONSTRAINT ")
                        .append(member).append(" TO ").append(old).append(";\n");
                case TRIGGER, POLICY, RULE -> sql.append("ALTER ").append(now.type().displayName().toUpperCase())
                        .append(' ').append(member).append(" ON ").append(table).append(" RENAME TO ").append(old)
                        .append(";\n");
                case INDEX -> sql.append("ALTER INDEX ").append(Identifiers.quote(now.schema())).append('.')
                        .append(member).append(" RENAME TO ").append(old).append(";\n");
                case SCHEMA -> sql.append("ALTER SCHEMA ").append(member).append(" RENAME TO ").append(old)
                        .append(";\n");
                default -> sql.append(alter(now)).append(' ').append(current).append(" RENAME TO ").append(old)
                        .append(";\n");
            }
        }
        Optional<String> rest = restore(new SchemaDifference.Changed(was, was.renamed(now.schema(), now.table(),
                was.name()), withoutNames(change)));
        rest.ifPresent(sql::append);
        return sql.toString().strip();
    }

    private static java.util.SortedMap<String, PropertyChange> withoutNames(SchemaDifference.Changed change) {
        java.util.SortedMap<String, PropertyChange> others = new java.util.TreeMap<>(change.changes());
        others.keySet().removeAll(java.util.Set.of(dev.flyback.verifier.diff.SchemaDiff.NAME,
                dev.flyback.verifier.diff.SchemaDiff.TABLE, dev.flyback.verifier.diff.SchemaDiff.SCHEMA));
        return others;
    }

    /** The ALTER command for a kind of object that lives in a schema: {@code ALTER TABLE}, {@code ALTER TYPE}. */
    private static String alter(SchemaObject object) {
        return switch (object.type()) {
            case ENUM, TYPE -> "ALTER TYPE";
            case DOMAIN -> "ALTER DOMAIN";
            case FUNCTION, PROCEDURE, AGGREGATE -> "ALTER " + object.type().displayName().toUpperCase();
            case VIEW, MATERIALIZED_VIEW, SEQUENCE -> "ALTER " + object.type().displayName().toUpperCase();
            case SCHEMA -> "ALTER SCHEMA";
            default -> "ALTER TABLE";
        };
    }

    /** How to restore a changed object, or empty when only a human can say. */
    public static Optional<String> restore(SchemaDifference.Changed change) {
        SchemaObject before = change.before();
        if (before.type() == ObjectType.COLUMN) {
            return restoreColumn(change);
        }
        if (change.changes().containsKey("definition")) {
            switch (before.type()) {
                case INDEX:
                case CONSTRAINT:
                case TRIGGER:
                    return recreate(before).map(create -> drop(before) + "\n" + create);
                case MATERIALIZED_VIEW:
                    // PostgreSQL has no CREATE OR REPLACE MATERIALIZED VIEW: dropped and created again (a written
                    // undo keeps its indexes, comment, grants and the views on it: ViewsAround).
                    return before.property("definition").map(d -> "DROP MATERIALIZED VIEW IF EXISTS "
                            + before.sqlName() + ";\nCREATE MATERIALIZED VIEW " + before.sqlName() + " AS\n"
                            + d.stripTrailing());
                case FUNCTION:
                case PROCEDURE:
                case VIEW:
                    // The comment, where it changed too (crates.io's random_string: docs/undo.md).
                    String comment = change.changes().containsKey("comment") ? "\n" + comment(before) : "";
                    return before.property("definition").map(d -> (before.type() == ObjectType.VIEW
                            ? "CREATE OR REPLACE VIEW " + before.sqlName() + " AS\n" + d.stripTrailing()
                            : d.strip() + ";") + comment);
                default:
                    return Optional.empty();
            }
        }
        if (before.type() == ObjectType.ENUM && change.changes().containsKey("values")) {
            return enumValues(change);
        }
        if (before.type() == ObjectType.POLICY && change.changes().keySet().stream().anyMatch(POLICY_TERMS::contains)) {
            // ALTER POLICY cannot change its command or whether it is permissive: dropped and created again.
            return Optional.of(drop(before) + "\n" + createPolicy(before));
        }
        if (before.type() == ObjectType.SEQUENCE && change.changes().keySet().stream().anyMatch(SEQUENCE_TERMS::contains)) {
            return alterSequence(change);
        }
        return restoreProperties(change);
    }

    /**
     * An enum's labels as they were, where that only adds labels ({@code ALTER TYPE ... ADD VALUE}, each in its place):
     * PostgreSQL cannot drop or reorder a label, so anything else is left to the author. The comment with them.
     */
    private static Optional<String> enumValues(SchemaDifference.Changed change) {
        if (!change.changes().keySet().stream().allMatch(k -> k.equals("values") || k.equals("comment"))) {
            return Optional.empty();
        }
        List<String> wanted = labels(change.changes().get("values").before());
        List<String> present = labels(change.changes().get("values").after());
        String type = change.before().sqlName();
        if (!wanted.containsAll(present) || !wanted.stream().filter(present::contains).toList().equals(present)) {
            // A label dropped or moved: the type is made again under its name, and the columns that use it are moved
            // onto it where the statement runs (EnumsAround, which finds them).
            String old = Identifiers.quote(change.before().name() + "__flyback_old");
            return Optional.of("ALTER TYPE " + type + " RENAME TO " + old + ";\nCREATE TYPE " + type + " AS ENUM ("
                    + String.join(", ", wanted) + ");\nDROP TYPE " + Identifiers.quote(change.before().schema()) + "."
                    + old + ";" + (change.changes().containsKey("comment") ? "\n" + comment(change.before()) : ""));
        }
        StringBuilder sql = new StringBuilder();
        int first = present.isEmpty() ? wanted.size() : wanted.indexOf(present.get(0));
        for (int i = first - 1; i >= 0; i--) {
            sql.append("ALTER TYPE ").append(type).append(" ADD VALUE ").append(wanted.get(i))
                    .append(i + 1 < wanted.size() ? " BEFORE " + wanted.get(i + 1) : "").append(";\n");
        }
        for (int i = first + 1; i < wanted.size(); i++) {
            if (!present.contains(wanted.get(i))) {
                sql.append("ALTER TYPE ").append(type).append(" ADD VALUE ").append(wanted.get(i)).append(" AFTER ")
                        .append(wanted.get(i - 1)).append(";\n");
            }
        }
        if (change.changes().containsKey("comment")) {
            sql.append(comment(change.before())).append('\n');
        }
        return Optional.of(sql.toString().strip());
    }

    /** The labels of an enum as the snapshot lists them, quoted: {@code 'a', 'it''s'}. */
    private static List<String> labels(String values) {
        List<String> labels = new java.util.ArrayList<>();
        if (values == null || PropertyChange.ABSENT.equals(values)) {
            return labels;
        }
        java.util.regex.Matcher label = java.util.regex.Pattern.compile("'(?:[^']|'')*'").matcher(values);
        while (label.find()) {
            labels.add(label.group());
        }
        return labels;
    }

    /** The properties {@link #restoreProperties} writes SQL for. */
    private static final java.util.Set<String> RESTORED = java.util.Set.of("owner", "replica_identity", "acl",
            "comment", "row_level_security", "force_row_level_security", "tables", "publish");

    /**
     * The owner, replica identity, privileges and comment as they were, or empty when another property changed.
     * Giving a table back to its owner gives back the owner's privileges too (PostgreSQL rewrites them), so the
     * privileges are restored on their own only when more than the owner's name changed in them.
     */
    private static Optional<String> restoreProperties(SchemaDifference.Changed change) {
        SchemaObject before = change.before();
        java.util.Map<String, PropertyChange> changes = change.changes();
        if (changes.isEmpty() || !RESTORED.containsAll(changes.keySet())) {
            return Optional.empty();
        }
        StringBuilder sql = new StringBuilder();
        PropertyChange owner = changes.get("owner");
        if (owner != null) {
            sql.append(alter(before)).append(' ').append(before.sqlName()).append(" OWNER TO ")
                    .append(Identifiers.quote(owner.before())).append(";\n");
        }
        PropertyChange identity = changes.get("replica_identity");
        if (identity != null) {
            sql.append("ALTER TABLE ").append(before.sqlName()).append(" REPLICA IDENTITY ")
                    .append(PropertyChange.ABSENT.equals(identity.before()) ? "DEFAULT" : identity.before())
                    .append(";\n");
        }
        PropertyChange acl = changes.get("acl");
        if (acl != null && (owner == null || !acl.before().replace(owner.before() + "=", owner.after() + "=")
                .replace("/" + owner.before(), "/" + owner.after()).equals(acl.after()))) {
            Optional<String> grants = restoreAcl(before, acl.before(), acl.after());
            if (grants.isEmpty()) {
                return Optional.empty();
            }
            sql.append(grants.get()).append('\n');
        }
        PropertyChange security = changes.get("row_level_security");
        if (security != null) {
            sql.append("ALTER TABLE ").append(before.sqlName()).append("true".equals(security.before())
                    ? " ENABLE" : " DISABLE").append(" ROW LEVEL SECURITY;\n");
        }
        PropertyChange forced = changes.get("force_row_level_security");
        if (forced != null) {
            sql.append("ALTER TABLE ").append(before.sqlName()).append("true".equals(forced.before())
                    ? " FORCE" : " NO FORCE").append(" ROW LEVEL SECURITY;\n");
        }
        PropertyChange tables = changes.get("tables");
        if (tables != null) {
            // A publication's tables: the ones added taken out, the ones taken out added again.
            java.util.Set<String> was = listed(tables.before());
            java.util.Set<String> now = listed(tables.after());
            now.stream().filter(t -> !was.contains(t)).forEach(t -> sql.append("ALTER PUBLICATION ")
                    .append(before.sqlName()).append(" DROP TABLE ").append(t).append(";\n"));
            was.stream().filter(t -> !now.contains(t)).forEach(t -> sql.append("ALTER PUBLICATION ")
                    .append(before.sqlName()).append(" ADD TABLE ").append(t).append(";\n"));
        }
        PropertyChange publish = changes.get("publish");
        if (publish != null) {
            sql.append("ALTER PUBLICATION ").append(before.sqlName()).append(" SET (publish = '")
                    .append(PropertyChange.ABSENT.equals(publish.before()) ? "" : publish.before()).append("');\n");
        }
        if (changes.containsKey("comment")) {
            sql.append(comment(before)).append('\n');
        }
        return Optional.of(sql.toString().strip());
    }

    /**
     * The GRANT and REVOKE statements that give {@code object} the privileges {@code before} lists again (ACL items
     * as PostgreSQL prints them, {@code grantee=privileges/grantor}, defaults spelled out), for the grantees whose
     * privileges differ.
     */
    static Optional<String> restoreAcl(SchemaObject object, String before, String after) {
        String target = aclTarget(object);
        if (target.isEmpty()) {
            return Optional.empty();
        }
        java.util.Map<String, String> was = aclItems(before);
        java.util.Map<String, String> now = aclItems(after);
        java.util.Set<String> grantees = new java.util.TreeSet<>(was.keySet());
        grantees.addAll(now.keySet());
        StringBuilder sql = new StringBuilder();
        for (String grantee : grantees) {
            String wanted = was.getOrDefault(grantee, "");
            if (wanted.equals(now.getOrDefault(grantee, ""))) {
                continue;
            }
            String role = grantee.isEmpty() ? "PUBLIC" : Identifiers.quote(grantee);
            sql.append("REVOKE ALL ON ").append(target).append(" FROM ").append(role).append(";\n");
            String privileges = Privileges.names(wanted);
            if (!privileges.isEmpty()) {
                sql.append("GRANT ").append(privileges).append(" ON ").append(target).append(" TO ").append(role)
                        .append(";\n");
            }
        }
        return sql.length() == 0 ? Optional.empty() : Optional.of(sql.toString().strip());
    }

    /**
     * The {@code GRANT}s that give a newly created object the privileges {@code acl} lists (as PostgreSQL prints
     * them), or empty where there is nothing to grant or the kind has none.
     */
    public static Optional<String> grants(SchemaObject object, String acl) {
        return restoreAcl(object, acl, PropertyChange.ABSENT).map(sql -> sql.lines()
                .filter(line -> !line.startsWith("REVOKE ")).collect(java.util.stream.Collectors.joining("\n")))
                .filter(sql -> !sql.isBlank());
    }

    /** The items of a property that lists them ({@code users, orders}), none for an absent one. */
    private static java.util.Set<String> listed(String list) {
        java.util.Set<String> items = new java.util.TreeSet<>();
        if (list != null && !PropertyChange.ABSENT.equals(list)) {
            for (String item : list.split(",\\s*")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }

    /** Privileges by grantee ({@code ""} for PUBLIC), the letters without grant options. */
    private static java.util.Map<String, String> aclItems(String acl) {
        return acl == null || acl.equals(PropertyChange.ABSENT) ? new java.util.TreeMap<>()
                : Privileges.byGrantee(acl);
    }

    private static String aclTarget(SchemaObject object) {
        return switch (object.type()) {
            case TABLE, VIEW, MATERIALIZED_VIEW -> "TABLE " + object.sqlName();
            case SEQUENCE -> "SEQUENCE " + object.sqlName();
            case FUNCTION, AGGREGATE -> "FUNCTION " + object.sqlName();
            case PROCEDURE -> "PROCEDURE " + object.sqlName();
            case SCHEMA -> "SCHEMA " + object.sqlName();
            case ENUM, DOMAIN, TYPE -> "TYPE " + object.sqlName();
            default -> "";
        };
    }

    private static Optional<String> restoreColumn(SchemaDifference.Changed change) {
        SchemaObject before = change.before();
        String alter = "ALTER TABLE " + before.sqlTable().orElse("") + " ALTER COLUMN " + Identifiers.quote(before.name());
        StringBuilder sql = new StringBuilder();
        PropertyChange type = change.changes().get("type");
        if (type != null) {
            sql.append(alter).append(" TYPE ").append(type.before()).append(";\n");
        }
        PropertyChange nullable = change.changes().get("nullable");
        if (nullable != null) {
            sql.append(alter).append("true".equals(nullable.before()) ? " DROP NOT NULL;\n" : " SET NOT NULL;\n");
        }
        PropertyChange defaultValue = change.changes().get("default");
        if (defaultValue != null) {
            sql.append(alter).append(PropertyChange.ABSENT.equals(defaultValue.before())
                    ? " DROP DEFAULT;\n" : " SET DEFAULT " + defaultValue.before() + ";\n");
        }
        PropertyChange statistics = change.changes().get("statistics");
        if (statistics != null) {
            sql.append(alter).append(" SET STATISTICS ").append(PropertyChange.ABSENT.equals(statistics.before())
                    ? "-1" : statistics.before()).append(";\n");
        }
        if (change.changes().containsKey("comment")) {
            sql.append(comment(before)).append('\n');
        }
        return sql.length() == 0 || change.changes().keySet().stream().anyMatch(k -> !RESTORED_COLUMN.contains(k))
                ? Optional.empty() : Optional.of(sql.toString().strip());
    }

    /** The column properties {@link #restoreColumn} writes SQL for. */
    private static final java.util.Set<String> RESTORED_COLUMN = java.util.Set.of("type", "nullable", "default",
            "statistics", "comment");

    /** {@code COMMENT ON} the object, as its {@code comment} property says ({@code IS NULL} without one). */
    public static String comment(SchemaObject before) {
        String comment = before.property("comment").map(c -> "'" + c.replace("'", "''") + "'").orElse("NULL");
        return "COMMENT ON " + (before.type() == ObjectType.MATERIALIZED_VIEW ? "MATERIALIZED VIEW"
                : before.type().displayName().toUpperCase()) + " " + commentTarget(before) + " IS " + comment + ";";
    }

    private static String columnSpec(SchemaObject column) {
        StringBuilder spec = new StringBuilder(column.property("type").orElse("text"));
        column.property("collation").ifPresent(c -> spec.append(" COLLATE ").append(Identifiers.quote(c)));
        column.property("default").ifPresent(d -> spec.append(" DEFAULT ").append(d));
        column.property("generated").ifPresent(g -> spec.append(" GENERATED ALWAYS AS (").append(g)
                .append(") STORED"));
        column.property("identity").ifPresent(i -> spec.append(" GENERATED ").append(i).append(" AS IDENTITY")
                .append(identityOptions(column.property("identity_sequence").orElse(""))));
        if ("false".equals(column.property("nullable").orElse("true"))) {
            spec.append(" NOT NULL");
        }
        return spec.toString();
    }

    /**
     * The options of an identity column's sequence where they are not PostgreSQL's defaults, from the snapshot's
     * {@code "bigint start 1 increment 1 min 1 max 9223372036854775807 cache 1"}.
     */
    private static String identityOptions(String sequence) {
        java.util.regex.Matcher words = java.util.regex.Pattern.compile(
                "start (-?\\d+) increment (-?\\d+) min (-?\\d+) max (-?\\d+) cache (\\d+)( cycle)?").matcher(sequence);
        if (!words.find()) {
            return "";
        }
        List<String> options = new java.util.ArrayList<>();
        boolean ascending = !words.group(2).startsWith("-");
        if (!words.group(1).equals(ascending ? words.group(3) : words.group(4))) {
            options.add("START WITH " + words.group(1));
        }
        if (!words.group(2).equals("1")) {
            options.add("INCREMENT BY " + words.group(2));
        }
        if (!words.group(5).equals("1")) {
            options.add("CACHE " + words.group(5));
        }
        if (words.group(6) != null) {
            options.add("CYCLE");
        }
        return options.isEmpty() ? "" : " (" + String.join(" ", options) + ")";
    }

    private static String commentTarget(SchemaObject object) {
        if (object.type() == ObjectType.CONSTRAINT || object.type() == ObjectType.TRIGGER
                || object.type() == ObjectType.POLICY) {
            return Identifiers.quote(object.name()) + " ON " + object.sqlTable().orElse("");
        }
        if (object.type() == ObjectType.COLUMN) {
            return object.sqlTable().orElse("") + "." + Identifiers.quote(object.name());
        }
        return object.sqlName();
    }
}
