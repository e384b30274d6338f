package dev.flyback.verifier.model;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import org.apiguardian.api.API;

import dev.flyback.verifier.SchemaAtRevision;
import dev.flyback.verifier.database.DatabaseSettings;
import dev.flyback.verifier.database.DatabaseStartException;
import dev.flyback.verifier.database.DisposableDatabase;
import dev.flyback.verifier.diff.SchemaDiff;
import dev.flyback.verifier.diff.SchemaDifference;
import dev.flyback.verifier.internal.ddl.DdlScript;
import dev.flyback.verifier.internal.hibernate.EntityDdl;
import dev.flyback.verifier.migration.FlywaySettings;
import dev.flyback.verifier.migration.MigrationException;
import dev.flyback.verifier.migration.Migrations;
import dev.flyback.verifier.migration.Revision;
import dev.flyback.verifier.snapshot.Identifiers;
import dev.flyback.verifier.snapshot.ObjectType;
import dev.flyback.verifier.snapshot.SchemaObject;
import dev.flyback.verifier.snapshot.SchemaSnapshot;

/**
 * How far the schema the migrations give (at their head) is from the schema the team wants, and the revision that
 * would close the gap: what Alembic's {@code revision --autogenerate} compares, on two disposable databases (the
 * history migrated to its head on one, the target created on the other), written as PostgreSQL prints its objects.
 *
 * <pre><code class='java'>
 * ModelDrift drift = ModelDrift.measure(flyway, DatabaseSettings.embedded(), loader,
 *         TargetModel.entities(List.of("com.example.model")));
 * if (!drift.matches()) System.out.println(String.join("\n", drift.upgrade()));
 * </code></pre>
 *
 * @param head the version at the head of the history, empty when it has none
 * @param target what was compared with it
 * @param differences what differs from the head to the target: {@code Added} is in the target only
 * @param upgrade the statements that take the head to the target, in an order PostgreSQL accepted
 * @param upgradeNotes what the upgrade's author must decide or know: a drop that may be a rename, lost values, a new
 *                     {@code NOT NULL}
 * @param downgrade the statements that take the target back to the head (the undo)
 * @param downgradeNotes what the undo cannot bring back
 * @since 0.4
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.4")
public record ModelDrift(Optional<String> head, TargetModel target, List<SchemaDifference> differences,
                         List<String> upgrade, List<String> upgradeNotes, List<String> downgrade,
                         List<String> downgradeNotes) {
    /** The kinds of object JPA entities describe; the others (functions, triggers, views) stay as migrated. */
    private static final Set<ObjectType> ENTITY_KINDS = Set.of(ObjectType.TABLE, ObjectType.COLUMN,
            ObjectType.CONSTRAINT, ObjectType.INDEX, ObjectType.SEQUENCE, ObjectType.ENUM, ObjectType.CAST);
    /** The properties JPA entities do not describe, left as migrated. */
    private static final Set<String> NOT_FROM_ENTITIES = Set.of("comment", "acl", "owner", "statistics", "options",
            "replica_identity", "row_level_security", "force_row_level_security", "persistence", "position");

    public ModelDrift {
        differences = List.copyOf(differences);
        upgrade = List.copyOf(upgrade);
        upgradeNotes = List.copyOf(upgradeNotes);
        downgrade = List.copyOf(downgrade);
        downgradeNotes = List.copyOf(downgradeNotes);
    }

    /** Whether the migrations give the target schema: nothing differs. */
    public boolean matches() {
        return differences.isEmpty();
    }

    /**
     * For humans, when the migrations do not give the target: what differs, the statements of the revision that would
     * close the gap, and what its author must decide. {@code howToWrite} says how to have it written ({@code flyback
     * new "MESSAGE" --autogenerate ...}).
     */
    public String report(String howToWrite) {
        StringBuilder message = new StringBuilder("The migrations at ").append(head.map(v -> "V" + v)
                        .orElse("an empty history")).append(" do not give ").append(target.describe()).append(": ")
                .append(differences.size()).append(" difference(s)\n");
        changes().forEach(line -> message.append("  ").append(line).append('\n'));
        message.append("\nThe revision that would close the gap (").append(howToWrite).append("):\n");
        upgrade.forEach(statement -> message.append(statement.indent(2)));
        if (!upgradeNotes.isEmpty()) {
            message.append("\nDecide before you commit it:\n");
            upgradeNotes.forEach(note -> message.append("  - ").append(note).append('\n'));
        }
        return message.toString().stripTrailing();
    }

    /**
     * Migrates the history to its head on one disposable database, creates the target on another beside it, and
     * compares them.
     *
     * @param classLoader where Java migrations and the entities are (the project's classpath)
     * @throws MigrationException when a revision of the history fails, or a statement of the target schema file does
     *                            (naming its file and line)
     * @throws IllegalArgumentException when the entities cannot be read, or Hibernate's DDL for them fails
     */
    public static ModelDrift measure(FlywaySettings flyway, DatabaseSettings database, ClassLoader classLoader,
                                     TargetModel target) throws MigrationException {
        Migrations.checkLocations(flyway, classLoader);
        try (DisposableDatabase current = DisposableDatabase.start(database)) {
            return measure(flyway, current, classLoader, target);
        }
    }

    /**
     * The same on {@code current}, an empty scratch database Flyback created (the extension's), and another created
     * beside it for the target.
     *
     * @throws MigrationException when a revision of the history fails, or a statement of the target schema file does
     */
    public static ModelDrift measure(FlywaySettings flyway, DisposableDatabase current, ClassLoader classLoader,
                                     TargetModel target) throws MigrationException {
        Migrations migrations = Migrations.open(flyway, current.dataSource(), classLoader);
        migrations.prepare();
        List<Revision> revisions = migrations.revisions();
        if (!revisions.isEmpty()) {
            SchemaAtRevision.moveTo(migrations, revisions, -1, revisions.size() - 1);
        }
        SchemaSnapshot head = SchemaAtRevision.read(migrations, current);
        try (DisposableDatabase wanted = current.createSibling(Optional.empty())) {
            create(target, migrations, wanted, classLoader, head);
            SchemaSnapshot goal = SchemaAtRevision.read(migrations, wanted);
            if (target instanceof TargetModel.Entities) {
                head = describedByEntities(head);
                goal = describedByEntities(goal);
            } else {
                head = withoutColumnOrder(head);
                goal = withoutColumnOrder(goal);
            }
            List<SchemaDifference> differences = SchemaDiff.compareByName(head, goal);
            if (differences.isEmpty()) {
                return new ModelDrift(version(revisions), target, differences, List.of(), List.of(), List.of(),
                        List.of());
            }
            DdlScript upgrade;
            DdlScript downgrade;
            try (Connection atHead = current.dataSource().getConnection();
                 Connection atTarget = wanted.dataSource().getConnection()) {
                upgrade = DdlScript.migration(head, goal).orderedOn(atHead);
                downgrade = DdlScript.undoOf(differences).orderedOn(atTarget);
            } catch (SQLException e) {
                throw new DatabaseStartException("Lost the database while ordering the statements: "
                        + e.getMessage(), e);
            }
            return new ModelDrift(version(revisions), target, differences, upgrade.statements(),
                    upgrade.notes(), downgrade.statements(), downgrade.notes());
        }
    }

    private static Optional<String> version(List<Revision> revisions) {
        return revisions.isEmpty() ? Optional.empty() : Optional.of(revisions.get(revisions.size() - 1).version());
    }

    /** Creates the target schema on {@code wanted}, an empty database. */
    private static void create(TargetModel target, Migrations migrations, DisposableDatabase wanted,
                               ClassLoader classLoader, SchemaSnapshot head) throws MigrationException {
        if (target instanceof TargetModel.SchemaFile file) {
            if (!java.nio.file.Files.isRegularFile(file.file())) {
                throw new IllegalArgumentException("No target schema file " + file.file() + ": give a SQL file "
                        + "that creates the whole schema as it should be");
            }
            migrations.runScript(file.file(), wanted.dataSource());
            return;
        }
        TargetModel.Entities entities = (TargetModel.Entities) target;
        try (Connection connection = wanted.dataSource().getConnection(); Statement jdbc = connection.createStatement()) {
            int major = connection.getMetaData().getDatabaseMajorVersion();
            List<String> statements;
            try {
                statements = EntityDdl.createStatements(entities.packages(), classLoader, major);
            } catch (NoClassDefFoundError e) {
                throw new IllegalArgumentException("Reading JPA entities needs Hibernate ORM 7 "
                        + "(org.hibernate.orm:hibernate-core) on the classpath beside Flyback; add it to the project's "
                        + "test dependencies (missing: " + e.getMessage() + ")", e);
            }
            // What the entities name but do not create (an enum or a domain as a column's definition, an
            // extension's type), as the migrations made it, first: entities do not describe those.
            Set<String> typesOfEntities = new java.util.HashSet<>();
            statements.forEach(sql -> {
                java.util.regex.Matcher type = CREATE_TYPE.matcher(sql);
                if (type.find()) {
                    typesOfEntities.add(type.group(1).replace("\"", "").toLowerCase(java.util.Locale.ROOT));
                }
            });
            for (SchemaObject named : head.objects()) {
                if (NAMED_BY_ENTITIES.contains(named.type()) && !typesOfEntities.contains(named.name())
                        && !(named.type() == ObjectType.SCHEMA && named.name().equals("public"))) {
                    Optional<String> create = dev.flyback.verifier.finding.FixHints.recreate(named);
                    if (create.isPresent()) {
                        execute(jdbc, create.get(), "the migrations' " + named.describe(), major);
                    }
                }
            }
            for (String statement : statements) {
                execute(jdbc, statement, "Hibernate's DDL for " + target.describe(), major);
            }
        } catch (SQLException e) {
            throw new DatabaseStartException("Lost the target database: " + e.getMessage(), e);
        }
    }

    /** {@code create type "Kind" as enum ...}: a type Hibernate creates for an enum it maps as a named enum. */
    private static final java.util.regex.Pattern CREATE_TYPE = java.util.regex.Pattern.compile(
            "(?i)^create\\s+type\\s+(\\S+)");
    /** What a column of an entity may name without the entities creating it; made as migrated. */
    private static final Set<ObjectType> NAMED_BY_ENTITIES = java.util.EnumSet.of(ObjectType.SCHEMA,
            ObjectType.EXTENSION, ObjectType.ENUM, ObjectType.DOMAIN, ObjectType.TYPE);

    private static void execute(Statement jdbc, String statement, String what, int major) {
        try {
            jdbc.execute(statement);
        } catch (SQLException e) {
            throw new IllegalArgumentException(what + " fails on PostgreSQL " + major + ": " + statement + " ("
                    + (e.getMessage() == null ? "failed" : e.getMessage().lines().findFirst().orElse("failed"))
                    + ")", e);
        }
    }

    /**
     * The snapshot without the columns' positions: no {@code ALTER} moves a column, and a new column goes last
     * whatever the target says (Alembic does not compare the order either).
     */
    private static SchemaSnapshot withoutColumnOrder(SchemaSnapshot snapshot) {
        return new SchemaSnapshot(snapshot.objects().stream().map(o -> without(o, Set.of("position"))).toList());
    }

    /** The objects and properties JPA entities describe; the rest is left as the migrations made it. */
    private static SchemaSnapshot describedByEntities(SchemaSnapshot snapshot) {
        return new SchemaSnapshot(snapshot.objects().stream().filter(o -> ENTITY_KINDS.contains(o.type()))
                .map(o -> without(o, NOT_FROM_ENTITIES)).toList());
    }

    private static SchemaObject without(SchemaObject object, Set<String> properties) {
        if (object.properties().keySet().stream().noneMatch(properties::contains)) {
            return object;
        }
        SortedMap<String, String> kept = new TreeMap<>(object.properties());
        kept.keySet().removeAll(properties);
        return new SchemaObject(object.type(), object.schema(), object.table(), object.name(), object.arguments(),
                kept, object.identity());
    }

    /**
     * What differs, one line each, for humans: a new table with its columns, then every other object, by table: {@code + table research_tags (id, research_id, tag)}, {@code + column
     * users.nickname}, {@code ~ column users.full_name: type varchar(200) -> varchar(300)}, {@code - index ...}.
     */
    public List<String> changes() {
        Map<String, List<String>> newTables = new LinkedHashMap<>();
        differences.stream().filter(d -> d instanceof SchemaDifference.Added && d.subject().type() == ObjectType.TABLE)
                .forEach(d -> newTables.put(d.subject().schema() + "." + d.subject().name(), new ArrayList<>()));
        List<String> lines = new ArrayList<>();
        for (SchemaDifference difference : differences) {
            SchemaObject object = difference.subject();
            if (object.type() == ObjectType.INDEX && differences.stream().anyMatch(other -> other.subject().type()
                    == ObjectType.CONSTRAINT && other.subject().name().equals(object.name())
                    && other.subject().table().equals(object.table()))) {
                continue; // the index of a key: the key says it
            }
            String table = object.schema() + "." + object.table().orElse("");
            if (difference instanceof SchemaDifference.Added && object.type() == ObjectType.COLUMN
                    && newTables.containsKey(table)) {
                newTables.get(table).add(Identifiers.quote(object.name()));
                continue;
            }
            if (object.table().isPresent() && newTables.containsKey(table) && difference instanceof SchemaDifference.Added) {
                lines.add("+ " + describe(object));
                continue;
            }
            if (difference instanceof SchemaDifference.Added && object.type() == ObjectType.TABLE) {
                continue;
            }
            String sign = difference instanceof SchemaDifference.Added ? "+ "
                    : difference instanceof SchemaDifference.Removed ? "- " : "~ ";
            String line = sign + describe(object);
            if (difference instanceof SchemaDifference.Changed changed) {
                List<String> what = new ArrayList<>();
                changed.changes().forEach((key, change) -> what.add(key + " " + change.before() + " -> "
                        + change.after()));
                line += ": " + String.join("; ", what);
            }
            lines.add(line);
        }
        List<String> result = new ArrayList<>();
        newTables.forEach((table, columns) -> result.add("+ table " + table.substring(table.indexOf('.') + 1)
                + " (" + String.join(", ", columns) + ")"));
        result.addAll(lines);
        return result;
    }

    private static String describe(SchemaObject object) {
        String kind = object.type() == ObjectType.CONSTRAINT ? object.property("kind").orElse("constraint")
                .toLowerCase(java.util.Locale.ROOT) : object.type().displayName();
        return kind + " " + object.table().map(t -> t + ".").orElse("") + object.name();
    }
}
