package dev.flyback.verifier.snapshot;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apiguardian.api.API;

/**
 * Follows one database's schema step by step, reading again only what each step touched, so that a snapshot costs
 * what the step changed rather than what the schema holds.
 *
 * <p>The schema is kept as units (a relation with everything on it, a function, a type, a schema, an extension).
 * After a step, the catalog rows written since the previous read name the units it touched, together with the
 * objects whose description names one of them (a view on a renamed table, a foreign key to it); catalog rows that
 * disappeared are found by counting. Only those units are read again, with the same query as a full
 * {@link CatalogReader#read read}, so an incremental snapshot equals a full one. When something the units cannot
 * describe changes (a role is renamed, or a schema is altered: renaming one renames what is named after what it
 * holds, such as a cast between its types), the whole schema is read again.
 *
 * <p>With the system property {@code flyback.snapshot.verify=true}, every incremental snapshot is compared with a
 * full read and a difference is thrown as an {@link IllegalStateException}; the test suite runs that way.
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class CatalogTracker {
    /** The key prefix of a schema's catalog row. */
    private static final String SCHEMAS = "pg_namespace:";

    private final Collection<String> excludedTables;
    private final boolean verify = Boolean.getBoolean("flyback.snapshot.verify");
    private final Map<String, List<SchemaObject>> units = new HashMap<>();
    /** Per tracked catalog, the known user OIDs and the unit each belongs to (null: none). */
    private final Map<String, Map<String, String>> keys = new HashMap<>();
    private long watermark;
    private String roles;
    private SchemaSnapshot snapshot;
    private Set<String> lastTouched = Set.of();

    private CatalogTracker(Collection<String> excludedTables) {
        this.excludedTables = List.copyOf(excludedTables);
    }

    /**
     * Reads the whole schema once and starts following it.
     *
     * @param connection an open connection to the database
     * @param excludedTables table names to leave out wherever they are (Flyway's history tables)
     */
    public static CatalogTracker start(Connection connection, Collection<String> excludedTables)
            throws SQLException {
        CatalogTracker tracker = new CatalogTracker(excludedTables);
        tracker.readAll(connection);
        return tracker;
    }

    /** The schema as of the last read. */
    public SchemaSnapshot snapshot() {
        return snapshot;
    }

    /**
     * How many units the last {@link #refresh} read again; for profiling, and for tests that prove a step reads
     * little.
     */
    public int lastTouched() {
        return lastTouched.size();
    }

    /** Reads again what changed since the last read and returns the schema now. */
    public SchemaSnapshot refresh(Connection connection) throws SQLException {
        Set<String> touched = new HashSet<>();
        Map<String, Long> counts = new HashMap<>();
        String nowRoles = null;
        boolean schemaAltered = false;
        long next = watermark;
        try (PreparedStatement query = connection.prepareStatement(CatalogChanges.CHANGES)) {
            query.setLong(1, watermark);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    String kind = rows.getString(1);
                    String key = rows.getString(2);
                    String unit = rows.getString(3);
                    switch (kind) {
                        case "watermark" -> next = Long.parseLong(key);
                        case "roles" -> nowRoles = key;
                        case "count" -> counts.put(key, Long.parseLong(unit));
                        default -> {
                            schemaAltered |= key != null && key.startsWith(SCHEMAS)
                                    && keys.get("pg_namespace").containsKey(key.substring(SCHEMAS.length()));
                            if (unit != null) {
                                touched.add(unit);
                            }
                            if (key != null) {
                                remember(key, unit);
                            }
                        }
                    }
                }
            }
        }
        if (!java.util.Objects.equals(nowRoles, roles) || schemaAltered) {
            readAll(connection);
            return snapshot;
        }
        Set<String> recent = new HashSet<>(lastTouched);
        recent.addAll(touched);
        for (String catalog : CatalogChanges.TRACKED) {
            Map<String, String> known = keys.get(catalog);
            long missing = known.size() - counts.getOrDefault(catalog, 0L);
            if (missing != 0) {
                // What a step removes was most often made or touched just before (an undo drops what its up
                // created): those keys are asked about first, and all of them only when that does not account for
                // every row gone.
                List<String> candidates = new ArrayList<>();
                known.forEach((key, unit) -> {
                    if (unit != null && recent.contains(unit)) {
                        candidates.add(key);
                    }
                });
                List<String> gone = missing > 0 && candidates.size() >= missing
                        ? vanished(connection, catalog, candidates) : List.of();
                if (gone.size() != missing) {
                    gone = vanished(connection, catalog, known.keySet());
                }
                for (String key : gone) {
                    String unit = known.remove(key);
                    if (unit != null) {
                        touched.add(unit);
                    }
                }
            }
        }
        watermark = next;
        lastTouched = touched;
        if (!touched.isEmpty()) {
            snapshot = merge(read(connection, touched), touched);
        }
        if (verify) {
            verify(connection);
        }
        return snapshot;
    }

    private void readAll(Connection connection) throws SQLException {
        keys.clear();
        CatalogChanges.TRACKED.forEach(catalog -> keys.put(catalog, new HashMap<>()));
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT txid_snapshot_xmin(txid_current_snapshot()) % 4294967296, (SELECT md5(string_agg(oid || ':' "
                        + "|| rolname, ',' ORDER BY oid)) FROM pg_roles)");
             ResultSet rows = query.executeQuery()) {
            rows.next();
            watermark = rows.getLong(1);
            roles = rows.getString(2);
        }
        try (PreparedStatement query = connection.prepareStatement(CatalogChanges.KEYS);
             ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                remember(rows.getString(1), rows.getString(2));
            }
        }
        units.clear();
        units.putAll(read(connection, null));
        lastTouched = Set.copyOf(units.keySet());
        snapshot = assemble();
    }

    /** Remembers a user row of a tracked catalog ({@code pg_class:16385}) and its unit. */
    private void remember(String key, String unit) {
        int colon = key.indexOf(':');
        String id = key.substring(colon + 1);
        Map<String, String> known = keys.get(key.substring(0, colon));
        if (known != null) {
            known.put(id, unit);
        }
    }

    private static List<String> vanished(Connection connection, String catalog, Collection<String> known)
            throws SQLException {
        List<String> gone = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement(CatalogChanges.vanished(catalog))) {
            query.setArray(1, connection.createArrayOf("text", known.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    gone.add(rows.getString(1));
                }
            }
        }
        return gone;
    }

    /** Reads the objects of the given units (all units when null), grouped by unit. */
    private Map<String, List<SchemaObject>> read(Connection connection, Set<String> wanted) throws SQLException {
        Map<String, List<SchemaObject>> read = new HashMap<>();
        CatalogReader.read(connection, excludedTables, wanted,
                (unit, object) -> read.computeIfAbsent(unit, u -> new ArrayList<>()).add(object));
        return read;
    }

    private SchemaSnapshot assemble() {
        List<SchemaObject> all = new ArrayList<>();
        units.values().forEach(all::addAll);
        return new SchemaSnapshot(all);
    }

    /**
     * The snapshot after the touched units were read again: the previous snapshot's order, less the objects that
     * changed or went, with the new and changed ones inserted where they sort. Objects a step left as they were stay
     * the same instances, so comparing snapshots skips them by identity; nothing is sorted or named but the few
     * objects that changed.
     */
    private SchemaSnapshot merge(Map<String, List<SchemaObject>> fresh, Set<String> touched) {
        Set<SchemaObject> gone = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        List<SchemaObject> added = new ArrayList<>();
        Set<String> readAgain = new HashSet<>(touched);
        readAgain.addAll(fresh.keySet());
        for (String unit : readAgain) {
            // Kept only when equal and the same object: one dropped and created again as it was is equal, but it
            // has a new identity, which a later rename must be followed by.
            Map<List<Object>, SchemaObject> before = new HashMap<>();
            units.getOrDefault(unit, List.of()).forEach(o -> before.put(List.of(o, o.identity()), o));
            List<SchemaObject> now = new ArrayList<>();
            for (SchemaObject object : fresh.getOrDefault(unit, List.of())) {
                SchemaObject same = before.remove(List.of(object, object.identity()));
                if (same == null) {
                    added.add(object);
                    now.add(object);
                } else {
                    now.add(same);
                }
            }
            gone.addAll(before.values());
            if (now.isEmpty()) {
                units.remove(unit);
            } else {
                units.put(unit, now);
            }
        }
        if (gone.isEmpty() && added.isEmpty()) {
            return snapshot;
        }
        List<SchemaObject> kept = new ArrayList<>(snapshot.size());
        for (SchemaObject object : snapshot.objects()) {
            if (!gone.contains(object)) {
                kept.add(object);
            }
        }
        List<SchemaObject> inserted = new SchemaSnapshot(added).objects();
        List<SchemaObject> merged = new ArrayList<>(kept.size() + inserted.size());
        int from = 0;
        for (SchemaObject object : inserted) {
            int at = java.util.Collections.binarySearch(kept.subList(from, kept.size()), object);
            int end = from + (at < 0 ? -at - 1 : at);
            merged.addAll(kept.subList(from, end));
            merged.add(object);
            from = end;
        }
        merged.addAll(kept.subList(from, kept.size()));
        return SchemaSnapshot.ofSorted(merged);
    }

    private void verify(Connection connection) throws SQLException {
        SchemaSnapshot full = CatalogReader.read(connection, excludedTables);
        if (!full.equals(snapshot) || !identities(full).equals(identities(snapshot))) {
            Set<SchemaObject> missing = new HashSet<>(full.objects());
            snapshot.objects().forEach(missing::remove);
            Set<SchemaObject> extra = new HashSet<>(snapshot.objects());
            full.objects().forEach(extra::remove);
            throw new IllegalStateException("The incremental snapshot differs from a full read: missing "
                    + missing + ", extra " + extra + (missing.isEmpty() && extra.isEmpty() ? ", identities "
                    + identities(full) + " against " + identities(snapshot) : ""));
        }
    }

    private static List<String> identities(SchemaSnapshot snapshot) {
        return snapshot.objects().stream().map(o -> o.key() + "=" + o.identity()).toList();
    }
}
