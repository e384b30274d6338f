package dev.flyback.verifier.snapshot;

import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * A kind of schema object declared in one place: the catalog that keeps it, the one query that reads it, the snapshot
 * unit each object belongs to, and the SQL that removes one an undo left behind (or brings back one it dropped).
 *
 * <p>Adding a kind is one class in this package, listed in {@link ObjectKinds#ALL}, its constant in
 * {@link ObjectType}, and a golden scenario whose undo forgets one (see the README, "Adding an object kind"). The
 * snapshot reads it, the incremental tracker follows its catalogs, the diff and every leftover, missing or changed
 * finding (with its rule id, {@code LEFTOVER_<TYPE>}) come with it.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public interface ObjectKind {

    /** The kind. */
    ObjectType type();

    /**
     * The catalogs whose rows make these objects, the first being the one each object has its row and OID in. A row
     * written or deleted in any of them touches the unit {@link Catalog#unitOf} names, which is then read again.
     */
    List<Catalog> catalogs();

    /**
     * One {@code SELECT} with the columns {@code unit, schema_name, table_name, object_name, arguments, props, ident,
     * oid}: the snapshot unit (for an object on a table, the table's unit {@code 'c:' || oid}; else
     * {@code '<catalog>:' || oid}), where it lives ({@code ''} as the schema of an object named on its own), its
     * name, its arguments or NULL, its properties as one {@code jsonb} object (NULL values are left out), an
     * identity that survives renames, and its OID in the first catalog. Objects of PostgreSQL itself (OIDs below
     * 16384) and of extensions are left out by the reader.
     */
    String select();

    /**
     * The prefix of the units {@link #select} names, before the colon: the first catalog's name for objects that are
     * units of their own ({@code pg_collation:16390}), {@code c} for objects that belong to a table's unit. A read
     * of some units runs this kind's branch only when one of them has this prefix.
     */
    default String unitGroup() {
        return catalogs().get(0).name();
    }

    /** The SQL that removes an object of this kind, written into an undo that left it behind. */
    String drop(SchemaObject object);

    /** The SQL that brings back an object of this kind an undo dropped, where its properties are enough. */
    default Optional<String> recreate(SchemaObject object) {
        return Optional.empty();
    }

    /**
     * A catalog and the unit a row of it belongs to.
     *
     * @param name the catalog, {@code pg_publication}
     * @param unitOf an SQL expression of the unit of the row whose OID is {@code k.objid}, or NULL when none
     */
    record Catalog(String name, String unitOf) {

        /** A catalog whose every row is an object of its own unit, {@code '<catalog>:' || oid}. */
        public static Catalog own(String name) {
            return new Catalog(name, "'" + name + ":' || k.objid");
        }

        /** A catalog whose rows belong to the unit of another row, named by the expression over row {@code x}. */
        public static Catalog partOf(String name, String unitOfRow) {
            return new Catalog(name, "(SELECT " + unitOfRow + " FROM " + name + " x WHERE x.oid = k.objid)");
        }
    }
}
