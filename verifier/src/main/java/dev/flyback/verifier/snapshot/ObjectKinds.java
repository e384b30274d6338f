package dev.flyback.verifier.snapshot;

import java.util.List;
import java.util.Optional;

import org.apiguardian.api.API;

/**
 * Every {@link ObjectKind}: the kinds read from a catalog of their own. (Tables, columns, constraints, indexes,
 * views, sequences, functions, types, triggers, policies and rules, which share the relation and type catalogs, are
 * read by {@link CatalogReader}'s main query.)
 *
 * @since 0.1
 */
@API(status = API.Status.INTERNAL, since = "0.1")
public final class ObjectKinds {
    /** Every kind, one line each. */
    public static final List<ObjectKind> ALL = List.of(
            new Publications(),
            new EventTriggers(),
            new Casts(),
            new Operators(),
            new TextSearchConfigurations(),
            new TextSearchDictionaries(),
            new DefaultPrivileges(),
            new Collations(),
            new Conversions(),
            new StatisticsObjects(),
            new ForeignDataWrappers(),
            new ForeignServers());

    private ObjectKinds() {
    }

    /** The declared kind of a type, if it is one of {@link #ALL}. */
    public static Optional<ObjectKind> of(ObjectType type) {
        return ALL.stream().filter(kind -> kind.type() == type).findFirst();
    }
}
